/**
 * The lexical search keeps decoded postings of frequent terms and recent filters' allowed files in
 * memory (src/store/sql/postings-cache.ts). These tests change a randomised corpus step by step
 * (writes, replacements, deletions, compaction) and check that every search returns exactly what a
 * search without any cache returns, and the textbook BM25 top k of the live chunks; so does a cache
 * warmed in advance with the repository's most frequent terms.
 */
import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/core/index.js';
import { termHash, type FileWrite, type LexicalQuery } from '../../src/store/index.js';
import { ChunkHitCache } from '../../src/store/sql/chunk-hit-cache.js';
import { lexicalSearch, warmLexicalCache } from '../../src/store/sql/lexical-search.js';
import { PostingsCache } from '../../src/store/sql/postings-cache.js';
import { selectedBackends, suitePair } from './backends.js';
import { bm25Term, chunk, file } from './fixtures.js';

const K1 = 1.2;
const B = 0.75;
const COMMON = ['alpha', 'beta', 'gamma'];
const MID = Array.from({ length: 20 }, (_, i) => `mid${i}`);
const RARE = Array.from({ length: 200 }, (_, i) => `rare${i}`);
/** float4-exact term frequencies, fractional ones included. */
const TFS = [1, 1, 1, 2, 3, 0.5, 1.25, 4.75];

/** A seeded generator, so a failure reproduces. */
function random(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s % n;
  };
}

for (const backend of selectedBackends()) {
  describe(`lexical search cache: ${backend.name}`, () => {
    const pair = suitePair(backend);

    it('returns what an uncached search and the textbook top k return while the corpus changes', async () => {
      const { store, db } = pair;
      const rand = random(20_240_611);
      const project = await store.getOrCreateProject('cache');
      const repositoryId = (await store.getOrCreateRepository(project.id, '/cache')).id;
      // The model: what the repository holds now, to compute the textbook BM25 from.
      const live = new Map<string, FileWrite>();
      let version = 0;
      const makeFile = (i: number): FileWrite => {
        version++;
        const chunks = Array.from({ length: 1 + rand(3) }, (_, c) => {
          const terms: Record<string, number> = {};
          for (const term of COMMON) if (rand(10) < 8) terms[term] = TFS[rand(TFS.length)]!;
          for (let k = rand(3); k > 0; k--) terms[MID[rand(MID.length)]!] = TFS[rand(TFS.length)]!;
          for (let k = rand(3); k > 0; k--) terms[RARE[rand(RARE.length)]!] = TFS[rand(TFS.length)]!;
          if (Object.keys(terms).length === 0) terms.alpha = 1;
          const tfSum = Object.values(terms).reduce((a, b) => a + b, 0);
          return chunk(1 + c * 10, terms, {
            length: Math.ceil(tfSum) + rand(40),
            content: `v${version} ${c}`,
          });
        });
        const language: Language = i % 4 === 0 ? 'python' : 'typescript';
        return file(
          `${i % 3 === 0 ? 'lib' : 'src'}/f${i}.${language === 'python' ? 'py' : 'ts'}`,
          chunks,
          language,
        );
      };
      const write = async (indexes: number[]): Promise<void> => {
        const files = indexes.map(makeFile);
        await store.writeFiles(repositoryId, files);
        for (const f of files) live.set(f.path, f);
      };
      const remove = async (paths: string[]): Promise<void> => {
        await store.deleteFiles(repositoryId, paths);
        for (const path of paths) live.delete(path);
      };

      const queries: LexicalQuery[] = Array.from({ length: 10 }, (_, q) => {
        const terms = [COMMON[q % 3]!, ...(q % 2 === 0 ? [COMMON[(q + 1) % 3]!] : [])];
        terms.push(MID[rand(MID.length)]!, RARE[rand(RARE.length)]!);
        return {
          repositoryIds: [repositoryId],
          terms: terms.map((term, i) => ({ term, weight: i === 0 && q > 6 ? 2 : 1 })),
          limit: q % 3 === 0 ? 100 : 15,
          k1: K1,
          b: B,
          ...(q === 4 ? { languages: ['python' as const] } : {}),
          ...(q === 5 ? { pathRegex: '^lib/' } : {}),
        };
      });
      const warm = {
        postings: new PostingsCache({ maxPostings: 100_000, minPostings: 1 }),
        hits: new ChunkHitCache(),
      };
      const tiny = {
        postings: new PostingsCache({ maxPostings: 300, minPostings: 1 }),
        hits: new ChunkHitCache(5),
      };

      // Warmed in advance (what the server does after a start or an index run), never searched before.
      const warmedUp = () => ({
        postings: new PostingsCache({ maxPostings: 100_000, minPostings: 1 }),
        hits: new ChunkHitCache(),
      });

      const check = async (): Promise<void> => {
        const prepared = warmedUp();
        expect(await warmLexicalCache(db, [repositoryId], prepared)).toBeGreaterThan(0);
        expect(prepared.postings.size).toBeGreaterThan(0);
        expect(await store.warmSearch([repositoryId])).toBeGreaterThan(0);
        for (const query of queries) {
          const uncached = await lexicalSearch(db, query, null);
          expect(await lexicalSearch(db, query, prepared)).toEqual(uncached);
          expect(await lexicalSearch(db, query, warm)).toEqual(uncached);
          expect(await lexicalSearch(db, query, warm)).toEqual(uncached);
          expect(await lexicalSearch(db, query, tiny)).toEqual(uncached);
          expect(await store.lexicalSearch(query)).toEqual(uncached);
          const { top: expected, byKey } = textbookTopK(live, query);
          expect(uncached).toHaveLength(expected.length);
          uncached.forEach((hit, i) => {
            expect(hit.score).toBeCloseTo(expected[i]!.score, 10);
            expect(hit.score).toBeCloseTo(byKey.get(`${hit.path}:${hit.startLine}`)!, 10);
          });
        }
        expect(warm.postings.size).toBeGreaterThan(0);
      };

      await write(Array.from({ length: 150 }, (_, i) => i));
      await write(Array.from({ length: 150 }, (_, i) => 150 + i));
      await check();
      await write(Array.from({ length: 40 }, () => rand(300))); // replacements
      await check();
      await remove([...live.keys()].filter((_, i) => i % 9 === 0));
      await check();
      await store.markRepositoryIndexed(repositoryId, new Date()); // compaction rewrites postings
      await check();
      await write(Array.from({ length: 60 }, (_, i) => 300 + i));
      await check();
    });
  });
}

/**
 * The exhaustive top k of the live chunks, computed from the model with the textbook formula, and
 * every matching chunk's score (ties at the k-th place may pick either chunk).
 */
function textbookTopK(
  live: ReadonlyMap<string, FileWrite>,
  query: LexicalQuery,
): { top: { key: string; score: number }[]; byKey: Map<string, number> } {
  const chunks = [...live.values()].flatMap((f) => f.chunks.map((c) => ({ f, c })));
  const n = chunks.length;
  const avgdl = chunks.reduce((s, { c }) => s + c.length, 0) / n;
  const df = new Map<number, number>();
  for (const { c } of chunks) for (const hash of c.terms.hashes) df.set(hash, (df.get(hash) ?? 0) + 1);
  const regex = query.pathRegex !== undefined ? new RegExp(query.pathRegex) : undefined;
  const scored = chunks
    .filter(({ f }) => (query.languages?.includes(f.language) ?? true) && (regex?.test(f.path) ?? true))
    .map(({ f, c }) => {
      let score = 0;
      let matched = false;
      for (const { term, weight } of query.terms) {
        const at = c.terms.hashes.indexOf(termHash(term));
        if (at < 0) continue;
        matched = true;
        const tf = c.terms.tfs[at]!;
        score += bm25Term(tf, c.length, { n, df: df.get(termHash(term))!, avgdl, k1: K1, b: B, weight });
      }
      return { key: `${f.path}:${c.startLine}`, score, matched };
    })
    .filter((s) => s.matched);
  return {
    top: scored.sort((x, y) => y.score - x.score).slice(0, query.limit),
    byKey: new Map(scored.map((s) => [s.key, s.score])),
  };
}
