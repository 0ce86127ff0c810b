/**
 * Downloads and extracts every repository of an evaluation dataset into eval/cache/, idempotently.
 *
 *   node --import tsx eval/fetch.ts eval/datasets/dev.json [--cache-dir DIR] [--only NAME,...]
 *
 * npm packages come from `npm pack name@version`; Debian packages from `apt-get download
 * name=version` + `dpkg-deb -x` (nothing is installed system-wide); Debian source packages from
 * `apt-get source --download-only name=version` with a private apt configuration under the cache
 * folder (no root needed), of which only the upstream tarball is unpacked. A repository whose cache
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
/** Mirror of `debian-source` repositories (the suite comes from the source, default bookworm). */
const DEBIAN_MIRROR = 'http://deb.debian.org/debian';
const DEFAULT_SUITE = 'bookworm';

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
    const source = repo.source;
    const archive =
      source.type === 'npm'
        ? await downloadNpm(source.package, source.version, work, log)
        : source.type === 'debian'
          ? await downloadDebian(source.package, source.version, work, log)
          : await downloadDebianSource(
              source.package,
              source.version,
              source.suite ?? DEFAULT_SUITE,
              cacheDir,
              work,
              log,
            );
    if (source.type === 'npm' && source.integrity) {
      const actual =
        'sha512-' +
        createHash('sha512')
          .update(await readFile(archive))
          .digest('base64');
      if (actual !== source.integrity) {
        throw new Error(
          `${repo.name}: tarball integrity ${actual} does not match the pinned ${source.integrity}`,
        );
      }
      log(`[fetch]   integrity verified`);
    }
    log(`[fetch] ${repo.name}: extracting ${path.basename(archive)}`);
    if (source.type === 'npm') await run('tar', ['-xzf', archive, '-C', extracted]);
    else if (source.type === 'debian') await run('dpkg-deb', ['-x', archive, extracted]);
    else await unpackUpstreamTarball(archive, extracted);
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
    const suite = (x: RepositorySource | undefined) =>
      x?.type === 'debian-source' ? (x.suite ?? DEFAULT_SUITE) : undefined;
    return (
      s?.type === source.type &&
      s.package === source.package &&
      s.version === source.version &&
      suite(s) === suite(source)
    );
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

/** apt state (package lists, downloaded-package cache) shared by the `debian-source` fetches of a suite. */
interface PrivateApt {
  dir: string;
  options: string[];
}

/** Suites whose package lists this process has refreshed already. */
const refreshed = new Set<string>();

async function privateApt(cacheDir: string, suite: string): Promise<PrivateApt> {
  const dir = path.join(cacheDir, `.apt-${suite}`);
  await mkdir(path.join(dir, 'lists', 'partial'), { recursive: true });
  await mkdir(path.join(dir, 'cache', 'archives', 'partial'), { recursive: true });
  await writeFile(path.join(dir, 'sources.list'), `deb-src ${DEBIAN_MIRROR} ${suite} main\n`);
  const options = [
    ['Dir::Etc::SourceList', path.join(dir, 'sources.list')],
    ['Dir::Etc::SourceParts', '/dev/null'],
    ['Dir::State::Lists', path.join(dir, 'lists')],
    ['Dir::Cache', path.join(dir, 'cache')],
  ].flatMap(([key, value]) => ['-o', `${key}=${value}`]);
  return { dir, options };
}

async function refreshLists(apt: PrivateApt, suite: string, log: (l: string) => void): Promise<void> {
  log(`[fetch]   apt-get update (Debian ${suite} source lists, in ${apt.dir})`);
  try {
    await run('apt-get', [...apt.options, 'update'], { maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    throw new Error(`apt-get update for Debian ${suite} sources failed: ${firstLine(error)}`);
  }
  refreshed.add(apt.dir);
}

/**
 * Downloads a Debian source package at an exact version and returns its upstream tarball, checked
 * against the SHA-256 that the (signed) Sources index lists for it. A failed download of another
 * file of the source package (a mirror missing the `.debian.tar.*`) only warns: nothing but the
 * upstream tarball is used.
 */
async function downloadDebianSource(
  pkg: string,
  version: string,
  suite: string,
  cacheDir: string,
  work: string,
  log: (l: string) => void,
): Promise<string> {
  const spec = `${pkg}=${version}`;
  const apt = await privateApt(cacheDir, suite);
  const hasLists = (await readdir(path.join(apt.dir, 'lists'))).some((f) => f.includes('_Sources'));
  if (!hasLists) await refreshLists(apt, suite, log);
  const download = path.join(work, 'source');
  const attempt = async (): Promise<unknown> => {
    await rm(download, { recursive: true, force: true });
    await mkdir(download);
    log(`[fetch] apt-get source --download-only ${spec} (Debian ${suite})`);
    return run('apt-get', [...apt.options, 'source', '--download-only', spec], {
      cwd: download,
      maxBuffer: 64 * 1024 * 1024,
    }).then(
      () => undefined,
      (error: unknown) => error ?? new Error('apt-get source failed'),
    );
  };
  let error = await attempt();
  if (error && !(await upstreamTarball(download)) && !refreshed.has(apt.dir)) {
    // The lists may be older than the pin (or the pin older than a point release); refresh once.
    log(`[fetch]   apt-get source failed (${firstLine(error)}); refreshing the lists and retrying`);
    await refreshLists(apt, suite, log);
    error = await attempt();
  }
  const tarball = await upstreamTarball(download);
  if (!tarball) throw await sourceError(apt, pkg, version, suite, error ?? new Error('no upstream tarball'));
  const expected = (await showSource(apt, pkg))
    .find((s) => s.version === version)
    ?.sha256.get(path.basename(tarball));
  const actual = createHash('sha256')
    .update(await readFile(tarball))
    .digest('hex');
  if (actual !== expected) {
    throw new Error(
      `${path.basename(tarball)}: SHA-256 ${actual} does not match the Debian ${suite} Sources index (${expected ?? 'not listed'})`,
    );
  }
  if (error) log(`[fetch]   warning: ${firstLine(error)} (not needed: the upstream tarball was downloaded)`);
  log(`[fetch]   ${path.basename(tarball)} matches the Sources index (sha256)`);
  return tarball;
}

/** The versions of a source package that the private lists know, with the SHA-256 of their files. */
async function showSource(
  apt: PrivateApt,
  pkg: string,
): Promise<Array<{ version: string; sha256: Map<string, string> }>> {
  const { stdout } = await run('apt-cache', [...apt.options, 'showsrc', '--only-source', pkg], {
    maxBuffer: 64 * 1024 * 1024,
  }).catch(() => ({ stdout: '' }));
  return stdout
    .split(/\n\s*\n/)
    .map((stanza) => {
      const version = /^Version: (\S+)$/m.exec(stanza)?.[1] ?? '';
      const sums = /^Checksums-Sha256:\n((?: .*\n?)*)/m.exec(stanza)?.[1] ?? '';
      const sha256 = new Map(
        [...sums.matchAll(/^ ([0-9a-f]{64}) \d+ (\S+)$/gm)].map((m) => [m[2]!, m[1]!] as [string, string]),
      );
      return { version, sha256 };
    })
    .filter((s) => s.version !== '');
}

/** The error for a source package apt could not download, naming the versions the suite has. */
async function sourceError(
  apt: PrivateApt,
  pkg: string,
  version: string,
  suite: string,
  error: unknown,
): Promise<Error> {
  const versions = [...new Set((await showSource(apt, pkg)).map((s) => s.version))];
  const available =
    versions.length > 0
      ? `Debian ${suite} has ${versions.join(', ')}`
      : `Debian ${suite} main has no source package ${pkg}`;
  return new Error(
    `apt-get source ${pkg}=${version} failed: ${firstLine(error)}. ${available}; ` +
      `pin an available version (and re-check every line range of this repository) or name another suite.`,
  );
}

/**
 * The upstream tarball among what `apt-get source --download-only` wrote (`*.orig.tar.*`, or a
 * native package's only tarball); undefined when there is none, an error when there are several.
 */
async function upstreamTarball(folder: string): Promise<string | undefined> {
  const files = (await readdir(folder)).filter((f) => !f.endsWith('.FAILED'));
  const orig = files.filter((f) => /\.orig\.tar\.[a-z0-9]+$/.test(f));
  const candidates =
    orig.length > 0 ? orig : files.filter((f) => /\.tar\.[a-z0-9]+$/.test(f) && !/\.debian\.tar\./.test(f));
  if (candidates.length > 1)
    throw new Error(`several upstream tarballs in ${folder}: ${candidates.join(', ')}`);
  return candidates[0] === undefined ? undefined : path.join(folder, candidates[0]);
}

/**
 * Unpacks an upstream tarball into `dest` (an empty folder). Like `dpkg-source`, when everything
 * in the tarball sits under one top-level folder (`megaparsec-9.2.2/…`) that folder is stripped,
 * so a repository's `subdir` is relative to the upstream tree itself; otherwise the tarball's
 * entries land in `dest` as they are. Debian's patches are not applied.
 */
export async function unpackUpstreamTarball(archive: string, dest: string): Promise<void> {
  const staging = await mkdtemp(path.join(path.dirname(dest), '.unpack-'));
  try {
    await run('tar', ['-xf', archive, '-C', staging, '--no-same-owner', '--no-same-permissions']);
    const entries = await readdir(staging, { withFileTypes: true });
    const top =
      entries.length === 1 && entries[0]!.isDirectory() ? path.join(staging, entries[0]!.name) : staging;
    for (const name of await readdir(top)) await rename(path.join(top, name), path.join(dest, name));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
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
