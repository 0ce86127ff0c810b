import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/core/index.js';
import { analyzeQuery, demoteCommentBlocks, isCommentBlock, rank } from '../../src/search/index.js';
import type { ChunkHit } from '../../src/store/index.js';
import { hit } from './hits.js';

const prose = (n: number) => Array.from({ length: n }, (_, i) => `Prose line ${i} about the retry policy.`);

describe('comment blocks', () => {
  it('recognises comment blocks in the comment syntax of many languages', () => {
    const block = (prefix: string) => Array.from({ length: 6 }, (_, i) => `${prefix} line ${i}`).join('\n');
    for (const prefix of ['//', ' *', '#', '--', '///'])
      expect(isCommentBlock(block(prefix)), prefix).toBe(true);
    expect(isCommentBlock(`/**\n${block(' *')}\n${block(' *')}\n */\nimport x from 'y';`)).toBe(true); // 14 of 15
    expect(isCommentBlock(`${block('//')}\nconst a = 1;\nconst b = 2;`)).toBe(false); // 6 of 8
    expect(isCommentBlock('// one\n// two\n// three')).toBe(false); // too short to tell
    // preprocessor lines and attributes are code
    expect(isCommentBlock(Array.from({ length: 6 }, (_, i) => `#include <h${i}.h>`).join('\n'))).toBe(false);
    expect(isCommentBlock(Array.from({ length: 6 }, () => '#[derive(Debug)]').join('\n'))).toBe(false);
  });

  it('puts comment blocks below code unless the query asks for docs', () => {
    const hits = [hit('src/backoff.c', null, 10), hit('src/retry.c', 'retry', 8)];
    const contents = new Map([
      [hits[0]!.chunkId, Array.from({ length: 8 }, () => ' * retry with backoff').join('\n')],
    ]);
    const query = analyzeQuery('retry with backoff');
    expect(rank(demoteCommentBlocks(hits, contents, query), query)[0]!.path).toBe('src/retry.c');
    const docs = analyzeQuery('docs for retry with backoff');
    expect(rank(demoteCommentBlocks(hits, contents, docs), docs)[0]!.path).toBe('src/backoff.c');
    // without its text, a candidate is left alone
    expect(rank(demoteCommentBlocks(hits, new Map(), query), query)[0]!.path).toBe('src/backoff.c');
  });

  it('keeps a documented one-line declaration (an interface method) as code, except TypeScript overloads', () => {
    const doc = Array.from(
      { length: 12 },
      () => '     * Locks this mutex, suspending the caller while it is locked.',
    );
    const declaration = [...doc, '    suspend fun lock(owner: Any? = null)'].join('\n');
    expect(isCommentBlock(declaration)).toBe(true);
    const kotlin: ChunkHit = {
      ...hit('sync/Mutex.kt', 'Mutex.lock', 10),
      language: 'kotlin',
      kind: 'method',
    };
    const other: ChunkHit = {
      ...hit('sync/Semaphore.kt', 'Semaphore', 8),
      language: 'kotlin',
      kind: 'class',
    };
    const query = analyzeQuery('lock the mutex');
    const contents = new Map([[kotlin.chunkId, declaration]]);
    expect(rank(demoteCommentBlocks([kotlin, other], contents, query), query)[0]!.path).toBe('sync/Mutex.kt');
    // A documented TypeScript overload signature comes before the implementation that answers.
    const overload: ChunkHit = { ...kotlin, path: 'sync/mutex.ts', language: 'typescript' };
    const impl: ChunkHit = { ...other, path: 'sync/lock.ts', language: 'typescript' };
    expect(rank(demoteCommentBlocks([overload, impl], contents, query), query)[0]!.path).toBe('sync/lock.ts');
  });

  it('reads block comments and documentation whose inner lines carry no comment marker', () => {
    const cases: [Language, string][] = [
      ['c', ['/*', ...prose(6), '*/'].join('\n')],
      ['perl', ['=head2 retry', '', ...prose(6), '', '=cut'].join('\n')],
      ['python', ['"""Retries.', ...prose(6), '"""'].join('\n')],
      ['ruby', ['=begin', ...prose(6), '=end'].join('\n')],
      ['lua', ['--[[', ...prose(6), ']]'].join('\n')],
      ['haskell', ['{-', ...prose(6), '-}'].join('\n')],
      ['ocaml', ['(*', ...prose(6), '*)'].join('\n')],
      ['julia', ['#=', ...prose(6), '=#'].join('\n')],
      ['powershell', ['<#', ...prose(6), '#>'].join('\n')],
      [
        'matlab',
        prose(6)
          .map((l) => `% ${l}`)
          .join('\n'),
      ],
      [
        'erlang',
        prose(6)
          .map((l) => `%% ${l}`)
          .join('\n'),
      ],
      [
        'clojure',
        prose(6)
          .map((l) => `;; ${l}`)
          .join('\n'),
      ],
    ];
    for (const [language, text] of cases) expect(isCommentBlock(text, language), language).toBe(true);
    // after the block closes, code counts as code again
    const code = ['/* retry */', ...Array.from({ length: 6 }, (_, i) => `int a${i} = ${i};`)].join('\n');
    expect(isCommentBlock(code, 'c')).toBe(false);
    const pod = [
      '=pod',
      ...prose(2),
      '=cut',
      '',
      ...Array.from({ length: 6 }, (_, i) => `my $a${i} = ${i};`),
    ];
    expect(isCommentBlock(pod.join('\n'), 'perl')).toBe(false);
    // one language's block marker is another's code: `=begin` in Perl, `%` in C
    expect(
      isCommentBlock(
        prose(6)
          .map((l) => `% ${l}`)
          .join('\n'),
        'c',
      ),
    ).toBe(false);
    expect(isCommentBlock(['=head1 NAME', ...prose(6)].join('\n'), 'python')).toBe(false);
  });

  it("puts a Perl module's trailing POD below the code it documents", () => {
    const pod: ChunkHit = { ...hit('lib/Mojo/Util.pm', 'Mojo::Util', 10), language: 'perl', kind: 'class' };
    const sub: ChunkHit = { ...hit('lib/Mojo/Util.pm', 'Mojo::Util.backoff', 8), language: 'perl' };
    const contents = new Map([
      [pod.chunkId, ['1;', '', '=encoding utf8', '', '=head1 NAME', '', ...prose(20), '', '=cut'].join('\n')],
      [sub.chunkId, ['sub backoff {', '  my $self = shift;', '  return $self->attempt;', '}'].join('\n')],
    ]);
    const query = analyzeQuery('retry policy');
    expect(rank(demoteCommentBlocks([pod, sub], contents, query), query)[0]!.symbol).toBe(
      'Mojo::Util.backoff',
    );
  });

  it("keeps a Python class's docstring head as the class, but not a function's first piece", () => {
    const docstring = ['    """A cache that retries.', ...prose(12).map((l) => `    ${l}`), '    """'];
    const cls: ChunkHit = { ...hit('cache.py', 'FileCache', 10), language: 'python', kind: 'class' };
    const method: ChunkHit = { ...hit('app.py', 'App.add_route', 10), language: 'python', kind: 'method' };
    const other: ChunkHit = { ...hit('router.py', 'Router.find', 8), language: 'python', kind: 'method' };
    const contents = new Map([
      [cls.chunkId, ['class FileCache(Cache):', ...docstring].join('\n')],
      [method.chunkId, ['    def add_route(self, uri, resource):', ...docstring].join('\n')],
    ]);
    const query = analyzeQuery('retry policy');
    expect(rank(demoteCommentBlocks([cls, other], contents, query), query)[0]!.symbol).toBe('FileCache');
    expect(rank(demoteCommentBlocks([method, other], contents, query), query)[0]!.symbol).toBe('Router.find');
  });
});
