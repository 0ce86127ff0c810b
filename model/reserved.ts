/**
 * Projects that must never reach the training corpus: the reserved list (the projects our
 * benchmarks are built from) and the dev-set repositories of `eval/datasets/repos.txt`. They are
 * left out by package name and by path, so vendored copies inside other packages go too.
 */
import { existsSync, readFileSync } from 'node:fs';

export const RESERVED_PROJECTS: readonly string[] = [
  'flask',
  'requests',
  'click',
  'httpx',
  'fastapi',
  'starlette',
  'aiohttp',
  'pydantic',
  'gin',
  'cobra',
  'chi',
  'serde',
  'tokio',
  'axum',
  'sinatra',
  'rack',
  'rails',
  'express',
  'axios',
  'redux',
  'zod',
  'trpc',
  'vitest',
  'gson',
  'guzzle',
  'monolog',
  'fmt',
  'curl',
  'redis',
  'libuv',
  'nlohmann-json',
  'bats-core',
  'xmonad',
  'pandoc',
  'aeson',
  'plug',
  'phoenix',
  'ecto',
  'lazy.nvim',
  'telescope.nvim',
  'cats',
  'circe',
  'http4s',
  'dapper',
  'newtonsoft-json',
  'exposed',
  'ktor',
  'alamofire',
  'vapor',
  'zig-clap',
  'zls',
];

/** Other names the same projects go by in package names and directory layouts. */
const ALIASES: readonly string[] = [
  'guzzlehttp',
  'nlohmann',
  'newtonsoft',
  'newtonsoft.json',
  'json.hpp',
  'libcurl',
  'pycurl',
  'hiredis',
  'libhiredis',
  'libuv1',
  'uv',
  'libfmt',
  'bats',
  'telescope',
  'lazy',
  'clap.zig',
  'railties',
  'actionpack',
  'actionview',
  'activerecord',
  'activesupport',
  'activemodel',
  'actionmailer',
  'actioncable',
  'activejob',
  'activestorage',
  'actiontext',
  'actionmailbox',
  'gin-gonic',
  'go-chi',
  'redux-toolkit',
  'reduxjs',
  'tokio-rs',
  'serde-rs',
  'pydantic-core',
  'pydantic_core',
  'typelevel',
  'zigtools',
  'ziglang-clap',
];

/** Lower-case names to exclude: reserved projects, their aliases, and the dev-set repositories. */
export function reservedNames(repoRoot: string): Set<string> {
  const names = new Set<string>();
  for (const n of [...RESERVED_PROJECTS, ...ALIASES]) {
    names.add(n.toLowerCase());
    // `nlohmann-json` also appears as `nlohmann_json`.
    names.add(n.toLowerCase().replace(/[-.]/g, '_'));
  }
  const repos = `${repoRoot}/eval/datasets/repos.txt`;
  if (existsSync(repos)) {
    for (const line of readFileSync(repos, 'utf8').split('\n')) {
      const entry = line.replace(/#.*/, '').trim();
      if (entry === '') continue;
      for (const name of devSetNames(entry)) names.add(name);
    }
  }
  return names;
}

/**
 * One line of repos.txt (`name<TAB>source<TAB>package<TAB>version…`) → the names its package or
 * directories would carry: the short name, the package name, and the package name without its
 * Debian prefix/suffix (`python3-jinja2` → `jinja2`, `librust-regex-dev` → `regex`).
 */
function devSetNames(entry: string): string[] {
  const cols = entry.split('\t').map((c) => c.trim().toLowerCase());
  const out = new Set<string>();
  for (const name of [cols[0], cols[2]]) {
    if (name === undefined || name === '') continue;
    out.add(name);
    const bare = name.replace(/^(python3|golang|librust|ruby|php|node|lib)-/, '').replace(/-dev$/, '');
    out.add(bare);
    // golang-github-sirupsen-logrus → logrus
    out.add(bare.split('-').pop()!);
  }
  return [...out].filter((n) => n.length >= 2);
}

/** True when a Debian/npm package name belongs to a reserved project (any name token matches). */
export function isReservedPackage(name: string, reserved: ReadonlySet<string>): boolean {
  const lower = name.toLowerCase().replace(/^@/, '');
  if (reserved.has(lower)) return true;
  const tokens = lower.split(/[-./_]+/).filter(Boolean);
  for (const t of tokens) if (reserved.has(t)) return true;
  // Multi-token names such as `zig-clap` or `bats-core`.
  for (let i = 0; i + 1 < tokens.length; i++) if (reserved.has(`${tokens[i]}-${tokens[i + 1]}`)) return true;
  return false;
}

/**
 * True when any directory or file name on `path` names a reserved project, with version suffixes
 * (`serde-1.0.195`, `flask@2.3`) and file extensions stripped.
 */
export function isReservedPath(path: string, reserved: ReadonlySet<string>): boolean {
  for (const raw of path.toLowerCase().split('/')) {
    if (raw === '') continue;
    if (reserved.has(raw)) return true;
    const noVersion = raw.replace(/[-_@]v?\d[\w.+~-]*$/, '');
    if (reserved.has(noVersion)) return true;
    const noExt = noVersion.replace(/\.[a-z0-9]+$/, '');
    if (reserved.has(noExt)) return true;
  }
  return false;
}
