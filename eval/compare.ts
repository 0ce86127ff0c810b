/**
 * `--compare a.json b.json`: the deltas between two runs of the harness, on the queries and
 * systems both runs have. Summaries are recomputed from the per-query records, so the two files
 * only need to share the query format.
 */
import { readFile } from 'node:fs/promises';
import {
  f3,
  formatTable,
  splitsOf,
  summaryRows,
  type QueryRecord,
  type RunReport,
  type SummaryRow,
} from './report.js';

const signed = (x: number) => (x >= 0 ? '+' : '') + x.toFixed(3);

/** Reads a report written by `--json`. */
export async function readReport(file: string): Promise<RunReport> {
  const report = JSON.parse(await readFile(file, 'utf8')) as RunReport;
  if (!Array.isArray(report.queries)) throw new Error(`${file} is not an eval report (no "queries")`);
  return report;
}

/** The comparison printed on stdout: a = before, b = after. */
export function renderComparison(
  a: RunReport,
  b: RunReport,
  labels: readonly [string, string] = ['a', 'b'],
  top = 15,
): string {
  const ids = new Set(a.queries.map((q) => q.id));
  const shared = new Set(b.queries.filter((q) => ids.has(q.id)).map((q) => q.id));
  const qa = a.queries.filter((q) => shared.has(q.id));
  const qb = b.queries.filter((q) => shared.has(q.id));
  const systems = a.systems.filter((s) => b.systems.includes(s));
  const ra = summaryRows(qa, systems);
  const rb = summaryRows(qb, systems);
  const key = (r: SummaryRow) => `${r.system}|${r.by}|${r.group}|${r.split}`;
  const before = new Map(ra.map((r) => [key(r), r]));
  const out: string[] = [
    `Comparing ${labels[0]} → ${labels[1]} on ${shared.size} shared queries, systems ${systems.join(', ')}`,
  ];

  const metrics = ['ndcg5', 'ndcg10', 'fileNdcg10', 'recall10', 'mrr'] as const;
  const overall: string[][] = [];
  for (const r of rb.filter((x) => x.by === 'split')) {
    const o = before.get(key(r));
    if (!o) continue;
    overall.push([
      r.split,
      r.system,
      String(r.n),
      ...metrics.map((m) => `${f3(o[m])}→${f3(r[m])} ${signed(r[m] - o[m])}`),
    ]);
  }
  out.push(
    '',
    formatTable(['split', 'system', 'n', 'nDCG@5', 'nDCG@10', 'file-nDCG@10', 'R@10', 'MRR'], overall),
  );

  for (const by of ['category', 'language', 'repository'] as const) {
    const rows: string[][] = [];
    for (const r of rb.filter((x) => x.by === by)) {
      const o = before.get(key(r));
      if (o && r.n > 0)
        rows.push([
          r.group,
          r.split,
          r.system,
          String(r.n),
          `${f3(o.ndcg10)}→${f3(r.ndcg10)}`,
          signed(r.ndcg10 - o.ndcg10),
        ]);
    }
    out.push('', `nDCG@10 by ${by}`, formatTable([by, 'split', 'system', 'n', 'nDCG@10', 'Δ'], rows));
  }

  const byId = new Map(qa.map((q) => [q.id, q]));
  for (const system of systems) {
    const changed = qb
      .map((q) => ({ q, o: byId.get(q.id) as QueryRecord }))
      .filter(({ q, o }) => q.systems[system] && o.systems[system])
      .map(({ q, o }) => ({ q, d: q.systems[system]!.scores.ndcg10 - o.systems[system]!.scores.ndcg10 }))
      .filter((x) => Math.abs(x.d) > 1e-9)
      .sort((x, y) => Math.abs(y.d) - Math.abs(x.d))
      .slice(0, top);
    if (changed.length === 0) continue;
    out.push('', `${system}: queries whose nDCG@10 changed most (splits ${splitsOf(qb).join('/')})`);
    out.push(
      formatTable(
        ['id', 'split', 'Δ nDCG@10', 'query'],
        changed.map(({ q, d }) => [q.id, q.split, signed(d), q.query.slice(0, 80)]),
      ),
    );
  }
  return out.join('\n') + '\n';
}
