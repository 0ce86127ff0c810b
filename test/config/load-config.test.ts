import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';

const home = '/home/someone';

describe('loadConfig', () => {
  it('defaults to a PGlite directory under the XDG data dir', () => {
    expect(loadConfig({ env: {}, home }).databaseUrl).toBe('/home/someone/.local/share/codebase-mcp/pglite');
    expect(loadConfig({ env: { XDG_DATA_HOME: '/xdg' }, home }).databaseUrl).toBe('/xdg/codebase-mcp/pglite');
  });

  it('keeps postgres URLs and resolves relative PGlite directories', () => {
    expect(
      loadConfig({ env: { CODEBASE_MCP_DATABASE_URL: 'postgres://u:p@db:5432/x' }, home }).databaseUrl,
    ).toBe('postgres://u:p@db:5432/x');
    expect(
      loadConfig({ env: { CODEBASE_MCP_DATABASE_URL: 'data/idx' }, cwd: '/work', home }).databaseUrl,
    ).toBe('/work/data/idx');
  });

  it('lets flags win over the environment and the environment over the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cfg-'));
    const file = join(dir, 'c.json');
    await writeFile(file, JSON.stringify({ project: 'fromfile', http: { port: 1111 }, maxFileBytes: 5 }));
    const c = loadConfig({
      env: { CODEBASE_MCP_PROJECT: 'fromenv', CODEBASE_MCP_PORT: '2222' },
      flags: { project: 'fromflag' },
      configFile: file,
      home,
    });
    expect(c.project).toBe('fromflag');
    expect(c.http.port).toBe(2222);
    expect(c.maxFileBytes).toBe(5);
  });

  it('names the setting and its source when a value is invalid', () => {
    expect(() => loadConfig({ env: { CODEBASE_MCP_PORT: 'eighty' }, home })).toThrow(
      /CODEBASE_MCP_PORT \(from environment variable/,
    );
    expect(() => loadConfig({ flags: { 'max-file-bytes': '-1' }, home })).toThrow(
      /CODEBASE_MCP_MAX_FILE_BYTES \(from flag --max-file-bytes\)/,
    );
    expect(() => loadConfig({ env: { CODEBASE_MCP_EMBEDDING_PROVIDER: 'magic' }, home })).toThrow(
      /EMBEDDING_PROVIDER.*"ollama"/,
    );
    expect(() => loadConfig({ env: { CODEBASE_MCP_DATABASE_URL: 'mysql://x' }, home })).toThrow(
      /unsupported scheme/,
    );
  });

  it('says what was expected in plain words, with the unit', () => {
    expect(() => loadConfig({ flags: { workers: 'abc' }, home })).toThrow(/: expected a number, got "abc"\./);
    expect(() => loadConfig({ env: { CODEBASE_MCP_SHUTDOWN_TIMEOUT: '5000' }, home })).toThrow(
      /: must be at most 3600 seconds, got "5000"\./,
    );
    expect(() => loadConfig({ env: { CODEBASE_MCP_EMBEDDING_URL: 'x' }, home })).toThrow(/expected a URL/);
    expect(() => loadConfig({ env: { CODEBASE_MCP_SHUTDOWN_TIMEOUT: 'soon' }, home })).toThrow(
      /: expected a number of seconds, got "soon"\./,
    );
    try {
      loadConfig({ env: { CODEBASE_MCP_PORT: '1.5' }, home });
    } catch (e) {
      expect((e as Error).message).toMatch(/expected a whole number/);
      expect((e as Error).message).not.toMatch(/Invalid input|Too big|Too small/);
    }
  });

  it('never echoes secrets in error messages', () => {
    expect(() => loadConfig({ env: { CODEBASE_MCP_AUTH_TOKEN: 'short-secret' }, home })).toThrow(/\*\*\*/);
    try {
      loadConfig({ env: { CODEBASE_MCP_AUTH_TOKEN: 'short-secret' }, home });
    } catch (e) {
      expect((e as Error).message).not.toContain('short-secret');
    }
  });

  it('rejects unknown keys in the config file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cfg-'));
    const file = join(dir, 'c.json');
    await writeFile(file, JSON.stringify({ projct: 'typo' }));
    expect(() => loadConfig({ configFile: file, home })).toThrow(/Unknown setting "projct"/);
  });

  it('reads the shutdown timeout in seconds from "shutdownTimeout" (and the former "shutdownTimeoutMs")', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cfg-'));
    const file = join(dir, 'c.json');
    await writeFile(file, JSON.stringify({ shutdownTimeout: 5 }));
    expect(loadConfig({ configFile: file, home }).shutdownTimeoutMs).toBe(5000);
    await writeFile(file, JSON.stringify({ shutdownTimeoutMs: 7 }));
    expect(loadConfig({ configFile: file, home }).shutdownTimeoutMs).toBe(7000);
    await writeFile(file, JSON.stringify({ shutdownTimeout: 5000 }));
    expect(() => loadConfig({ configFile: file, home })).toThrow(
      /SHUTDOWN_TIMEOUT \(from config file .*c\.json, key "shutdownTimeout"\): must be at most 3600 seconds, got 5000\./,
    );
    await writeFile(file, JSON.stringify({ shutdownTimout: 5 }));
    expect(() => loadConfig({ configFile: file, home })).toThrow(
      expect.objectContaining({ hint: expect.stringMatching(/Known settings: .*shutdownTimeout,/) }),
    );
  });

  it('returns a frozen object', () => {
    const c = loadConfig({ env: {}, home });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.http)).toBe(true);
  });
});
