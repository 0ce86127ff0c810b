/**
 * MCP over Streamable HTTP on /mcp (one SDK transport and one server per session, several at
 * once), plus GET /healthz (the process is alive) and GET /readyz (the database answers and its
 * schema is current; 503 otherwise) for container health checks.
 */
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { CodebaseError, silentLogger, type Logger } from '../../core/index.js';
import type { McpSession } from '../server/create-server.js';
import { assertSafeBinding, createRequestGuard } from './http-security.js';

export interface Readiness {
  readonly ready: boolean;
  readonly reason?: string;
}

export interface HttpOptions {
  readonly host: string;
  readonly port: number;
  readonly authToken: string | undefined;
  readonly allowedOrigins: readonly string[];
  readonly allowedHosts: readonly string[];
  /** Creates the server of a new session; undefined while the database is not ready. */
  readonly createSession: () => McpSession | undefined;
  readonly readiness: () => Promise<Readiness>;
  /** Largest accepted request body (default 1 MiB). */
  readonly maxBodyBytes?: number;
  /** Sessions open at once (default 64); the oldest idle one is closed beyond that. */
  readonly maxSessions?: number;
  /** A session without requests for this long is closed (default 1 hour). */
  readonly sessionIdleMs?: number;
  readonly logger?: Logger;
}

export interface HttpHandle {
  readonly url: string;
  readonly port: number;
  /** Open sessions. */
  readonly sessions: () => number;
  /** Stops accepting requests and connections (answers 503 from then on). */
  stopAccepting(): void;
  /** Closes every session and connection. */
  close(): Promise<void>;
}

interface Session {
  readonly transport: StreamableHTTPServerTransport;
  readonly mcp: McpSession;
  lastSeen: number;
}

export async function serveHttp(options: HttpOptions): Promise<HttpHandle> {
  assertSafeBinding(options.host, options.authToken);
  const log = options.logger ?? silentLogger;
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const maxSessions = options.maxSessions ?? 64;
  const idleMs = options.sessionIdleMs ?? 3_600_000;
  const guard = createRequestGuard({
    bindHost: options.host,
    authToken: options.authToken,
    allowedOrigins: options.allowedOrigins,
    allowedHosts: options.allowedHosts,
  });
  const sessions = new Map<string, Session>();
  let accepting = true;

  const closeSession = async (id: string) => {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    await session.transport.close().catch(() => undefined);
    await session.mcp.close().catch(() => undefined);
  };

  const handleMcp = async (req: IncomingMessage, res: ServerResponse) => {
    const rejected = guard({
      host: req.headers.host,
      origin: req.headers.origin,
      authorization: req.headers.authorization,
    });
    if (rejected) {
      if (rejected.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
      return sendRpcError(res, rejected.status, -32001, rejected.message);
    }
    const id = header(req, 'mcp-session-id');
    const existing = id ? sessions.get(id) : undefined;
    if (id && !existing)
      return sendRpcError(res, 404, -32001, 'Session not found; start a new session (initialize).');
    let body: unknown;
    if (req.method === 'POST') {
      const read = await readJson(req, maxBody);
      if (!read.ok && read.status === 413) res.setHeader('Connection', 'close');
      if (!read.ok)
        return sendRpcError(res, read.status, read.status === 413 ? -32600 : -32700, read.message);
      body = read.value;
    }
    if (existing) {
      existing.lastSeen = Date.now();
      return existing.transport.handleRequest(req, res, body);
    }
    if (req.method !== 'POST' || !isInitializeRequest(body)) {
      return sendRpcError(
        res,
        400,
        -32600,
        'No session: send an initialize request first (without mcp-session-id).',
      );
    }
    const mcp = options.createSession();
    if (!mcp)
      return sendRpcError(res, 503, -32002, 'The database is not ready yet; retry shortly (see /readyz).');
    if (sessions.size >= maxSessions) {
      const oldest = [...sessions].sort((a, b) => a[1].lastSeen - b[1].lastSeen)[0];
      if (oldest) await closeSession(oldest[0]);
    }
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (sid) => {
        sessions.set(sid, { transport, mcp, lastSeen: Date.now() });
        log.info('http session opened', { session: sid, sessions: sessions.size });
      },
      onsessionclosed: (sid) => {
        sessions.delete(sid);
        log.info('http session closed', { session: sid, sessions: sessions.size });
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await mcp.server.connect(transport);
    await transport.handleRequest(req, res, body);
  };

  const server = createHttpServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (!accepting) {
      res.setHeader('Connection', 'close');
      return sendJson(res, 503, { status: 'shutting down' });
    }
    const run = async () => {
      if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD'))
        return sendJson(res, 200, { status: 'ok' });
      if (path === '/readyz' && (req.method === 'GET' || req.method === 'HEAD')) {
        const state = await options.readiness();
        return sendJson(
          res,
          state.ready ? 200 : 503,
          state.ready ? { status: 'ready' } : { status: 'not ready', reason: state.reason },
        );
      }
      if (path === '/mcp') return handleMcp(req, res);
      return sendJson(res, 404, { error: 'Not found. The MCP endpoint is /mcp.' });
    };
    run().catch((error: unknown) => {
      log.error('http request failed', {
        path,
        error: error instanceof Error ? error.message : String(error),
      });
      if (!res.headersSent) sendRpcError(res, 500, -32603, 'Internal server error.');
      else res.end();
    });
  });
  server.requestTimeout = 0; // SSE streams and followed index jobs stay open
  server.headersTimeout = 30_000;
  // Longer than clients' idle pools: a server-side close racing a reused socket shows as ECONNRESET,
  // and PGlite work on the main thread can delay the close timer past the client's next request.
  server.keepAliveTimeout = 65_000;

  const reaper = setInterval(
    () => {
      const cutoff = Date.now() - idleMs;
      for (const [id, s] of sessions) if (s.lastSeen < cutoff) void closeSession(id);
    },
    Math.min(60_000, idleMs),
  );
  reaper.unref();

  await new Promise<void>((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) => {
      clearInterval(reaper);
      reject(listenError(error, options.host, options.port));
    };
    server.once('error', fail);
    server.listen(options.port, options.host, () => {
      server.off('error', fail);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}/mcp`,
    port,
    sessions: () => sessions.size,
    stopAccepting: () => {
      accepting = false;
      server.close();
      server.closeIdleConnections();
    },
    close: async () => {
      accepting = false;
      clearInterval(reaper);
      const closing = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...sessions.keys()].map(closeSession));
      server.closeAllConnections();
      await closing;
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readJson(
  req: IncomingMessage,
  limit: number,
): Promise<{ ok: true; value: unknown } | { ok: false; status: 400 | 413; message: string }> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit)
    return { ok: false, status: 413, message: `Request body too large (limit ${limit} bytes).` };
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req) {
    size += (part as Buffer).length;
    if (size > limit)
      return { ok: false, status: 413, message: `Request body too large (limit ${limit} bytes).` };
    parts.push(part as Buffer);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(parts).toString('utf8')) };
  } catch {
    return { ok: false, status: 400, message: 'Parse error: the body is not valid JSON.' };
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

function sendRpcError(res: ServerResponse, status: number, code: number, message: string): void {
  sendJson(res, status, { jsonrpc: '2.0', error: { code, message }, id: null });
}

/** A listen failure a user can act on: the port is taken, or the address is not this machine's. */
function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === 'EADDRINUSE') {
    return new CodebaseError('INVALID_ARGUMENT', `Port ${port} on ${host} is already in use.`, {
      hint: 'Stop the process listening there (another codebase-mcp serve?) or choose another port with --port or CODEBASE_MCP_PORT.',
      cause: error,
    });
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'EACCES') {
    return new CodebaseError('INVALID_ARGUMENT', `Cannot listen on ${host}:${port} (${error.code}).`, {
      hint:
        error.code === 'EACCES'
          ? 'Ports below 1024 need privileges: choose a higher port with --port.'
          : 'The host is not an address of this machine: use 127.0.0.1 or ::1 (--host).',
      cause: error,
    });
  }
  return error;
}
