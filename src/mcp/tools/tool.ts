/**
 * What every tool file exports: a name, a short description (it costs the assistant context on
 * every turn), annotations, a strict zod input schema and a handler. Handlers return a plain
 * JSON-able object on success and throw a `CodebaseError` for expected failures; the registry turns
 * those into `isError` results and malformed arguments into JSON-RPC errors.
 */
import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { Embedder } from '../../embed/index.js';
import type { z } from 'zod';
import type { Logger } from '../../core/index.js';
import type { FusionOptions } from '../../search/index.js';
import type { Store } from '../../store/index.js';
import type { JobManager } from '../jobs/job-manager.js';
import type { RootPolicy } from '../server/roots.js';

/** Everything a tool may use, shared by all sessions of one server process except `roots`. */
export interface ToolContext {
  readonly store: Store;
  readonly jobs: JobManager;
  /** The directories this session may index or read. */
  readonly roots: RootPolicy;
  /** Project used when a call names none. */
  readonly defaultProject: string;
  /** Embedding provider for hybrid search, or null (lexical only). */
  readonly embedder: Embedder | null;
  /** How embedding results join BM25. */
  readonly fusion: FusionOptions;
  /** Weight of synonym and abbreviation terms added to queries (0: off). */
  readonly expansion: number;
  readonly logger: Logger;
  readonly now: () => number;
}

/** The request a handler serves: cancellation and, when the client asked for it, progress. */
export interface ToolCall {
  readonly signal: AbortSignal;
  /** Present when the client sent a progress token. */
  readonly reportProgress?: (progress: number, total: number | undefined, message: string) => Promise<void>;
}

export interface ToolDefinition<Schema extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly annotations: ToolAnnotations;
  readonly input: Schema;
  handler(args: z.output<Schema>, ctx: ToolContext, call: ToolCall): Promise<object>;
}

/** Keeps the handler's argument type tied to its schema while storing tools in one list. */
export function defineTool<Schema extends z.ZodType>(tool: ToolDefinition<Schema>): ToolDefinition {
  return tool as unknown as ToolDefinition;
}
