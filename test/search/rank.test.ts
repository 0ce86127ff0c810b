import { describe, expect, it } from 'vitest';
import { analyzeQuery, rank } from '../../src/search/index.js';
import type { ChunkHit } from '../../src/store/index.js';

let id = 0;
const hit = (path: string, symbol: string | null, score: number): ChunkHit => ({
  chunkId: ++id,
  repositoryId: 1,
  path,
  language: 'typescript',
  startLine: id,
  endLine: id + 10,
  kind: symbol ? 'function' : 'code',
  symbol,
  score,
});

describe('rank', () => {
  it('puts the definition of a queried symbol above chunks that only mention it', () => {
    const hits = [hit('src/cli.ts', 'main', 10), hit('src/args.ts', 'parseArgs', 6)];
    expect(rank(hits, analyzeQuery('parseArgs'))[0]!.symbol).toBe('parseArgs');
  });

  it('matches qualified symbols written with :: or .', () => {
    const hits = [hit('a.rs', 'Other.bar', 10), hit('b.rs', 'Foo.bar', 8)];
    expect(rank(hits, analyzeQuery('Foo::bar'))[0]!.symbol).toBe('Foo.bar');
  });

  it('down-weights tests, examples, vendored code and declaration files unless asked for', () => {
    const hits = [hit('test/router.test.ts', 'routes', 10), hit('src/router.ts', 'routes', 8)];
    expect(rank(hits, analyzeQuery('router routes'))[0]!.path).toBe('src/router.ts');
    expect(rank(hits, analyzeQuery('router routes tests'))[0]!.path).toBe('test/router.test.ts');
    const decl = [hit('types/index.d.ts', null, 10), hit('src/index.ts', null, 8)];
    expect(rank(decl, analyzeQuery('index'))[0]!.path).toBe('src/index.ts');
    const vendored = [hit('vendor/lib/queue.go', null, 10), hit('pkg/queue.go', null, 7)];
    expect(rank(vendored, analyzeQuery('queue'))[0]!.path).toBe('pkg/queue.go');
  });

  it('boosts files whose name matches the query', () => {
    const hits = [hit('src/util.ts', null, 10), hit('src/retry.ts', null, 9)];
    expect(rank(hits, analyzeQuery('retry with backoff'))[0]!.path).toBe('src/retry.ts');
  });

  it('limits how many top places one file may take', () => {
    const hits = [hit('a.ts', 'a1', 10), hit('a.ts', 'a2', 9), hit('a.ts', 'a3', 8), hit('b.ts', 'b1', 1)];
    expect(rank(hits, analyzeQuery('thing')).map((h) => h.path)).toEqual(['a.ts', 'a.ts', 'b.ts', 'a.ts']);
  });
});
