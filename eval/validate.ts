/**
 * Checks a dataset against the fetched repositories: every relevant/secondary path exists under
 * the indexed folder, every line range lies within its file, and the split / category / language
 * balance is reported (and checked against the dataset's rules).
 *
 *   node --import tsx eval/validate.ts eval/datasets/dev.json [--cache-dir DIR] [--fetch] [--supplementary]
 *
 * Exits 1 and lists every problem when anything is wrong. `--fetch` fetches missing repositories
 * first (same as eval/fetch.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset, Target } from './datasets/dataset.js';
import { CATEGORIES, SPLITS, loadDataset, repositoryRoot, targetPath } from './datasets/dataset.js';
import { fetchRepositories } from './fetch.js';

/** Thresholds the dataset must meet; defaults are the ones the eval issue asked for. */
export interface DatasetRules {
  minRepositories: number;
  minLanguages: number;
  minQueries: number;
  minQueriesPerRepository: number;
  /** Inclusive bounds on the held-out share of all queries. */
  heldoutShare: [number, number];
  /** Minimum number of repositories whose queries are all held out. */
  minWholeHeldoutRepositories: number;
}

export const DEFAULT_RULES: DatasetRules = {
  minRepositories: 8,
  minLanguages: 5,
  minQueries: 150,
  minQueriesPerRepository: 12,
  heldoutShare: [0.2, 0.35],
  minWholeHeldoutRepositories: 2,
};

/**
 * A supplementary check set (`extra-languages.json`, `probe-languages.json`): every query held out, too small to be a dev
 * set; its targets are checked all the same.
 */
export const SUPPLEMENTARY_RULES: DatasetRules = {
  minRepositories: 1,
  minLanguages: 1,
  minQueries: 1,
  minQueriesPerRepository: 1,
  heldoutShare: [0, 1],
  minWholeHeldoutRepositories: 0,
};

/** Problems found plus the counts worth printing. */
export interface ValidationReport {
  errors: string[];
  counts: {
    queries: number;
    targets: number;
    byCategory: Record<string, number>;
    bySplit: Record<string, number>;
    byLanguage: Record<string, number>;
    byRepository: Record<string, { total: number; heldout: number }>;
    wholeHeldoutRepositories: string[];
  };
}

/** Validates a parsed dataset against repositories already extracted under `cacheDir`. */
export async function validateDataset(
  dataset: Readonly<Dataset>,
  cacheDir?: string,
  rules: DatasetRules = DEFAULT_RULES,
): Promise<ValidationReport> {
  const errors: string[] = [];
  const lineCounts = new Map<string, number | null>();
  const repos = new Map(dataset.repositories.map((r) => [r.name, r]));
  const byCategory: Record<string, number> = Object.fromEntries(CATEGORIES.map((c) => [c, 0]));
  const bySplit: Record<string, number> = Object.fromEntries(SPLITS.map((s) => [s, 0]));
  const byLanguage: Record<string, number> = {};
  const byRepository: Record<string, { total: number; heldout: number }> = {};
  let targets = 0;

  for (const repo of dataset.repositories) {
    byRepository[repo.name] = { total: 0, heldout: 0 };
    const info = await stat(repositoryRoot(repo, cacheDir)).catch(() => undefined);
    if (!info?.isDirectory())
      errors.push(`${repo.name}: ${repositoryRoot(repo, cacheDir)} is missing (run eval/fetch.ts)`);
  }

  for (const q of dataset.queries) {
    const repo = repos.get(q.repository)!;
    const root = repositoryRoot(repo, cacheDir);
    byCategory[q.category] = (byCategory[q.category] ?? 0) + 1;
    bySplit[q.split] = (bySplit[q.split] ?? 0) + 1;
    byLanguage[repo.language] = (byLanguage[repo.language] ?? 0) + 1;
    byRepository[repo.name]!.total++;
    if (q.split === 'heldout') byRepository[repo.name]!.heldout++;

    const seen = new Set<string>();
    for (const [kind, list] of [
      ['relevant', q.relevant],
      ['secondary', q.secondary],
    ] as const) {
      for (const target of list) {
        targets++;
        const key = JSON.stringify(target);
        if (seen.has(key)) errors.push(`${q.id}: ${kind} target ${key} is listed twice`);
        seen.add(key);
        const problem = await checkTarget(root, target, lineCounts);
        if (problem) errors.push(`${q.id}: ${kind} ${problem}`);
      }
    }
  }

  const wholeHeldoutRepositories = Object.entries(byRepository)
    .filter(([, c]) => c.total > 0 && c.heldout === c.total)
    .map(([name]) => name);
  const total = dataset.queries.length;
  const share = total === 0 ? 0 : (bySplit['heldout'] ?? 0) / total;
  const languages = new Set(dataset.repositories.map((r) => r.language));

  if (dataset.repositories.length < rules.minRepositories)
    errors.push(`only ${dataset.repositories.length} repositories (need ${rules.minRepositories})`);
  if (languages.size < rules.minLanguages)
    errors.push(`only ${languages.size} languages (need ${rules.minLanguages})`);
  if (total < rules.minQueries) errors.push(`only ${total} queries (need ${rules.minQueries})`);
  for (const [name, c] of Object.entries(byRepository)) {
    if (c.total < rules.minQueriesPerRepository)
      errors.push(`${name}: only ${c.total} queries (need ${rules.minQueriesPerRepository})`);
  }
  for (const category of CATEGORIES) {
    if ((byCategory[category] ?? 0) === 0) errors.push(`no ${category} queries`);
  }
  if (share < rules.heldoutShare[0] || share > rules.heldoutShare[1])
    errors.push(
      `held-out share ${(share * 100).toFixed(1)}% is outside ${rules.heldoutShare.map((x) => x * 100).join('–')}%`,
    );
  if (wholeHeldoutRepositories.length < rules.minWholeHeldoutRepositories)
    errors.push(
      `only ${wholeHeldoutRepositories.length} whole held-out repositories (need ${rules.minWholeHeldoutRepositories})`,
    );

  return {
    errors,
    counts: {
      queries: total,
      targets,
      byCategory,
      bySplit,
      byLanguage,
      byRepository,
      wholeHeldoutRepositories,
    },
  };
}

async function checkTarget(
  root: string,
  target: Target,
  cache: Map<string, number | null>,
): Promise<string | undefined> {
  const rel = targetPath(target);
  if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes('..'))
    return `path ${rel} must be relative to the indexed folder`;
  const file = path.join(root, rel);
  if (!cache.has(file)) {
    const text = await readFile(file, 'utf8').catch(() => null);
    cache.set(file, text === null ? null : countLines(text));
  }
  const lines = cache.get(file);
  if (lines === null || lines === undefined) return `path ${rel} does not exist`;
  if (typeof target === 'string') return undefined;
  if (target.end_line > lines)
    return `${rel}:${target.start_line}-${target.end_line} ends past the file's ${lines} lines`;
  return undefined;
}

function countLines(text: string): number {
  if (text.length === 0) return 0;
  const newlines = text.split('\n').length - 1;
  return text.endsWith('\n') ? newlines : newlines + 1;
}

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  let cacheDir: string | undefined;
  let fetch = false;
  let rules = DEFAULT_RULES;
  const files: string[] = [];
  while (args.length > 0) {
    const arg = args.shift()!;
    if (arg === '--cache-dir') cacheDir = path.resolve(args.shift() ?? '');
    else if (arg === '--fetch') fetch = true;
    else if (arg === '--supplementary') rules = SUPPLEMENTARY_RULES;
    else files.push(arg);
  }
  if (files.length === 0) {
    process.stderr.write(
      'usage: node --import tsx eval/validate.ts <dataset.json>... [--cache-dir DIR] [--fetch] [--supplementary]\n',
    );
    return 2;
  }
  let failed = false;
  for (const file of files) {
    const dataset = await loadDataset(file);
    if (fetch) await fetchRepositories(dataset.repositories, { cacheDir });
    const report = await validateDataset(dataset, cacheDir, rules);
    const c = report.counts;
    const lines = [
      `${dataset.name} (${file}): ${dataset.repositories.length} repositories, ${c.queries} queries, ${c.targets} targets`,
      `  categories: ${fmt(c.byCategory)}`,
      `  splits:     ${fmt(c.bySplit)} (whole held-out repositories: ${c.wholeHeldoutRepositories.join(', ')})`,
      `  languages:  ${fmt(c.byLanguage)}`,
      `  per repo:   ${Object.entries(c.byRepository)
        .map(([n, r]) => `${n} ${r.total} (${r.heldout} held out)`)
        .join(', ')}`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
    for (const e of report.errors) process.stdout.write(`  ERROR ${e}\n`);
    process.stdout.write(report.errors.length === 0 ? '  OK\n' : `  ${report.errors.length} problems\n`);
    failed ||= report.errors.length > 0;
  }
  return failed ? 1 : 0;
}

function fmt(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`[validate] error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
