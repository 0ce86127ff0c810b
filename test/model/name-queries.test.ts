import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenize } from '../../src/lexical/index.js';
import { buildDataset, type DatasetOptions, type DatasetStats } from '../../model/build-dataset.js';
import { extractPairs } from '../../model/extract-pairs.js';
import { MODEL_TOKENIZER } from '../../model/train.js';

const GO = `package alpha

// Adds together every value in the slice and returns the total.
func SumValues(values []int) int {
	total := 0
	for _, v := range values {
		total += v
	}
	return total
}

func parseHeaderLine(line string) (string, string) {
	parts := strings.SplitN(line, ":", 2)
	key := strings.TrimSpace(parts[0])
	return key, strings.TrimSpace(parts[1])
}
`;

const PYTHON = `def read_config_file(path):
    with open(path) as handle:
        text = handle.read()
    return text
`;

const TS = `/** Removes leading and trailing blanks from every string in the list. */
export function trimAll(items: string[]): string[] {
  const out = items.map((s) => s.trim());
  return out;
}

export function countWords(text: string): number {
  const words = text.split(/\\s+/);
  return words.length;
}
`;

/** Each pair's query terms, decoded from the dataset files. */
async function queries(dir: string): Promise<Set<string>[]> {
  const vocab = (await readFile(join(dir, 'vocab.tsv'), 'utf8'))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\t')[0]!);
  const u32 = async (f: string): Promise<Uint32Array> => {
    const b = await readFile(join(dir, f));
    return new Uint32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  };
  const off = await u32('doc.off.u32');
  const ids = await u32('doc.ids.u32');
  const out: Set<string>[] = [];
  for (let p = 0; p + 1 < off.length; p++)
    out.push(new Set([...ids.subarray(off[p]!, off[p + 1]!)].map((i) => vocab[i]!)));
  return out;
}

const terms = (text: string): Set<string> => new Set(tokenize(text, MODEL_TOKENIZER));

describe('model dataset: function names on the query side', () => {
  let root: string;
  let n = 0;
  const build = async (
    options: Partial<DatasetOptions>,
  ): Promise<{ stats: DatasetStats; queries: Set<string>[] }> => {
    const out = join(root, `out-${n++}`);
    await mkdir(out);
    const stats = buildDataset([{ name: 'alpha', dir: join(root, 'alpha') }], out, {
      tokenizer: MODEL_TOKENIZER,
      heldAsidePercent: 0,
      reserved: new Set(),
      ...options,
    });
    return { stats, queries: await queries(out) };
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'model-name-queries-'));
    await mkdir(join(root, 'alpha'));
    await writeFile(join(root, 'alpha', 'sum.go'), GO);
    await writeFile(join(root, 'alpha', 'config.py'), PYTHON);
    await writeFile(join(root, 'alpha', 'trim.ts'), TS);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('extracts the declared name, and undocumented functions only when asked', () => {
    expect(extractPairs(GO, 'go').map((p) => [p.name, p.doc])).toEqual([
      ['SumValues', 'Adds together every value in the slice and returns the total.'],
    ]);
    expect(extractPairs(GO, 'go', { undocumented: true }).map((p) => [p.name, p.doc])).toEqual([
      ['SumValues', 'Adds together every value in the slice and returns the total.'],
      ['parseHeaderLine', ''],
    ]);
    expect(extractPairs(PYTHON, 'python')).toEqual([]);
    expect(extractPairs(PYTHON, 'python', { undocumented: true }).map((p) => p.name)).toEqual([
      'read_config_file',
    ]);
    expect(extractPairs(TS, 'javascript', { undocumented: true }).map((p) => [p.name, p.doc !== ''])).toEqual(
      [
        ['trimAll', true],
        ['countWords', false],
      ],
    );
  });

  it('keeps the doc alone as the query by default', async () => {
    const { stats, queries } = await build({});
    expect(stats).toMatchObject({ pairs: 2, nameOnlyPairs: 0 });
    expect(queries.some((q) => q.has('sum'))).toBe(false);
    expect(queries.some((q) => q.has('trim'))).toBe(false);
  });

  it('appends the split function name to the doc with nameInQuery', async () => {
    const { stats, queries } = await build({ nameInQuery: true });
    expect(stats).toMatchObject({ pairs: 2, nameOnlyPairs: 0 });
    const sum = queries.find((q) => q.has('adds') || q.has('add'))!;
    expect([...terms('sum values')].every((t) => sum.has(t))).toBe(true);
    // The split words, not the compound identifier.
    expect(sum.has('sumvalues')).toBe(false);
    expect(queries.some((q) => q.has('trim') && q.has('blank'))).toBe(true);
  });

  it('adds name → code pairs for undocumented functions of training packages, up to the cap', async () => {
    const { stats, queries } = await build({ nameOnlyPairsPerPackage: 10 });
    expect(stats).toMatchObject({ pairs: 5, nameOnlyPairs: 3 });
    const named = queries.slice().map((q) => [...q].sort().join(' '));
    for (const name of ['parse header line', 'read config file', 'count words']) {
      expect(named).toContain([...terms(name)].sort().join(' '));
    }

    const capped = await build({ nameOnlyPairsPerPackage: 1 });
    expect(capped.stats).toMatchObject({ pairs: 3, nameOnlyPairs: 1 });

    const heldAside = await build({ nameOnlyPairsPerPackage: 10, heldAsidePercent: 100 });
    expect(heldAside.stats).toMatchObject({ pairs: 2, heldAsidePairs: 2, nameOnlyPairs: 0 });
  });
});
