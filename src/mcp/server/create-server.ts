/**
 * One MCP server per client session. Sessions share the store and the job manager; each has its
 * own allowed roots, because each client may announce different ones.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Embedder } from '../../embed/index.js';
import { RootsListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { silentLogger, type Logger } from '../../core/index.js';
import { DEFAULT_EXPANSION_WEIGHT, DEFAULT_FUSION, type FusionOptions } from '../../search/index.js';
import type { Store } from '../../store/index.js';
import type { JobManager } from '../jobs/job-manager.js';
import { TOOLS, type ToolDefinition } from '../tools/index.js';
import { SERVER_INSTRUCTIONS } from './instructions.js';
import { RootPolicy } from './roots.js';
import { registerTools } from './tool-registry.js';

/** What `createServer` needs; transports build it once and pass it to every session. */
export interface ServerDeps {
  readonly store: Store;
  readonly jobs: JobManager;
  /** Project used when a tool call names none. */
  readonly project: string;
  /** Absolute directories that may be indexed or read. */
  readonly roots: readonly string[];
  /** Also allow the roots the client announces (stdio: the user's own editor; not over HTTP). */
  readonly trustClientRoots: boolean;
  readonly version: string;
  /** The configured embedding provider for hybrid search; null or absent: lexical only. */
  readonly embedder?: Embedder | null;
  readonly fusion?: FusionOptions;
  /** Weight of synonym and abbreviation terms added to queries (0: off; absent: the default). */
  readonly expansion?: number;
  readonly logger?: Logger;
  readonly now?: () => number;
  /** The tools to offer (default: all). */
  readonly tools?: readonly ToolDefinition[];
}

export interface McpSession {
  readonly server: Server;
  readonly roots: RootPolicy;
  close(): Promise<void>;
}

/** How long to wait for the answer to roots/list. */
const CLIENT_ROOTS_TIMEOUT_MS = 5000;

export function createServer(deps: ServerDeps): McpSession {
  const logger = deps.logger ?? silentLogger;
  const server = new Server(
    { name: 'codebase-mcp', title: 'Codebase search', version: deps.version },
    { capabilities: { tools: { listChanged: false }, logging: {} }, instructions: SERVER_INSTRUCTIONS },
  );
  const roots = new RootPolicy(deps.roots, { trustsClient: deps.trustClientRoots });
  registerTools(
    server,
    deps.tools ?? TOOLS,
    {
      store: deps.store,
      jobs: deps.jobs,
      roots,
      defaultProject: deps.project,
      embedder: deps.embedder ?? null,
      fusion: deps.fusion ?? DEFAULT_FUSION,
      expansion: deps.expansion ?? DEFAULT_EXPANSION_WEIGHT,
      logger,
      now: deps.now ?? Date.now,
    },
    logger,
  );

  if (deps.trustClientRoots) {
    const refresh = () => {
      if (!server.getClientCapabilities()?.roots) return;
      roots.refreshClientRoots(async () => {
        const { roots: list } = await server.listRoots(undefined, { timeout: CLIENT_ROOTS_TIMEOUT_MS });
        logger.info('client roots', { roots: list.map((r) => r.uri) });
        return list.map((r) => r.uri);
      });
    };
    server.oninitialized = refresh;
    server.setNotificationHandler(RootsListChangedNotificationSchema, () => refresh());
  }
  server.onerror = (error) => logger.warn('protocol error', { error: error.message });

  return {
    server,
    roots,
    close: () => server.close(),
  };
}
