/**
 * The run report: per-query records (the JSON written by `--json`), aggregation by split,
 * category, language and repository, and the aligned text tables printed on stdout.
 */
import { mean, percentile, type QueryScores } from './metrics.js';
import type { IndexStats } from './systems.js';

/** One system's answer to one query. */
export interface SystemRun {
  readonly scores: QueryScores;
  readonly ms: number;
  /** The top results as `path:start-end symbol`, best first. */
  readonly top: readonly string[];
}

/** One query with its labels and every system's run. */
export interface QueryRecord {
  readonly id: string;
  readonly repository: string;
  readonly language: string;
  readonly category: string;
  readonly split: string;
  readonly query: string;
  readonly systems: Readonly<Record<string, SystemRun>>;
}

/** The whole run, as written by `--json` and read by `--compare`. */
export interface RunReport {
  readonly dataset: string;
  readonly createdAt: string;
  readonly systems: readonly string[];
  readonly settings: Readonly<Record<string, unknown>>;
  readonly index: readonly IndexStats[];
  readonly queries: readonly QueryRecord[];
  readonly summary: readonly SummaryRow[];
}

/** Mean metrics of one system over a group of queries. */
export interface Summary {
  readonly n: number;
  readonly ndcg5: number;
  readonly ndcg10: number;
  readonly ndcg10Graded: number;
  readonly fileNdcg10: number;
  readonly recall10: number;
  readonly mrr: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
}

/** A summary with the group it belongs to, e.g. `{ by: 'category', group: 'symbol', split: 'dev' }`. */
export interface SummaryRow extends Summary {
  readonly system: string;
  readonly by: 'split' | 'category' | 'language' | 'repository';
  readonly group: string;
  readonly split: string;
}

/** Mean metrics of `system` over `queries` (those the system did not run are left out). */
export function summarize(queries: readonly QueryRecord[], system: string): Summary {
  const runs = queries.flatMap((q) => (q.systems[system] ? [q.systems[system]] : []));
  const avg = (f: (s: QueryScores) => number) => mean(runs.map((r) => f(r.scores)));
  const ms = runs.map((r) => r.ms);
  return {
    n: runs.length,
    ndcg5: avg((s) => s.ndcg5),
    ndcg10: avg((s) => s.ndcg10),
    ndcg10Graded: avg((s) => s.ndcg10Graded),
    fileNdcg10: avg((s) => s.fileNdcg10),
    recall10: avg((s) => s.recall10),
    mrr: avg((s) => s.rr),
    p50Ms: percentile(ms, 50),
    p95Ms: percentile(ms, 95),
  };
}

/** The splits to report: each one present, plus `all` when there are several. */
export function splitsOf(queries: readonly QueryRecord[]): string[] {
  const present = [...new Set(queries.map((q) => q.split))].sort();
  return present.length > 1 ? [...present, 'all'] : present;
}

const inSplit = (split: string) => (q: QueryRecord) => split === 'all' || q.split === split;

/** Every summary row: per split, and per category / language / repository within each split. */
export function summaryRows(queries: readonly QueryRecord[], systems: readonly string[]): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const dims = ['category', 'language', 'repository'] as const;
  for (const split of splitsOf(queries)) {
    const qs = queries.filter(inSplit(split));
    for (const system of systems) {
      rows.push({ system, by: 'split', group: split, split, ...summarize(qs, system) });
      for (const by of dims) {
        for (const group of [...new Set(qs.map((q) => q[by]))].sort()) {
          rows.push({
            system,
            by,
            group,
            split,
            ...summarize(
              qs.filter((q) => q[by] === group),
              system,
            ),
          });
        }
      }
    }
  }
  return rows;
}

/** Formats rows as an aligned text table; numeric-looking cells are right-aligned. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = /^[-+]?[\d.]+(?:[/ ][-+]?[\d.]+)*(?:ms|s|%)?$/;
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i > 0 && numeric.test(c) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export const f3 = (x: number) => x.toFixed(3);
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

/** The report printed on stdout: overall, per category, per language, per repository, index cost. */
export function renderReport(report: RunReport): string {
  const { queries, systems, index } = report;
  const find = (system: string, by: SummaryRow['by'], group: string, split: string) =>
    report.summary.find((r) => r.system === system && r.by === by && r.group === group && r.split === split);
  const splits = splitsOf(queries);
  const out: string[] = [];

  out.push(`Dataset ${report.dataset}: ${queries.length} queries, systems ${systems.join(', ')}`);
  out.push(
    '',
    'Overall (mean per query; nDCG/MRR on chunk hits, file-nDCG and R@10 on files; latency per query)',
  );
  const overall: string[][] = [];
  for (const split of splits) {
    for (const system of systems) {
      const s = find(system, 'split', split, split);
      if (!s) continue;
      overall.push([
        split,
        system,
        String(s.n),
        f3(s.ndcg5),
        f3(s.ndcg10),
        f3(s.ndcg10Graded),
        f3(s.fileNdcg10),
        f3(s.recall10),
        f3(s.mrr),
        ms(s.p50Ms),
        ms(s.p95Ms),
      ]);
    }
  }
  out.push(
    formatTable(
      [
        'split',
        'system',
        'n',
        'nDCG@5',
        'nDCG@10',
        'nDCG@10g',
        'file-nDCG@10',
        'R@10',
        'MRR',
        'p50 ms',
        'p95 ms',
      ],
      overall,
    ),
  );

  for (const by of ['category', 'language', 'repository'] as const) {
    out.push('', `nDCG@10 / R@10 by ${by}`);
    const rows: string[][] = [];
    for (const group of [...new Set(queries.map((q) => q[by]))].sort()) {
      for (const split of splits) {
        const cells = systems.map((system) => {
          const s = find(system, by, group, split);
          return s && s.n > 0 ? `${f3(s.ndcg10)} ${f3(s.recall10)}` : '';
        });
        const n = find(systems[0]!, by, group, split)?.n ?? 0;
        if (n > 0) rows.push([group, split, String(n), ...cells]);
      }
    }
    out.push(formatTable([by, 'split', 'n', ...systems], rows));
  }

  if (index.length > 0) {
    out.push('', 'Index (real indexer, fresh in-memory store)');
    const rows = index.map((s) => [
      s.repository,
      String(s.files),
      String(s.chunks),
      String(s.skipped),
      String(s.failed),
      `${(s.ms / 1000).toFixed(2)}s`,
    ]);
    const total = index.reduce((a, s) => a + s.ms, 0);
    rows.push([
      'total',
      String(index.reduce((a, s) => a + s.files, 0)),
      String(index.reduce((a, s) => a + s.chunks, 0)),
      '',
      '',
      `${(total / 1000).toFixed(2)}s`,
    ]);
    out.push(formatTable(['repository', 'files', 'chunks', 'skipped', 'failed', 'time'], rows));
  }
  return out.join('\n') + '\n';
}
