/**
 * Configuration is parsed once, at the edge: defaults < config file < environment < CLI flags.
 * The result is a frozen, typed object; an invalid value fails with one message naming the setting
 * and where it came from.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError } from '../core/index.js';
import type { LogLevel } from '../core/index.js';
import { describeIssue } from './describe-issue.js';
import { fileKeyOf, SETTINGS, type SettingDef } from './settings.js';

export interface Config {
  /** `postgres://…` or an absolute PGlite data directory (or `memory://`). */
  readonly databaseUrl: string;
  readonly project: string;
  readonly maxFileBytes: number;
  readonly logLevel: LogLevel;
  readonly logFormat: 'json' | 'pretty' | undefined;
  /** Allowed roots for the MCP server; undefined means "the working directory" for stdio. */
  readonly roots: readonly string[] | undefined;
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly authToken: string | undefined;
    readonly allowedOrigins: readonly string[];
    readonly allowedHosts: readonly string[];
  };
  readonly shutdownTimeoutMs: number;
  readonly indexing: { readonly workers: number | undefined; readonly maxConcurrentJobs: number };
  readonly embedding: {
    readonly provider: 'none' | 'ollama' | 'openai' | 'builtin';
    readonly model: string | undefined;
    readonly url: string | undefined;
    readonly apiKey: string | undefined;
    readonly batchSize: number;
    readonly concurrency: number;
    readonly timeoutMs: number;
    readonly maxRetries: number;
  };
  readonly search: {
    readonly fusion: 'auto' | 'blend' | 'rescore' | 'rrf';
    readonly lexicalWeight: number;
    readonly rrfK: number;
    readonly expansion: number;
  };
  readonly postgres: {
    readonly poolSize: number;
    readonly connectTimeoutMs: number;
    readonly statementTimeoutMs: number;
  };
  readonly hnsw: { readonly m: number; readonly efConstruction: number; readonly efSearch: number };
}

export interface ConfigSources {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Parsed CLI flags by long name (e.g. `{ project: 'x', 'max-file-bytes': '100' }`). */
  readonly flags?: Readonly<Record<string, unknown>>;
  /** Explicit config file path (`--config`); otherwise CODEBASE_MCP_CONFIG, then the XDG default if present. */
  readonly configFile?: string;
  readonly cwd?: string;
  readonly home?: string;
}

export function loadConfig(sources: ConfigSources = {}): Config {
  const env = sources.env ?? {};
  const flags = sources.flags ?? {};
  const cwd = sources.cwd ?? process.cwd();
  const home = sources.home ?? env['HOME'] ?? homedir();
  const file = readConfigFile(sources.configFile ?? env['CODEBASE_MCP_CONFIG'], env, home, cwd);

  const out: Record<string, unknown> = {};
  for (const def of SETTINGS) {
    let raw: unknown;
    let origin = 'default';
    const fromFile = file ? readFileValue(file.values, def) : undefined;
    if (fromFile !== undefined)
      [raw, origin] = [fromFile.value, `config file ${file!.path}, key "${fromFile.key}"`];
    const fromEnv = env[def.env];
    if (fromEnv !== undefined && fromEnv !== '') [raw, origin] = [fromEnv, `environment variable ${def.env}`];
    const fromFlag = def.flag ? flags[def.flag] : undefined;
    if (fromFlag !== undefined) [raw, origin] = [fromFlag, `flag --${def.flag}`];

    const parsed = def.schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const shown =
        typeof raw === 'string' && /key|token|password/i.test(def.env) ? '***' : JSON.stringify(raw);
      throw new ConfigError(
        `Invalid setting ${def.env} (from ${origin}): ${describeIssue(issue, def.unit)}, got ${shown}.`,
        {
          hint: def.doc,
          details: { setting: def.key, origin },
        },
      );
    }
    setPath(out, def.key, parsed.data);
  }

  out['databaseUrl'] = resolveDatabaseUrl(out['databaseUrl'] as string | undefined, env, home, cwd);
  if (Array.isArray(out['roots'])) out['roots'] = (out['roots'] as string[]).map((r) => resolve(cwd, r));
  return deepFreeze(out) as unknown as Config;
}

/** The default PGlite directory follows the XDG base directory spec. */
export function defaultDataDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const xdg = env['XDG_DATA_HOME'];
  const base = xdg && isAbsolute(xdg) ? xdg : join(home, '.local', 'share');
  return join(base, 'codebase-mcp', 'pglite');
}

function resolveDatabaseUrl(
  value: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
  cwd: string,
): string {
  if (value === undefined) return defaultDataDir(env, home);
  if (/^postgres(ql)?:\/\//i.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new ConfigError('Invalid setting CODEBASE_MCP_DATABASE_URL: not a valid URL.', {
        hint: 'Use postgres://user:password@host:5432/database (percent-encode special characters in the password).',
      });
    }
    return value;
  }
  if (value === 'memory://' || value.startsWith('memory://')) return value;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !value.startsWith('file://')) {
    throw new ConfigError(
      `Invalid setting CODEBASE_MCP_DATABASE_URL: unsupported scheme in ${JSON.stringify(value.split('://')[0])}.`,
      {
        hint: 'Use a postgres:// URL, or a directory path for the embedded PGlite store.',
      },
    );
  }
  const path = value.startsWith('file://') ? new URL(value).pathname : value;
  return resolve(cwd, path.replace(/^~(?=$|\/)/, home));
}

function readConfigFile(
  explicit: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
  cwd: string,
): { path: string; values: Record<string, unknown> } | undefined {
  const xdg = env['XDG_CONFIG_HOME'];
  const fallback = join(xdg && isAbsolute(xdg) ? xdg : join(home, '.config'), 'codebase-mcp', 'config.json');
  const path = explicit ? resolve(cwd, explicit) : fallback;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (!explicit && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`Cannot read config file ${path}: ${(error as Error).message}.`, {
      hint: 'Check the path given with --config or CODEBASE_MCP_CONFIG.',
    });
  }
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`Config file ${path} is not valid JSON: ${(error as Error).message}.`);
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new ConfigError(`Config file ${path} must contain a JSON object.`);
  }
  const known = new Set(SETTINGS.flatMap((s) => [fileKeyOf(s), ...(s.formerFileKeys ?? [])]));
  for (const key of flattenKeys(values as Record<string, unknown>)) {
    if (!known.has(key)) {
      throw new ConfigError(`Unknown setting "${key}" in config file ${path}.`, {
        hint: `Known settings: ${SETTINGS.map(fileKeyOf).join(', ')}.`,
      });
    }
  }
  return { path, values: values as Record<string, unknown> };
}

/** A setting's value in the config file, under its key or a former one. */
function readFileValue(
  values: Record<string, unknown>,
  def: SettingDef,
): { key: string; value: unknown } | undefined {
  for (const key of [fileKeyOf(def), ...(def.formerFileKeys ?? [])]) {
    const value = getPath(values, key);
    if (value !== undefined) return { key, value };
  }
  return undefined;
}

function flattenKeys(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? flattenKeys(v as Record<string, unknown>, `${prefix}${k}.`)
      : [`${prefix}${k}`],
  );
}

function getPath(obj: Record<string, unknown>, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      obj,
    );
}

function setPath(obj: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let o = obj;
  for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
  o[parts.at(-1)!] = value;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
