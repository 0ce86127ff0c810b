/**
 * MCP over stdio: stdout carries protocol messages only (logs go to stderr). The session ends
 * when the client closes stdin.
 */
import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { McpSession } from '../server/create-server.js';

export interface StdioHandle {
  /** Resolves when the client disconnects (stdin ends) or `close` is called. */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

export async function serveStdio(
  session: McpSession,
  stdin: Readable = process.stdin,
  stdout: Writable = process.stdout,
): Promise<StdioHandle> {
  const transport = new StdioServerTransport(stdin, stdout);
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  const onEnd = () => resolveClosed();
  stdin.once('end', onEnd);
  stdin.once('close', onEnd);
  transport.onclose = onEnd;
  await session.server.connect(transport);
  return {
    closed,
    close: async () => {
      stdin.off('end', onEnd);
      stdin.off('close', onEnd);
      await session.close();
      resolveClosed();
    },
  };
}
