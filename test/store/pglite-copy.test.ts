/**
 * PGlite's postings COPY (src/store/pglite/pglite-copy.ts): a batch whose encoded postings exceed
 * POSTINGS_COPY_BYTES goes in several COPYs, none larger than that, and every posting arrives once,
 * in its term's row, in chunk order.
 */
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/core/index.js';
import { copyPostings, POSTINGS_COPY_BYTES } from '../../src/store/pglite/pglite-copy.js';
import { PGliteDriver, PGliteQueryable, type PGliteLike } from '../../src/store/pglite/pglite-driver.js';
import { SqlStore } from '../../src/store/sql/sql-store.js';
import { chunk, file } from './fixtures.js';

describe('postings COPY on PGlite', () => {
  let pglite: PGliteLike;
  let driver: PGliteDriver;
  let store: SqlStore;
  beforeAll(async () => {
    pglite = (await PGlite.create('memory://', { extensions: { vector } })) as unknown as PGliteLike;
    driver = new PGliteDriver(pglite);
    store = new SqlStore(driver, { logger: silentLogger, writePostings: copyPostings });
    await store.migrate();
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  it('splits a large batch into COPYs of at most POSTINGS_COPY_BYTES, losing no posting', async () => {
    const terms = Array.from({ length: 450 }, (_, t) => `term${t}`);
    const chunks = Array.from({ length: 300 }, (_, c) =>
      chunk(c * 10 + 1, Object.fromEntries(terms.map((term, t) => [term, 1 + ((c + t) % 5)]))),
    );
    const copies = vi.spyOn(PGliteQueryable.prototype, 'copyFrom');
    const project = await store.getOrCreateProject('p');
    const repository = await store.getOrCreateRepository(project.id, '/repo');
    await store.writeFiles(repository.id, [file('big.ts', chunks)]);

    const postings = copies.mock.calls.filter(([sql]) => sql.includes('postings'));
    copies.mockRestore();
    expect(postings.length).toBeGreaterThan(1); // 450 rows × 300 postings: ~4.9 MB encoded
    for (const [, data] of postings) expect(data.byteLength).toBeLessThanOrEqual(POSTINGS_COPY_BYTES);

    const rows = await driver.query<{ n: number; tfs: number[] }>(
      'SELECT n, tfs FROM postings WHERE repository_id = $1 ORDER BY term',
      [repository.id],
    );
    expect(rows.rows).toHaveLength(terms.length);
    expect(rows.rows.every((r) => r.n === chunks.length)).toBe(true);
    const tfSum = rows.rows.reduce((s, r) => s + r.tfs.reduce((a, b) => a + b, 0), 0);
    expect(tfSum).toBe(chunks.reduce((s, c) => s + [...c.terms.tfs].reduce((a, b) => a + b, 0), 0));
  });
});
