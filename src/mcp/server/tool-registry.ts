/**
 * Serves `tools/list` and `tools/call` from the tool definitions. The low-level SDK `Server` is
 * used (not `McpServer`) because the spec's split matters here: malformed arguments must be
 * JSON-RPC errors (-32602), while expected failures are results with `isError: true`.
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { CodebaseError, type Logger } from '../../core/index.js';
import type { ToolCall, ToolContext, ToolDefinition } from '../tools/index.js';

export function registerTools(
  server: Server,
  tools: readonly ToolDefinition[],
  ctx: ToolContext,
  logger: Logger,
): void {
  const byName = new Map(tools.map((t) => [t.name, t]));
  const listed: Tool[] = tools.map((t) => ({
    name: t.name,
    title: t.title,
    description: t.description,
    inputSchema: inputSchemaOf(t),
    annotations: { title: t.title, ...t.annotations },
  }));

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listed }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const { name, arguments: rawArgs, _meta } = request.params;
    const tool = byName.get(name);
    if (!tool)
      throw new McpError(
        ErrorCode.InvalidParams,
        `Unknown tool "${name}". Tools: ${[...byName.keys()].join(', ')}.`,
      );
    const parsed = tool.input.safeParse(rawArgs ?? {});
    if (!parsed.success) {
      throw new McpError(
        ErrorCode.InvalidParams,
        `Invalid arguments for ${name}: ${describeIssues(parsed.error)}`,
      );
    }
    const progressToken = _meta?.progressToken;
    const call: ToolCall = {
      signal: extra.signal,
      ...(progressToken !== undefined
        ? {
            reportProgress: (progress: number, total: number | undefined, message: string) =>
              extra.sendNotification({
                method: 'notifications/progress',
                params: { progressToken, progress, ...(total !== undefined ? { total } : {}), message },
              }),
          }
        : {}),
    };
    const started = ctx.now();
    try {
      const answer = await tool.handler(parsed.data, ctx, call);
      logger.debug('tool call', { tool: name, ms: ctx.now() - started });
      return { content: [{ type: 'text', text: JSON.stringify(answer) }] };
    } catch (error) {
      if (error instanceof CodebaseError) {
        logger.debug('tool call failed', { tool: name, code: error.code, ms: ctx.now() - started });
        return {
          isError: true,
          content: [{ type: 'text', text: `${error.code}: ${error.toUserMessage()}` }],
        };
      }
      const message = error instanceof Error ? error.message : String(error);
      logger.error('tool call failed unexpectedly', {
        tool: name,
        error: message,
        stack: (error as Error)?.stack,
      });
      return {
        isError: true,
        content: [
          {
            type: 'text',
            text: `INTERNAL_ERROR: ${name} failed: ${message}. The server log has the details.`,
          },
        ],
      };
    }
  });
}

function inputSchemaOf(tool: ToolDefinition): Tool['inputSchema'] {
  const schema = z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete schema['$schema'];
  return schema as Tool['inputSchema'];
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'arguments'}: ${issue.message}`)
    .join('; ');
}
