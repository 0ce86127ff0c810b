import { describe, expect, it } from 'vitest';
import { renderComparison } from '../../eval/compare.js';
import { scoreQuery } from '../../eval/metrics.js';
import { formatTable, summaryRows, type QueryRecord, type RunReport } from '../../eval/report.js';
import { parseVariant } from '../../eval/systems.js';

const record = (id: string, split: string, category: string, hit: boolean, ms: number): QueryRecord => ({
  id,
  repository: 'r',
  language: 'go',
  category,
  split,
  query: `query ${id}`,
  systems: {
    product: {
      scores: scoreQuery(hit ? [{ path: 'a.go', startLine: 1, endLine: 5 }] : [], { relevant: ['a.go'] }),
      ms,
      top: [],
    },
  },
});

const report = (queries: QueryRecord[]): RunReport => ({
  dataset: 't',
  createdAt: '',
  systems: ['product'],
  settings: {},
  index: [],
  queries,
  summary: summaryRows(queries, ['product']),
});

describe('summaries', () => {
  const queries = [
    record('q1', 'dev', 'symbol', true, 10),
    record('q2', 'dev', 'semantic', false, 30),
    record('q3', 'heldout', 'semantic', true, 20),
  ];

  it('averages per split, with an `all` row when both splits are present', () => {
    const rows = summaryRows(queries, ['product']).filter((r) => r.by === 'split');
    expect(rows.map((r) => [r.group, r.n, r.ndcg10, r.recall10])).toEqual([
      ['dev', 2, 0.5, 0.5],
      ['heldout', 1, 1, 1],
      ['all', 3, 2 / 3, 2 / 3],
    ]);
    expect(rows.find((r) => r.group === 'dev')?.p50Ms).toBe(10);
  });

  it('groups by category within each split', () => {
    const semantic = summaryRows(queries, ['product']).filter(
      (r) => r.by === 'category' && r.group === 'semantic',
    );
    expect(semantic.map((r) => [r.split, r.n, r.mrr])).toEqual([
      ['dev', 1, 0],
      ['heldout', 1, 1],
      ['all', 2, 0.5],
    ]);
  });
});

describe('comparison of two runs', () => {
  it('prints the delta per metric and lists the queries that changed', () => {
    const before = report([
      record('q1', 'dev', 'symbol', false, 10),
      record('q2', 'dev', 'symbol', true, 10),
    ]);
    const after = report([record('q1', 'dev', 'symbol', true, 10), record('q2', 'dev', 'symbol', true, 10)]);
    const text = renderComparison(before, after, ['before', 'after']);
    expect(text).toContain('0.500→1.000 +0.500');
    expect(text).toMatch(/q1\s+dev\s+\+1\.000/);
    expect(text).not.toMatch(/^q2\s/m);
  });
});

describe('table formatting', () => {
  it('pads text left and numbers right', () => {
    expect(
      formatTable(
        ['name', 'n'],
        [
          ['a', '1.5'],
          ['bb', '10.25'],
        ],
      ),
    ).toBe(['name  n', '----  -----', 'a       1.5', 'bb    10.25'].join('\n'));
  });
});

describe('product variants', () => {
  it('splits ranking weights from BM25 settings and names the variant after its spec', () => {
    expect(parseVariant('perFile=4,k1=1.5,docs=0.5')).toEqual({
      name: 'product[perFile=4,k1=1.5,docs=0.5]',
      settings: { k1: 1.5, ranking: { perFile: 4, docs: 0.5 } },
    });
  });

  it('rejects unknown settings and values that are not numbers', () => {
    expect(() => parseVariant('perfile=4')).toThrow(/unknown setting perfile/);
    expect(() => parseVariant('perFile=many')).toThrow(/key=number/);
  });
});
