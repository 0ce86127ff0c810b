/**
 * Every setting in one table: its key in the config file, its environment variable, its CLI flag,
 * its schema and its default. `loadConfig` reads this table and nothing else reads `process.env`.
 */
import { z } from 'zod';

export interface SettingDef {
  /** Dotted path in the resulting Config object, and the config-file key unless `fileKey` is set. */
  readonly key: string;
  /** Dotted key in the JSON config file, when it differs from `key`. */
  readonly fileKey?: string;
  /** Config-file keys of older releases, still read (same meaning and unit). */
  readonly formerFileKeys?: readonly string[];
  readonly env: string;
  /** Long CLI flag (without `--`), when the setting has one. */
  readonly flag?: string;
  readonly schema: z.ZodType;
  /** Unit of a numeric value (seconds, bytes…), named in error messages. */
  readonly unit?: string;
  /** Human description, used by `.env.example` and `--help`. */
  readonly doc: string;
}

/** The key of a setting in the JSON config file. */
export function fileKeyOf(def: SettingDef): string {
  return def.fileKey ?? def.key;
}

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const num = (min: number, max: number) => z.coerce.number().min(min).max(max);
const list = z.union([
  z.array(z.string()),
  z.string().transform((v) =>
    v
      .split(/[,:;]/)
      .map((s) => s.trim())
      .filter(Boolean),
  ),
]);

/** Seconds a command has to stop after SIGTERM/SIGINT (`shutdownTimeout`) unless configured. */
export const DEFAULT_SHUTDOWN_TIMEOUT_S = 10;

export const SETTINGS: readonly SettingDef[] = [
  {
    key: 'databaseUrl',
    env: 'CODEBASE_MCP_DATABASE_URL',
    flag: 'database-url',
    schema: z.string().min(1).optional(),
    doc: 'postgres://user:pass@host:5432/db for PostgreSQL+pgvector, or a directory for the embedded PGlite store (default: $XDG_DATA_HOME/codebase-mcp/pglite).',
  },
  {
    key: 'project',
    env: 'CODEBASE_MCP_PROJECT',
    flag: 'project',
    schema: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'letters, digits, dot, dash or underscore; at most 63')
      .default('default'),
    doc: 'Project namespace; repositories in different projects never see each other.',
  },
  {
    key: 'maxFileBytes',
    env: 'CODEBASE_MCP_MAX_FILE_BYTES',
    flag: 'max-file-bytes',
    schema: int(1, 256 * 1024 * 1024).default(1024 * 1024),
    unit: 'bytes',
    doc: 'Files larger than this are skipped and reported.',
  },
  {
    key: 'logLevel',
    env: 'CODEBASE_MCP_LOG_LEVEL',
    flag: 'log-level',
    schema: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    doc: 'Log level (logs go to stderr).',
  },
  {
    key: 'logFormat',
    env: 'CODEBASE_MCP_LOG_FORMAT',
    schema: z.enum(['json', 'pretty']).optional(),
    doc: 'json (default when stderr is not a terminal) or pretty.',
  },
  {
    key: 'roots',
    env: 'CODEBASE_MCP_ROOTS',
    schema: list.optional(),
    doc: 'Directories the MCP server may index or read (comma separated). Default for stdio: the working directory.',
  },
  {
    key: 'http.host',
    env: 'CODEBASE_MCP_HOST',
    flag: 'host',
    schema: z.string().min(1).default('127.0.0.1'),
    doc: 'HTTP bind address. Anything but loopback requires CODEBASE_MCP_AUTH_TOKEN.',
  },
  {
    key: 'http.port',
    env: 'CODEBASE_MCP_PORT',
    flag: 'port',
    schema: int(0, 65535).default(7420),
    doc: 'HTTP port for `serve --http`.',
  },
  {
    key: 'http.authToken',
    env: 'CODEBASE_MCP_AUTH_TOKEN',
    schema: z.string().min(16, 'use at least 16 characters').optional(),
    doc: 'Bearer token required on /mcp when set (mandatory when binding beyond loopback).',
  },
  {
    key: 'http.allowedOrigins',
    env: 'CODEBASE_MCP_ALLOWED_ORIGINS',
    schema: list.default([]),
    doc: 'Extra Origin values accepted on /mcp (comma separated); loopback origins are always accepted.',
  },
  {
    key: 'http.allowedHosts',
    env: 'CODEBASE_MCP_ALLOWED_HOSTS',
    schema: list.default([]),
    doc: 'Extra Host header values accepted on /mcp (comma separated), e.g. a container service name.',
  },
  {
    key: 'shutdownTimeoutMs',
    fileKey: 'shutdownTimeout',
    formerFileKeys: ['shutdownTimeoutMs'],
    env: 'CODEBASE_MCP_SHUTDOWN_TIMEOUT',
    schema: num(0.1, 3600)
      .default(DEFAULT_SHUTDOWN_TIMEOUT_S)
      .transform((s) => Math.round(s * 1000)),
    unit: 'seconds',
    doc: 'Seconds allowed for a graceful shutdown on SIGTERM/SIGINT.',
  },
  {
    key: 'indexing.workers',
    env: 'CODEBASE_MCP_WORKERS',
    flag: 'workers',
    schema: int(0, 64).optional(),
    doc: 'Chunking worker threads (default: one per CPU, at most 4; 0 chunks on the main thread).',
  },
  {
    key: 'indexing.maxConcurrentJobs',
    env: 'CODEBASE_MCP_MAX_CONCURRENT_JOBS',
    schema: int(1, 64).default(1),
    doc: 'Indexing jobs that run at once; the rest wait in the queue.',
  },
  {
    key: 'embedding.provider',
    env: 'CODEBASE_MCP_EMBEDDING_PROVIDER',
    flag: 'embedding-provider',
    schema: z.enum(['none', 'ollama', 'openai', 'builtin']).default('none'),
    doc: 'none (lexical only), builtin, ollama or openai.',
  },
  {
    key: 'embedding.model',
    env: 'CODEBASE_MCP_EMBEDDING_MODEL',
    flag: 'embedding-model',
    schema: z.string().min(1).optional(),
    doc: 'Embedding model name (ollama default: nomic-embed-text; openai default: text-embedding-3-small).',
  },
  {
    key: 'embedding.url',
    env: 'CODEBASE_MCP_EMBEDDING_URL',
    schema: z.url().optional(),
    doc: 'Provider base URL (ollama default: http://127.0.0.1:11434; openai default: https://api.openai.com).',
  },
  {
    key: 'embedding.apiKey',
    env: 'CODEBASE_MCP_EMBEDDING_API_KEY',
    schema: z.string().min(1).optional(),
    doc: 'API key for the openai provider (sent as a Bearer token; never logged).',
  },
  {
    key: 'embedding.batchSize',
    env: 'CODEBASE_MCP_EMBEDDING_BATCH_SIZE',
    schema: int(1, 2048).default(64),
    doc: 'Texts per embedding request.',
  },
  {
    key: 'embedding.concurrency',
    env: 'CODEBASE_MCP_EMBEDDING_CONCURRENCY',
    schema: int(1, 32).default(2),
    doc: 'Embedding requests in flight at once.',
  },
  {
    key: 'embedding.timeoutMs',
    env: 'CODEBASE_MCP_EMBEDDING_TIMEOUT_MS',
    schema: int(100, 600_000).default(60_000),
    unit: 'milliseconds',
    doc: 'Timeout of one embedding request, in milliseconds.',
  },
  {
    key: 'embedding.maxRetries',
    env: 'CODEBASE_MCP_EMBEDDING_MAX_RETRIES',
    schema: int(0, 20).default(4),
    doc: 'Retries on timeouts, 5xx and 429 (with exponential backoff and jitter).',
  },
  {
    key: 'search.fusion',
    env: 'CODEBASE_MCP_FUSION',
    schema: z.enum(['auto', 'blend', 'rescore', 'rrf']).default('auto'),
    doc: 'How embedding results join BM25: blend (weighted scores over both lists), rescore (lexical candidates only), rrf; auto = rescore for builtin, blend otherwise.',
  },
  {
    key: 'search.lexicalWeight',
    env: 'CODEBASE_MCP_LEXICAL_WEIGHT',
    schema: num(0, 1).default(0.5),
    doc: 'Share of the BM25 side in hybrid search (0 to 1); the embedding side gets the rest.',
  },
  {
    key: 'search.rrfK',
    env: 'CODEBASE_MCP_RRF_K',
    schema: int(1, 1000).default(60),
    doc: 'Reciprocal rank fusion constant (with CODEBASE_MCP_FUSION=rrf).',
  },
  {
    key: 'search.expansion',
    env: 'CODEBASE_MCP_QUERY_EXPANSION',
    schema: num(0, 1).default(0.5),
    doc: 'Weight of synonym, abbreviation and acronym terms added to a query (ctx for context, lru for "least recently used"); 0 turns expansion off.',
  },
  {
    key: 'postgres.poolSize',
    env: 'CODEBASE_MCP_PG_POOL_SIZE',
    schema: int(1, 200).default(10),
    doc: 'PostgreSQL connection pool size.',
  },
  {
    key: 'postgres.connectTimeoutMs',
    env: 'CODEBASE_MCP_PG_CONNECT_TIMEOUT_MS',
    schema: int(100, 600_000).default(5_000),
    unit: 'milliseconds',
    doc: 'PostgreSQL connect timeout in milliseconds.',
  },
  {
    key: 'postgres.statementTimeoutMs',
    env: 'CODEBASE_MCP_PG_STATEMENT_TIMEOUT_MS',
    schema: int(0, 3_600_000).default(60_000),
    unit: 'milliseconds',
    doc: 'PostgreSQL statement timeout in milliseconds (0: none).',
  },
  {
    key: 'hnsw.m',
    env: 'CODEBASE_MCP_HNSW_M',
    schema: int(2, 100).default(16),
    doc: 'HNSW index: max connections per layer.',
  },
  {
    key: 'hnsw.efConstruction',
    env: 'CODEBASE_MCP_HNSW_EF_CONSTRUCTION',
    schema: int(4, 1000).default(64),
    doc: 'HNSW index: candidate list size while building.',
  },
  {
    key: 'hnsw.efSearch',
    env: 'CODEBASE_MCP_HNSW_EF_SEARCH',
    schema: int(1, 1000).default(100),
    doc: 'HNSW index: candidate list size while searching.',
  },
];
