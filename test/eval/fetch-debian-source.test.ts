import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Repository } from '../../eval/datasets/dataset.js';
import { parseDataset } from '../../eval/datasets/dataset.js';
import { fetchRepository, unpackUpstreamTarball } from '../../eval/fetch.js';

const run = promisify(execFile);

function dataset(source: unknown): unknown {
  return {
    name: 't',
    repositories: [{ name: 'demo', source, subdir: '.', language: 'haskell', licence: 'MIT' }],
    queries: [],
  };
}

describe('dataset schema: debian-source', () => {
  it('accepts a source package at an exact version, with or without a suite', () => {
    const plain = parseDataset(
      dataset({ type: 'debian-source', package: 'haskell-megaparsec', version: '9.2.2-1' }),
    );
    expect(plain.repositories[0]!.source).toEqual({
      type: 'debian-source',
      package: 'haskell-megaparsec',
      version: '9.2.2-1',
    });
    const trixie = parseDataset(
      dataset({ type: 'debian-source', package: 'log4net', version: '1.2.10+dfsg-9', suite: 'trixie' }),
    );
    expect(trixie.repositories[0]!.source).toMatchObject({ suite: 'trixie' });
  });

  it('rejects a missing version, a bad package name and an unknown suite', () => {
    expect(() => parseDataset(dataset({ type: 'debian-source', package: 'jansson' }))).toThrow(
      /source\.version/,
    );
    expect(() =>
      parseDataset(dataset({ type: 'debian-source', package: 'Jansson', version: '2.14-2' })),
    ).toThrow(/Debian source package name/);
    expect(() =>
      parseDataset(dataset({ type: 'debian-source', package: 'jansson', version: '2.14-2', suite: 'sid' })),
    ).toThrow(/source\.suite/);
  });
});

describe('fetch: debian-source', () => {
  let work: string;
  let fakeBin: string;
  let savedPath: string | undefined;

  /** Builds `<name>` (a .tar.gz) from a folder holding `files`, relative paths → contents. */
  async function tarball(name: string, files: Record<string, string>): Promise<string> {
    const src = await mkdtemp(path.join(work, 'src-'));
    for (const [rel, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(src, rel)), { recursive: true });
      await writeFile(path.join(src, rel), text);
    }
    const file = path.join(work, name);
    await run('tar', ['-czf', file, '-C', src, ...(await readdir(src))]);
    return file;
  }

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'eval-fetch-src-'));
    // Stand-ins for apt-get and apt-cache: `update` writes a Sources list into Dir::State::Lists,
    // `source --download-only demo=1.0-1` copies a prepared upstream tarball into the current folder.
    fakeBin = path.join(work, 'bin');
    const pool = path.join(work, 'pool');
    await mkdir(fakeBin);
    await mkdir(pool);
    const orig = await tarball('demo_1.0.orig.tar.gz', { 'demo-1.0/src/Main.hs': 'main = pure ()\n' });
    const sha256 = createHash('sha256')
      .update(await readFile(orig))
      .digest('hex');
    await run('cp', [orig, pool]);
    await writeFile(path.join(pool, 'demo_1.0-1.dsc'), 'Source: demo\n');
    await writeFile(path.join(pool, 'demo_1.0-1.debian.tar.xz'), '');
    // 1.0-1 downloads whole; 1.0-2's Debian tarball is missing on the mirror; 1.0-3's listed hash is wrong.
    await writeFile(
      path.join(fakeBin, 'apt-get'),
      [
        '#!/bin/sh',
        'lists=',
        'for a in "$@"; do case "$a" in Dir::State::Lists=*) lists="${a#*=}";; esac; last="$a"; done',
        'case " $* " in',
        '  *" update "*) touch "$lists/deb.debian.org_debian_dists_bookworm_main_source_Sources"; exit 0;;',
        '  *" source "*) case "$last" in',
        `    demo=1.0-1|demo=1.0-3) cp ${pool}/* . && exit 0;;`,
        `    demo=1.0-2) cp ${pool}/demo_1.0.orig.tar.gz .`,
        '      echo "E: Failed to fetch http://deb.debian.org/debian/pool/main/d/demo/demo_1.0-2.debian.tar.xz  404  Not Found" >&2; exit 100;;',
        '    esac',
        "    echo \"E: Can not find version '${last#*=}' of package '${last%%=*}'\" >&2; exit 100;;",
        'esac',
        'exit 1',
        '',
      ].join('\n'),
    );
    const stanza = (version: string, hash: string) =>
      `Package: demo\nVersion: ${version}\nChecksums-Sha256:\n ${hash} 120 demo_1.0.orig.tar.gz\n ${'0'.repeat(64)} 12 demo_${version}.dsc\n`;
    await writeFile(
      path.join(pool, 'showsrc.txt'),
      [stanza('1.0-1', sha256), stanza('1.0-2', sha256), stanza('1.0-3', 'f'.repeat(64))].join('\n'),
    );
    await writeFile(path.join(fakeBin, 'apt-cache'), `#!/bin/sh\ncat ${pool}/showsrc.txt\n`);
    await chmod(path.join(fakeBin, 'apt-get'), 0o755);
    await chmod(path.join(fakeBin, 'apt-cache'), 0o755);
    savedPath = process.env['PATH'];
    process.env['PATH'] = `${fakeBin}${path.delimiter}${savedPath ?? ''}`;
  });

  afterAll(async () => {
    process.env['PATH'] = savedPath;
    await rm(work, { recursive: true, force: true });
  });

  it('strips the single top-level folder of an upstream tarball', async () => {
    const archive = await tarball('one.tar.gz', { 'pkg-1.0/a.txt': 'a', 'pkg-1.0/lib/b.txt': 'b' });
    const dest = await mkdtemp(path.join(work, 'dest-'));
    await unpackUpstreamTarball(archive, dest);
    expect((await readdir(dest)).sort()).toEqual(['a.txt', 'lib']);
    expect(await readFile(path.join(dest, 'lib/b.txt'), 'utf8')).toBe('b');
  });

  it('keeps a tarball without a single top-level folder as it is', async () => {
    const archive = await tarball('flat.tar.gz', { 'a.txt': 'a', 'lib/b.txt': 'b' });
    const dest = await mkdtemp(path.join(work, 'dest-'));
    await unpackUpstreamTarball(archive, dest);
    expect((await readdir(dest)).sort()).toEqual(['a.txt', 'lib']);
  });

  const repo = (version: string): Repository => ({
    name: 'demo',
    source: { type: 'debian-source', package: 'demo', version },
    subdir: 'src',
    language: 'haskell',
    licence: 'MIT',
  });

  it('downloads the source package with a private apt configuration, unpacks it and then caches it', async () => {
    const cacheDir = path.join(work, 'cache');
    const lines: string[] = [];
    const first = await fetchRepository(repo('1.0-1'), { cacheDir, log: (l) => lines.push(l) });
    expect(first).toEqual({
      name: 'demo',
      root: path.join(cacheDir, 'demo-1.0-1', 'src'),
      status: 'fetched',
    });
    expect(await readFile(path.join(first.root, 'Main.hs'), 'utf8')).toBe('main = pure ()\n');
    expect(lines.join('\n')).toContain('apt-get update (Debian bookworm');
    expect(lines.join('\n')).toContain('demo_1.0.orig.tar.gz matches the Sources index (sha256)');
    expect(lines.join('\n')).toContain('extracting demo_1.0.orig.tar.gz');
    const marker = JSON.parse(await readFile(path.join(cacheDir, 'demo-1.0-1', '.fetched.json'), 'utf8')) as {
      archive: string;
    };
    expect(marker.archive).toBe('demo_1.0.orig.tar.gz');
    expect(await readFile(path.join(cacheDir, '.apt-bookworm', 'sources.list'), 'utf8')).toBe(
      'deb-src http://deb.debian.org/debian bookworm main\n',
    );

    const second = await fetchRepository(repo('1.0-1'), { cacheDir, log: () => {} });
    expect(second.status).toBe('cached');
  });

  it('fails with the versions Debian has when the exact version is missing, leaving nothing behind', async () => {
    const cacheDir = path.join(work, 'cache');
    await expect(fetchRepository(repo('2.0-1'), { cacheDir, log: () => {} })).rejects.toThrow(
      "apt-get source demo=2.0-1 failed: E: Can not find version '2.0-1' of package 'demo'. Debian bookworm has 1.0-1, 1.0-2, 1.0-3",
    );
    expect(existsSync(path.join(cacheDir, 'demo-2.0-1'))).toBe(false);
    expect((await readdir(cacheDir)).filter((f) => f.startsWith('.tmp-'))).toEqual([]);
  });

  it('uses the upstream tarball when only the Debian tarball is missing on the mirror', async () => {
    const lines: string[] = [];
    const result = await fetchRepository(repo('1.0-2'), {
      cacheDir: path.join(work, 'cache'),
      log: (l) => lines.push(l),
    });
    expect(result.status).toBe('fetched');
    expect(lines.join('\n')).toMatch(/warning: E: Failed to fetch .*demo_1\.0-2\.debian\.tar\.xz {2}404/);
  });

  it('rejects an upstream tarball whose SHA-256 differs from the Sources index', async () => {
    const cacheDir = path.join(work, 'cache');
    await expect(fetchRepository(repo('1.0-3'), { cacheDir, log: () => {} })).rejects.toThrow(
      /demo_1\.0\.orig\.tar\.gz: SHA-256 [0-9a-f]{64} does not match the Debian bookworm Sources index \(f{64}\)/,
    );
    expect(existsSync(path.join(cacheDir, 'demo-1.0-3'))).toBe(false);
  });
});
