/**
 * The evaluation dataset format: pinned third-party repositories plus labelled code-search
 * queries. Parsed once with zod into frozen typed objects; see eval/README.md for the format.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const npmSource = z.object({
  type: z.literal('npm'),
  package: z.string().min(1),
  /** Exact version, never a range. */
  version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/, 'exact npm version'),
  /** Subresource-integrity hash of the tarball (`npm view name@version dist.integrity`); checked when present. */
  integrity: z.string().regex(/^sha512-[A-Za-z0-9+/]+=*$/, 'sha512 integrity string').optional(),
});

const debianSource = z.object({
  type: z.literal('debian'),
  package: z.string().regex(/^[a-z0-9][a-z0-9+.-]+$/, 'Debian package name'),
  /** Exact Debian version as `apt-cache policy` shows it, e.g. `1.9.0-1`. */
  version: z.string().regex(/^[\w.+~:-]+$/, 'exact Debian version'),
});

/** Debian releases a `debian-source` repository may name; the default is bookworm (Debian 12). */
export const DEBIAN_SUITES = ['bookworm', 'trixie'] as const;

const debianSourceSource = z.object({
  type: z.literal('debian-source'),
  /** Source package name as in the archive's Sources index, e.g. `haskell-megaparsec`. */
  package: z.string().regex(/^[a-z0-9][a-z0-9+.-]+$/, 'Debian source package name'),
  /** Exact Debian version of the source package, e.g. `9.2.2-1`; its upstream tarball is unpacked. */
  version: z.string().regex(/^[\w.+~:-]+$/, 'exact Debian version'),
  /** Release whose `main` component is searched; omitted means bookworm. */
  suite: z.enum(DEBIAN_SUITES).optional(),
});

const repositorySchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case repository name'),
  source: z.discriminatedUnion('type', [npmSource, debianSource, debianSourceSource]),
  /** Folder inside the extracted package that is indexed; query paths are relative to it. */
  subdir: z.string(),
  language: z.string().min(1),
  licence: z.string().min(1),
});

const rangeSchema = z
  .object({
    path: z.string().min(1),
    start_line: z.number().int().positive(),
    end_line: z.number().int().positive(),
  })
  .refine((r) => r.end_line >= r.start_line, 'end_line must be >= start_line');

/** A relevant location: a whole file (string) or a 1-based inclusive line range in a file. */
const targetSchema = z.union([z.string().min(1), rangeSchema]);

export const CATEGORIES = ['semantic', 'architecture', 'symbol'] as const;
export const SPLITS = ['dev', 'heldout'] as const;

const querySchema = z.object({
  id: z.string().min(1),
  repository: z.string().min(1),
  query: z.string().min(1),
  relevant: z.array(targetSchema).min(1),
  secondary: z.array(targetSchema).default([]),
  category: z.enum(CATEGORIES),
  split: z.enum(SPLITS),
});

const datasetSchema = z.object({
  name: z.string().min(1),
  repositories: z.array(repositorySchema).min(1),
  queries: z.array(querySchema),
});

/** A pinned package to fetch: an npm tarball, a Debian binary package or a Debian source package. */
export type RepositorySource = z.infer<typeof repositorySchema>['source'];
/** One repository of a dataset: where it comes from and which sub-folder is indexed. */
export type Repository = z.infer<typeof repositorySchema>;
/** A relevant location: a path, or `{ path, start_line, end_line }` (1-based, inclusive). */
export type Target = z.infer<typeof targetSchema>;
/** One labelled query; `relevant` is the gold set, `secondary` is partially relevant. */
export type Query = z.infer<typeof querySchema>;
/** A whole dataset file. */
export type Dataset = z.infer<typeof datasetSchema>;

/** Folder that holds the fetched repositories unless a caller passes another one. */
export const DEFAULT_CACHE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'cache');

/** Parses and checks a dataset (schema, unique ids, known repositories). Throws on any error. */
export function parseDataset(json: unknown, origin = 'dataset'): Readonly<Dataset> {
  const result = datasetSchema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  ');
    throw new Error(`${origin} is not a valid dataset:\n  ${issues}`);
  }
  const dataset = result.data;
  const names = new Set<string>();
  for (const repo of dataset.repositories) {
    if (names.has(repo.name)) throw new Error(`${origin}: repository ${repo.name} appears twice`);
    names.add(repo.name);
  }
  const ids = new Set<string>();
  for (const q of dataset.queries) {
    if (ids.has(q.id)) throw new Error(`${origin}: query id ${q.id} appears twice`);
    ids.add(q.id);
    if (!names.has(q.repository)) throw new Error(`${origin}: query ${q.id} names unknown repository ${q.repository}`);
  }
  return Object.freeze(dataset);
}

/** Reads and parses a dataset JSON file. */
export async function loadDataset(file: string): Promise<Readonly<Dataset>> {
  const text = await readFile(file, 'utf8');
  return parseDataset(JSON.parse(text) as unknown, file);
}

/** `<cacheDir>/<name>-<version>`: where a repository's package is extracted. */
export function repositoryCacheDir(repo: Repository, cacheDir = DEFAULT_CACHE_DIR): string {
  const safeVersion = repo.source.version.replace(/[^\w.+-]/g, '_');
  return path.join(cacheDir, `${repo.name}-${safeVersion}`);
}

/** The folder to index for a repository; query paths are relative to it. */
export function repositoryRoot(repo: Repository, cacheDir = DEFAULT_CACHE_DIR): string {
  return path.join(repositoryCacheDir(repo, cacheDir), repo.subdir);
}

/** The path of a target, whichever form it has. */
export function targetPath(target: Target): string {
  return typeof target === 'string' ? target : target.path;
}
