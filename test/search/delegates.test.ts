import { describe, expect, it } from 'vitest';
import { analyzeQuery, demoteDelegates, rank } from '../../src/search/index.js';
import type { ChunkHit } from '../../src/store/index.js';

let id = 0;
const hit = (path: string, symbol: string, score: number, kind: ChunkHit['kind'] = 'function'): ChunkHit => ({
  chunkId: ++id,
  repositoryId: 1,
  path,
  language: 'perl',
  startLine: id,
  endLine: id + 5,
  kind,
  symbol,
  score,
});

describe('delegates', () => {
  const query = analyzeQuery('secure_compare');
  const wrapper = hit('lib/Mojo/ByteStream.pm', 'Mojo::ByteStream.secure_compare', 10);
  const doer = hit('lib/Mojo/Util.pm', 'Mojo::Util.secure_compare', 9);
  const body = [
    'sub secure_compare {',
    '  my ($one, $two) = @_;',
    '  my $r = length $one != length $two;',
    '  $two = $one if $r;',
    '  $r |= ord(substr $one, $_) ^ ord(substr $two, $_) for 0 .. length($one) - 1;',
    '  return $r == 0;',
    '}',
  ].join('\n');
  const contents = new Map([
    [wrapper.chunkId, 'sub secure_compare { Mojo::Util::secure_compare ${shift()}, shift }'],
    [doer.chunkId, body],
  ]);

  it('puts a wrapper that hands over to a namesake below the namesake', () => {
    expect(rank([wrapper, doer], query)[0]!.path).toBe('lib/Mojo/ByteStream.pm');
    expect(rank(demoteDelegates([wrapper, doer], contents), query)[0]!.path).toBe('lib/Mojo/Util.pm');
  });

  it('and a type alias below the type it names', () => {
    const alias = { ...hit('json4s/package.scala', 'JValue', 10, 'type'), language: 'scala' as const };
    const type = { ...hit('json4s/JsonAST.scala', 'JsonAST.JValue', 9, 'class'), language: 'scala' as const };
    const texts = new Map([
      [alias.chunkId, 'type JValue = JsonAST.JValue'],
      [
        type.chunkId,
        'sealed abstract class JValue extends Diff.Diffable {\n  type Values\n  def values: Values\n}',
      ],
    ]);
    expect(rank(demoteDelegates([alias, type], texts), analyzeQuery('JValue'))[0]!.path).toBe(
      'json4s/JsonAST.scala',
    );
  });

  it('leaves a wrapper alone when the namesake is not among the candidates, or it does real work', () => {
    expect(demoteDelegates([wrapper], contents)[0]!.score).toBe(10);
    const long = new Map([
      [wrapper.chunkId, body.replace('sub secure_compare {', 'sub secure_compare { # secure_compare')],
    ]);
    expect(demoteDelegates([wrapper, doer], long)[0]!.score).toBe(10);
  });

  it('does not take a class whose header repeats its name for a delegate', () => {
    const header = {
      ...hit('src/ObjectPath.cs', 'DBus.ObjectPath', 10, 'class'),
      language: 'csharp' as const,
    };
    const ctor = {
      ...hit('src/ObjectPath.cs', 'DBus.ObjectPath.ObjectPath', 9, 'constructor'),
      language: 'csharp' as const,
    };
    const texts = new Map([
      [
        header.chunkId,
        'public sealed class ObjectPath : IComparable<ObjectPath>\n{\n  public static readonly ObjectPath Root;\n}',
      ],
    ]);
    expect(demoteDelegates([header, ctor], texts)[0]!.score).toBe(10);
  });
});
