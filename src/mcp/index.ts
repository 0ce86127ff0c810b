/**
 * The MCP edge: tools over the index, served on stdio or Streamable HTTP, with background jobs.
 */
export { createServer } from './server/create-server.js';
export type { McpSession, ServerDeps } from './server/create-server.js';
export { RootPolicy, isInside } from './server/roots.js';
export { JobManager, isTerminal } from './jobs/job-manager.js';
export type { JobManagerOptions, LiveJob, ProgressListener } from './jobs/job-manager.js';
export { McpRuntime } from './runtime.js';
export type { RuntimeOptions } from './runtime.js';
export { serveStdio } from './transports/stdio.js';
export type { StdioHandle } from './transports/stdio.js';
export { serveHttp } from './transports/http.js';
export type { HttpHandle, HttpOptions, Readiness } from './transports/http.js';
export { assertSafeBinding, isLoopbackHost } from './transports/http-security.js';
export { armExitDeadline } from './transports/exit-deadline.js';
export { TOOLS } from './tools/index.js';
export type { ToolCall, ToolContext, ToolDefinition } from './tools/index.js';
