/**
 * Downloads and extracts every repository of an evaluation dataset into eval/cache/, idempotently.
 *
 *   node --import tsx eval/fetch.ts eval/datasets/dev.json [--cache-dir DIR] [--only NAME,...]
 *
 * npm packages come from `npm pack name@version`; Debian packages from `apt-get download
 * name=version` + `dpkg-deb -x` (nothing is installed system-wide). A repository whose cache
 * folder holds a matching `.fetched.json` is left alone. Progress goes to stderr; stdout gets one
 * line per repository: `<name>\t<folder to index>`.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Repository, RepositorySource } from './datasets/dataset.js';
import { DEFAULT_CACHE_DIR, loadDataset, repositoryCacheDir, repositoryRoot } from './datasets/dataset.js';

const run = promisify(execFile);
const MARKER = '.fetched.json';

/** What happened to one repository. */
export interface FetchResult {
  name: string;
  /** The folder to index (cache folder + subdir). */
  root: string;
  status: 'cached' | 'fetched';
}

/** Injected side effects, so callers (and tests) can log elsewhere. */
export interface FetchOptions {
  cacheDir?: string;
  log?: (line: string) => void;
}

/** Makes sure every repository is extracted; returns where each one is, in dataset order. */
export async function fetchRepositories(
  repos: readonly Repository[],
  options: FetchOptions = {},
): Promise<FetchResult[]> {
  const results: FetchResult[] = [];
  for (const repo of repos) results.push(await fetchRepository(repo, options));
  return results;
}

/** Extracts one repository into `<cacheDir>/<name>-<version>/` unless it is already there. */
export async function fetchRepository(repo: Repository, options: FetchOptions = {}): Promise<FetchResult> {
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const dir = repositoryCacheDir(repo, cacheDir);
  const root = repositoryRoot(repo, cacheDir);

  if (await isComplete(dir, repo.source)) {
    log(`[fetch] ${repo.name}: cached at ${dir}`);
    await assertDirectory(root, repo);
    return { name: repo.name, root, status: 'cached' };
  }

  await mkdir(cacheDir, { recursive: true });
  const work = await mkdtemp(path.join(cacheDir, `.tmp-${repo.name}-`));
  try {
    const extracted = path.join(work, 'tree');
    await mkdir(extracted);
    const archive =
      repo.source.type === 'npm'
        ? await downloadNpm(repo.source.package, repo.source.version, work, log)
        : await downloadDebian(repo.source.package, repo.source.version, work, log);
    if (repo.source.type === 'npm' && repo.source.integrity) {
      const actual =
        'sha512-' +
        createHash('sha512')
          .update(await readFile(archive))
          .digest('base64');
      if (actual !== repo.source.integrity) {
        throw new Error(
          `${repo.name}: tarball integrity ${actual} does not match the pinned ${repo.source.integrity}`,
        );
      }
      log(`[fetch]   integrity verified`);
    }
    log(`[fetch] ${repo.name}: extracting ${path.basename(archive)}`);
    if (repo.source.type === 'npm') await run('tar', ['-xzf', archive, '-C', extracted]);
    else await run('dpkg-deb', ['-x', archive, extracted]);
    const marker = {
      source: repo.source,
      archive: path.basename(archive),
      fetchedAt: new Date().toISOString(),
    };
    await writeFile(path.join(extracted, MARKER), JSON.stringify(marker, null, 2) + '\n');
    await rm(dir, { recursive: true, force: true });
    await rename(extracted, dir);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  await assertDirectory(root, repo);
  log(`[fetch] ${repo.name}: ready, index ${root}`);
  return { name: repo.name, root, status: 'fetched' };
}

async function isComplete(dir: string, source: RepositorySource): Promise<boolean> {
  try {
    const marker = JSON.parse(await readFile(path.join(dir, MARKER), 'utf8')) as {
      source?: RepositorySource;
    };
    const s = marker.source;
    return s?.type === source.type && s.package === source.package && s.version === source.version;
  } catch {
    return false;
  }
}

async function assertDirectory(root: string, repo: Repository): Promise<void> {
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new Error(
      `${repo.name}: subdir "${repo.subdir}" does not exist in the extracted package (${root})`,
    );
  }
}

async function downloadNpm(
  pkg: string,
  version: string,
  work: string,
  log: (l: string) => void,
): Promise<string> {
  log(`[fetch] npm pack ${pkg}@${version}`);
  const { stdout } = await run('npm', ['pack', `${pkg}@${version}`, '--pack-destination', work, '--json'], {
    cwd: work,
    maxBuffer: 64 * 1024 * 1024,
  });
  const info = JSON.parse(stdout) as Array<{ filename: string }>;
  const file = info[0]?.filename;
  if (!file) throw new Error(`npm pack ${pkg}@${version} reported no tarball`);
  // npm names scoped tarballs `scope-name-version.tgz`; trust what it wrote.
  const tarball = path.join(work, path.basename(file));
  if (!existsSync(tarball)) throw new Error(`npm pack did not write ${tarball}`);
  return tarball;
}

async function downloadDebian(
  pkg: string,
  version: string,
  work: string,
  log: (l: string) => void,
): Promise<string> {
  const spec = `${pkg}=${version}`;
  log(`[fetch] apt-get download ${spec}`);
  try {
    await run('apt-get', ['download', spec], { cwd: work });
  } catch (first) {
    // A fresh machine has no package lists yet; refresh them once and retry.
    log(`[fetch]   apt-get download failed (${firstLine(first)}); running apt-get update and retrying`);
    await run('apt-get', ['update'], { maxBuffer: 64 * 1024 * 1024 });
    try {
      await run('apt-get', ['download', spec], { cwd: work });
    } catch (second) {
      throw new Error(
        `apt-get download ${spec} failed: ${firstLine(second)}. ` +
          `Check the exact version with \`apt-cache policy ${pkg}\` (this dataset was built on Debian 12 bookworm).`,
      );
    }
  }
  const debs = (await readdir(work)).filter((f) => f.endsWith('.deb'));
  if (debs.length !== 1) throw new Error(`apt-get download ${spec} produced ${debs.length} .deb files`);
  return path.join(work, debs[0]!);
}

function firstLine(error: unknown): string {
  const e = error as { stderr?: string; message?: string };
  const text = (e.stderr?.trim() || e.message || String(error)).split('\n');
  return text.find((l) => /^E:/.test(l)) ?? text[0] ?? 'unknown error';
}

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  let cacheDir: string | undefined;
  let only: Set<string> | undefined;
  const files: string[] = [];
  while (args.length > 0) {
    const arg = args.shift()!;
    if (arg === '--cache-dir') cacheDir = path.resolve(args.shift() ?? '');
    else if (arg === '--only') only = new Set((args.shift() ?? '').split(','));
    else files.push(arg);
  }
  if (files.length === 0) {
    process.stderr.write(
      'usage: node --import tsx eval/fetch.ts <dataset.json>... [--cache-dir DIR] [--only a,b]\n',
    );
    return 2;
  }
  for (const file of files) {
    const dataset = await loadDataset(file);
    const repos = dataset.repositories.filter((r) => !only || only.has(r.name));
    const results = await fetchRepositories(repos, { cacheDir });
    for (const r of results) process.stdout.write(`${r.name}\t${r.root}\n`);
    const fetched = results.filter((r) => r.status === 'fetched').length;
    process.stderr.write(
      `[fetch] ${dataset.name}: ${results.length} repositories (${fetched} fetched, ${results.length - fetched} cached)\n`,
    );
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`[fetch] error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
