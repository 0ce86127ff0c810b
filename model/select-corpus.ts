/**
 * Builds model/manifest.json: picks Debian packages per language (largest first, within size
 * bounds, one binary package per source package), fetches them, keeps only permissively licensed
 * ones that are not reserved, and pins name, version, licence and digest. Run once by hand when the
 * corpus should change (`node --import tsx model/select-corpus.ts`); training reads the manifest.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  DEFAULT_CACHE_DIR,
  debianPackageLicence,
  fetchDebian,
  fetchNpm,
  npmPackageLicence,
  packageDir,
  writeJson,
  type ManifestEntry,
} from './corpus.js';
import { isReservedPackage, reservedNames } from './reserved.js';

const ROOT = join(import.meta.dirname, '..');

/** Debian package-name patterns per language and how many packages to take. */
const DEBIAN_POOLS: readonly { language: string; pattern: RegExp; take: number }[] = [
  { language: 'python', pattern: /^python3-[a-z0-9.-]+$/, take: 320 },
  { language: 'go', pattern: /^golang-[a-z0-9.-]+-dev$/, take: 260 },
  { language: 'rust', pattern: /^librust-[a-z0-9-]+-dev$/, take: 260 },
  { language: 'ruby', pattern: /^ruby-[a-z0-9.-]+$/, take: 170 },
  { language: 'php', pattern: /^php-[a-z0-9.-]+$/, take: 110 },
  { language: 'javascript', pattern: /^node-[a-z0-9.-]+$/, take: 200 },
];

/** npm packages that ship readable, documented source (TypeScript or unminified JavaScript). */
const NPM_PACKAGES: readonly string[] = [
  'lodash',
  'date-fns',
  'rxjs',
  'immer',
  'yargs',
  'commander',
  'semver',
  'ajv',
  'dayjs',
  'moment',
  'luxon',
  'ramda',
  'underscore',
  'async',
  'bluebird',
  'graphql',
  'mobx',
  'three',
  'mathjs',
  'validator',
  'eslint',
  'webpack',
  'acorn',
  'marked',
  'ws',
  'koa',
  'undici',
  'jsdom',
  'cheerio',
  'knex',
  'sequelize',
  'mongoose',
  'pg',
  'terser',
  'postcss',
  'less',
  'handlebars',
  'ejs',
  'nunjucks',
  'js-yaml',
  'protobufjs',
  'decimal.js',
  'jszip',
  'pako',
  'typeorm',
  'socket.io',
  'chart.js',
  'highlight.js',
  'fastify',
  'esprima',
  'immutable',
  'yaml',
  'xml2js',
  'bn.js',
  'prettier',
  'typedoc',
  'ts-morph',
  'inversify',
  'class-validator',
  'io-ts',
  'fp-ts',
  'effect',
];

const SKIP = /-(doc|dbg|dbgsym|examples|tests?|common|data)$/;

interface Stanza {
  name: string;
  version: string;
  source: string;
  installedKb: number;
  sizeBytes: number;
}

function debianStanzas(): Stanza[] {
  const text = execFileSync('apt-cache', ['dumpavail'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const out: Stanza[] = [];
  for (const block of text.split('\n\n')) {
    const field = (f: string): string | undefined => new RegExp(`^${f}: (.*)$`, 'm').exec(block)?.[1];
    const name = field('Package');
    const version = field('Version');
    if (name === undefined || version === undefined) continue;
    out.push({
      name,
      version,
      source: (field('Source') ?? name).split(' ')[0]!,
      installedKb: Number(field('Installed-Size') ?? 0),
      sizeBytes: Number(field('Size') ?? 0),
    });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function main(): void {
  const cacheDir = process.env['MODEL_CORPUS_CACHE'] ?? DEFAULT_CACHE_DIR;
  const reserved = reservedNames(ROOT);
  const stanzas = debianStanzas();
  const seenSources = new Set<string>();
  const picked: (Stanza & { language: string })[] = [];
  for (const pool of DEBIAN_POOLS) {
    const candidates = stanzas
      .filter((s) => pool.pattern.test(s.name) && !SKIP.test(s.name) && !isReservedPackage(s.name, reserved))
      .filter((s) => !isReservedPackage(s.source, reserved))
      .filter((s) => s.installedKb >= 40 && s.installedKb <= 40_000 && s.sizeBytes <= 6_000_000)
      .sort((a, b) => b.installedKb - a.installedKb || (a.name < b.name ? -1 : 1));
    let n = 0;
    for (const c of candidates) {
      if (n >= pool.take) break;
      if (seenSources.has(c.source)) continue;
      seenSources.add(c.source);
      picked.push({ ...c, language: pool.language });
      n++;
    }
  }
  process.stderr.write(`picked ${picked.length} Debian packages\n`);
  const { digests, failed } = fetchDebian(cacheDir, picked, (m) => process.stderr.write(m + '\n'));
  const entries: ManifestEntry[] = [];
  const rejected: { name: string; reason: string }[] = [...failed];
  for (const p of picked) {
    const digest = digests.get(p.name);
    if (digest === undefined) continue;
    const { licence, permissive } = debianPackageLicence(
      packageDir(cacheDir, { ...p, source: 'debian' }),
      p.name,
    );
    if (!permissive) {
      rejected.push({ name: p.name, reason: `licence: ${licence}` });
      continue;
    }
    entries.push({
      source: 'debian',
      name: p.name,
      version: p.version,
      language: p.language,
      licence,
      digest,
    });
  }
  for (const name of NPM_PACKAGES) {
    if (isReservedPackage(name, reserved)) continue;
    try {
      const version = execFileSync('npm', ['view', name, 'version'], { encoding: 'utf8' }).trim();
      const digest = fetchNpm(cacheDir, name, version);
      const { licence, permissive } = npmPackageLicence(
        packageDir(cacheDir, { source: 'npm', name, version }),
      );
      if (!permissive) {
        rejected.push({ name, reason: `licence: ${licence}` });
        continue;
      }
      entries.push({ source: 'npm', name, version, language: 'javascript', licence, digest });
    } catch (error) {
      rejected.push({ name, reason: String(error).slice(0, 200) });
    }
  }
  writeJson(join(ROOT, 'model', 'manifest.json'), {
    description:
      'Training corpus of the built-in embedding model: pinned, permissively licensed packages. ' +
      'Generated by model/select-corpus.ts; read by model/train.ts.',
    debianSuite: 'bookworm',
    packages: entries,
    rejected,
  });
  process.stderr.write(`manifest: ${entries.length} packages, ${rejected.length} rejected\n`);
}

main();
