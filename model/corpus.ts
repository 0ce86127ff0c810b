/**
 * The training corpus: a committed manifest of pinned packages (Debian binary packages and npm
 * tarballs) with their licences, fetched into a cache directory and unpacked there.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { debianLicence, isPermissiveExpression, npmLicence } from './licence.js';

/** One pinned package of the corpus. */
export interface ManifestEntry {
  readonly source: 'debian' | 'npm';
  readonly name: string;
  readonly version: string;
  /** Main language of the package (informative; extraction goes by file extension). */
  readonly language: string;
  /** Licence as declared (npm `license`, Debian DEP-5 `License:` fields joined by `; `). */
  readonly licence: string;
  /** sha256 of the .deb, or the npm `integrity` string. */
  readonly digest: string;
}

export interface Manifest {
  readonly description: string;
  readonly debianSuite: string;
  readonly packages: readonly ManifestEntry[];
}

export const DEFAULT_CACHE_DIR = join(homedir(), '.cache', 'codebase-mcp', 'model-corpus');

/** Stable hash of the manifest's package list, recorded in the model metadata. */
export function manifestHash(manifest: Manifest): string {
  const lines = manifest.packages.map((p) => `${p.source}:${p.name}@${p.version}:${p.digest}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

export function readManifest(path: string): Manifest {
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

/** Directory a package is unpacked into. */
export function packageDir(
  cacheDir: string,
  entry: Pick<ManifestEntry, 'source' | 'name' | 'version'>,
): string {
  const safe = `${entry.name}@${entry.version}`.replace(/[^\w.@+-]/g, '_');
  return join(cacheDir, 'src', entry.source, safe);
}

/**
 * Downloads and unpacks Debian packages (`apt-get download name=version`, `dpkg-deb -x`). Already
 * unpacked packages are skipped. Returns the sha256 of each .deb by name; failures are reported.
 */
export function fetchDebian(
  cacheDir: string,
  entries: readonly Pick<ManifestEntry, 'name' | 'version'>[],
  log: (msg: string) => void,
): { digests: Map<string, string>; failed: { name: string; reason: string }[] } {
  const debDir = join(cacheDir, 'debs');
  mkdirSync(debDir, { recursive: true });
  const debFile = (e: Pick<ManifestEntry, 'name' | 'version'>): string | undefined =>
    readdirSync(debDir).find((f) => f.startsWith(`${e.name}_${e.version.replace(':', '%3a')}_`));
  const missing = entries.filter((e) => debFile(e) === undefined);
  for (let i = 0; i < missing.length; i += 100) {
    const batch = missing.slice(i, i + 100).map((e) => `${e.name}=${e.version}`);
    log(`apt-get download ${i + 1}-${i + batch.length} of ${missing.length}`);
    try {
      execFileSync('apt-get', ['download', '-q', ...batch], {
        cwd: debDir,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    } catch {
      // One unavailable version fails the whole call: retry one by one.
      for (const b of batch) {
        try {
          execFileSync('apt-get', ['download', '-q', b], {
            cwd: debDir,
            stdio: ['ignore', 'ignore', 'ignore'],
          });
        } catch {
          /* reported below as missing */
        }
      }
    }
  }
  const digests = new Map<string, string>();
  const failed: { name: string; reason: string }[] = [];
  for (const e of entries) {
    const file = debFile(e);
    if (file === undefined) {
      failed.push({ name: e.name, reason: `apt-get download ${e.name}=${e.version} failed` });
      continue;
    }
    const path = join(debDir, file);
    digests.set(e.name, createHash('sha256').update(readFileSync(path)).digest('hex'));
    const dir = packageDir(cacheDir, { ...e, source: 'debian' });
    if (!existsSync(dir)) {
      const tmp = `${dir}.tmp`;
      rmSync(tmp, { recursive: true, force: true });
      mkdirSync(tmp, { recursive: true });
      execFileSync('dpkg-deb', ['-x', path, tmp]);
      renameSync(tmp, dir);
    }
  }
  return { digests, failed };
}

/** Licence of an unpacked Debian package from /usr/share/doc/<name>/copyright. */
export function debianPackageLicence(dir: string, name: string): { licence: string; permissive: boolean } {
  const path = join(dir, 'usr', 'share', 'doc', name, 'copyright');
  if (!existsSync(path)) return { licence: 'unknown (no copyright file)', permissive: false };
  const { licences, permissive } = debianLicence(readFileSync(path, 'utf8'));
  return { licence: licences.join('; '), permissive };
}

/** Downloads and unpacks one npm package (`npm pack name@version`). Returns its integrity string. */
export function fetchNpm(cacheDir: string, name: string, version: string): string {
  const tgzDir = join(cacheDir, 'npm');
  mkdirSync(tgzDir, { recursive: true });
  const tgz = join(tgzDir, `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`);
  if (!existsSync(tgz)) {
    execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', tgzDir], {
      cwd: tgzDir,
      stdio: ['ignore', 'ignore', 'ignore'],
    });
  }
  const dir = packageDir(cacheDir, { source: 'npm', name, version });
  if (!existsSync(dir)) {
    const tmp = `${dir}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    execFileSync('tar', ['-xzf', tgz, '-C', tmp]);
    renameSync(tmp, dir);
  }
  return `sha512-${createHash('sha512').update(readFileSync(tgz)).digest('base64')}`;
}

/** Licence of an unpacked npm package from package/package.json. */
export function npmPackageLicence(dir: string): { licence: string; permissive: boolean } {
  const path = join(dir, 'package', 'package.json');
  if (!existsSync(path)) return { licence: 'unknown (no package.json)', permissive: false };
  const licence = npmLicence(JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>);
  if (licence === null) return { licence: 'unknown', permissive: false };
  return { licence, permissive: isPermissiveExpression(licence) };
}

export function writeJson(path: string, value: unknown): void {
  writeFileSync(path, JSON.stringify(value, null, 2) + '\n');
}
