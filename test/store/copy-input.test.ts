/**
 * COPY input on PGlite (src/store/pglite/copy-input.ts): the driver replaces PGlite's byte-by-byte
 * `/dev/blob` reads with bulk copies. What goes in must come out unchanged, across many device
 * reads, after other queries, after a failed COPY and inside transactions; without the replacement
 * PGlite reads the same input its own way.
 */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBulkCopyReads } from '../../src/store/pglite/copy-input.js';
import { PGliteDriver, PGliteQueryable, type PGliteLike } from '../../src/store/pglite/pglite-driver.js';

const COPY = "COPY lines (n, body) FROM '/dev/blob'";

/** `count` rows of text COPY input (tab-separated), with multi-byte characters and varied lengths. */
function rows(count: number, tag: string): { bytes: Uint8Array; bodies: string[] } {
  const bodies = Array.from(
    { length: count },
    (_, i) => `${tag} ${i} ${'ünïcødé→λ'.repeat(i % 7)} ${'x'.repeat((i * 37) % 300)}`,
  );
  const text = bodies.map((body, i) => `${i}\t${body}\n`).join('');
  return { bytes: new TextEncoder().encode(text), bodies };
}

async function readBack(db: PGliteQueryable): Promise<string[]> {
  const result = await db.query<{ body: string }>('SELECT body FROM lines ORDER BY n');
  return result.rows.map((row) => row.body);
}

async function createPGlite(): Promise<PGliteLike> {
  const pg = (await PGlite.create('memory://')) as unknown as PGliteLike;
  await pg.exec('CREATE TABLE lines (n integer PRIMARY KEY, body text NOT NULL)');
  return pg;
}

describe('COPY input on PGlite', () => {
  let pg: PGliteLike;
  let driver: PGliteDriver;
  beforeAll(async () => {
    pg = await createPGlite();
    driver = new PGliteDriver(pg);
  });
  afterAll(async () => {
    await driver?.close();
  });

  it('uses the bulk reads on the pinned PGlite version', () => {
    expect(driver.bulkCopyReads).toBe(true);
  });

  it('copies input spanning many device reads byte for byte', async () => {
    const { bytes, bodies } = rows(12_000, 'first');
    expect(bytes.length).toBeGreaterThan(1_000_000);
    await driver.exec('TRUNCATE lines');
    await driver.copyFrom(COPY, bytes);
    expect(await readBack(driver)).toEqual(bodies);
  });

  it('copies a view into a larger buffer (non-zero offset), inside a transaction', async () => {
    const { bytes, bodies } = rows(3_000, 'view');
    const larger = new Uint8Array(bytes.length + 100).fill(0x21);
    larger.set(bytes, 50);
    await driver.exec('TRUNCATE lines');
    await driver.transaction(async (tx) => {
      await tx.query('SELECT 1');
      await (tx as PGliteQueryable).copyFrom(COPY, larger.subarray(50, 50 + bytes.length));
    });
    expect(await readBack(driver)).toEqual(bodies);
  });

  it('rolls a failed COPY back and copies the next input correctly', async () => {
    await driver.exec('TRUNCATE lines');
    const bad = new TextEncoder().encode('1\tfine\nnot-a-number\tbad\n');
    await expect(driver.copyFrom(COPY, bad)).rejects.toThrow(/invalid input syntax for type integer/);
    const { bytes, bodies } = rows(500, 'after');
    await driver.copyFrom(COPY, bytes);
    expect(await readBack(driver)).toEqual(bodies);
  });

  it('reads the same input through PGlite’s own path when the reads are not replaced', async () => {
    const plain = await createPGlite();
    try {
      const db = new PGliteQueryable(plain);
      const { bytes, bodies } = rows(2_000, 'plain');
      await db.copyFrom(COPY, bytes.subarray(0));
      expect(await readBack(db)).toEqual(bodies);
    } finally {
      await plain.close();
    }
  });

  it('changes nothing on an object without PGlite’s internals', () => {
    const notPGlite = { mod: { FS: {} }, _handleBlob: async () => undefined };
    expect(installBulkCopyReads(notPGlite)).toBe(false);
    expect(installBulkCopyReads({})).toBe(false);
  });
});
