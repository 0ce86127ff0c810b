import { describe, expect, it } from 'vitest';
import {
  assertSafeBinding,
  createRequestGuard,
  isLoopbackHost,
} from '../../src/mcp/transports/http-security.js';

const loopback = createRequestGuard({
  bindHost: '127.0.0.1',
  authToken: undefined,
  allowedOrigins: [],
  allowedHosts: [],
});

describe('HTTP request guard', () => {
  it('accepts loopback Host and Origin headers and requests without an Origin', () => {
    expect(loopback({ host: '127.0.0.1:7420' })).toBeUndefined();
    expect(loopback({ host: 'localhost:7420', origin: 'http://localhost:3000' })).toBeUndefined();
    expect(loopback({ host: '[::1]:7420', origin: 'http://[::1]:7420' })).toBeUndefined();
  });

  it('rejects a rebound Host name and a foreign Origin with 403', () => {
    expect(loopback({ host: 'evil.example:7420' })?.status).toBe(403);
    expect(loopback({ host: '127.0.0.1:7420', origin: 'https://evil.example' })?.status).toBe(403);
    expect(loopback({ host: '127.0.0.1:7420', origin: 'null' })?.status).toBe(403);
  });

  it('accepts configured extra hosts and origins', () => {
    const guard = createRequestGuard({
      bindHost: '127.0.0.1',
      authToken: undefined,
      allowedOrigins: ['https://ide.example'],
      allowedHosts: ['mcp.internal'],
    });
    expect(guard({ host: 'mcp.internal:7420', origin: 'https://ide.example' })).toBeUndefined();
  });

  it('requires the bearer token when one is configured', () => {
    const guard = createRequestGuard({
      bindHost: '0.0.0.0',
      authToken: 'a-long-secret-token',
      allowedOrigins: [],
      allowedHosts: [],
    });
    expect(guard({ host: 'server:7420' })?.status).toBe(401);
    expect(guard({ host: 'server:7420', authorization: 'Bearer wrong-token-of-some-length' })?.status).toBe(
      401,
    );
    expect(guard({ host: 'server:7420', authorization: 'Bearer a-long-secret-token' })).toBeUndefined();
  });

  it('refuses to bind beyond loopback without a token', () => {
    expect(() => assertSafeBinding('0.0.0.0', undefined)).toThrow(/CODEBASE_MCP_AUTH_TOKEN/);
    expect(() => assertSafeBinding('0.0.0.0', 'a-long-secret-token')).not.toThrow();
    expect(() => assertSafeBinding('127.0.0.1', undefined)).not.toThrow();
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('192.168.1.4')).toBe(false);
  });
});
