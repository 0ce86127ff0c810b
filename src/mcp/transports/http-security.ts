/**
 * Checks on every /mcp request, as the MCP spec advises against DNS rebinding: the Host header
 * must name this server, a browser Origin must be loopback or explicitly allowed, and, when a
 * token is configured, the bearer token must match.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { ConfigError } from '../../core/index.js';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return LOOPBACK_NAMES.has(h) || /^127(\.\d{1,3}){3}$/.test(h) || h.endsWith('.localhost');
}

/** Refuses a non-loopback bind address unless a token protects /mcp. */
export function assertSafeBinding(host: string, authToken: string | undefined): void {
  if (isLoopbackHost(host) || authToken) return;
  throw new ConfigError(
    `Refusing to serve MCP on ${host} without a bearer token (CODEBASE_MCP_AUTH_TOKEN).`,
    {
      hint: 'Set CODEBASE_MCP_AUTH_TOKEN (at least 16 characters; clients send it as "Authorization: Bearer <token>"), or bind to 127.0.0.1.',
      details: { host },
    },
  );
}

export interface RequestGuardOptions {
  readonly bindHost: string;
  readonly authToken: string | undefined;
  readonly allowedOrigins: readonly string[];
  readonly allowedHosts: readonly string[];
}

export interface Rejection {
  readonly status: 401 | 403;
  readonly message: string;
}

export function createRequestGuard(options: RequestGuardOptions) {
  const extraHosts = new Set(options.allowedHosts.map((h) => h.toLowerCase()));
  // On loopback the Host must be a loopback name: a rebinding attacker's page sends its own name.
  const checkHost = isLoopbackHost(options.bindHost) || extraHosts.size > 0;
  const origins = new Set(options.allowedOrigins.map((o) => o.replace(/\/+$/, '').toLowerCase()));
  const token = options.authToken ? digest(options.authToken) : undefined;

  return (headers: {
    host?: string | undefined;
    origin?: string | undefined;
    authorization?: string | undefined;
  }): Rejection | undefined => {
    if (checkHost) {
      const name = hostName(headers.host ?? '');
      if (!(
        isLoopbackHost(name) ||
        extraHosts.has(name) ||
        extraHosts.has((headers.host ?? '').toLowerCase())
      )) {
        return {
          status: 403,
          message: `Host "${headers.host ?? ''}" is not allowed. Add it to CODEBASE_MCP_ALLOWED_HOSTS.`,
        };
      }
    }
    const origin = headers.origin;
    if (origin !== undefined && origin !== 'null') {
      let allowed = origins.has(origin.toLowerCase());
      try {
        allowed ||= isLoopbackHost(new URL(origin).hostname.replace(/^\[|\]$/g, ''));
      } catch {
        allowed = false;
      }
      if (!allowed)
        return {
          status: 403,
          message: `Origin "${origin}" is not allowed. Add it to CODEBASE_MCP_ALLOWED_ORIGINS.`,
        };
    } else if (origin === 'null') {
      return { status: 403, message: 'Origin "null" is not allowed.' };
    }
    if (token) {
      const match = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
      if (!match || !timingSafeEqual(digest(match[1]!.trim()), token)) {
        return {
          status: 401,
          message: 'Missing or wrong bearer token. Send "Authorization: Bearer <CODEBASE_MCP_AUTH_TOKEN>".',
        };
      }
    }
    return undefined;
  };
}

/** The name part of a Host header (`[::1]:7420` → `::1`, `example.com:80` → `example.com`). */
function hostName(host: string): string {
  const h = host.toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']'));
  return h.split(':')[0]!;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
