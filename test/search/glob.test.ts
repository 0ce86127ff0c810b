import { describe, expect, it } from 'vitest';
import { globToRegex } from '../../src/search/index.js';

const matches = (glob: string, path: string) => new RegExp(globToRegex(glob)).test(path);

describe('globToRegex', () => {
  it('matches file-name globs at any depth', () => {
    expect(matches('*.ts', 'src/a/b.ts')).toBe(true);
    expect(matches('*.ts', 'b.ts')).toBe(true);
    expect(matches('*.ts', 'src/b.tsx')).toBe(false);
  });

  it('anchors globs with a slash at the repository root', () => {
    expect(matches('src/**/*.go', 'src/a/b/c.go')).toBe(true);
    expect(matches('src/**/*.go', 'src/c.go')).toBe(true);
    expect(matches('src/**/*.go', 'lib/src/c.go')).toBe(false);
    expect(matches('src/*.go', 'src/a/c.go')).toBe(false);
  });

  it('treats a plain folder as everything below it', () => {
    expect(matches('src/search', 'src/search/rank.ts')).toBe(true);
    expect(matches('src/search/', 'src/search/rank.ts')).toBe(true);
    expect(matches('src/search', 'src/searcher.ts')).toBe(false);
  });

  it('supports braces, classes and escapes regex characters', () => {
    expect(matches('*.{ts,tsx}', 'a/b.tsx')).toBe(true);
    expect(matches('file[0-9].c', 'file7.c')).toBe(true);
    expect(matches('a+b.c', 'a+b.c')).toBe(true);
    expect(matches('a+b.c', 'aab.c')).toBe(false);
  });

  it('rejects invalid globs with a clear error', () => {
    expect(() => globToRegex('src/{a,b')).toThrow(/Invalid path glob.*never closed/);
    expect(() => globToRegex('file[0-9.c')).toThrow(/never closed/);
    expect(() => globToRegex('')).toThrow(/empty/);
  });
});
