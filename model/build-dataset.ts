/**
 * Walks unpacked packages, extracts (doc → code) pairs, de-duplicates them, tokenizes both sides
 * with the lexical tokenizer, and writes compact arrays for the trainer:
 *   vocab.tsv            term<TAB>document frequency (training split), most frequent first
 *   {doc,code}.off.u32   n+1 offsets into the id/tf arrays
 *   {doc,code}.ids.u32   distinct term ids of each text, ascending
 *   {doc,code}.tf.u16    their term frequencies
 *   split.u8, lang.u8    0 = training, 1 = held aside (by package); language index per pair
 *   dataset.json         counts and settings
 * Options (off by default) change the query side: `nameInQuery` appends the function's name as
 * words to the doc, `nameOnlyPairsPerPackage` adds name → code pairs for undocumented functions.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CachedTermMapper } from '../src/embed/builtin-terms.js';
import type { TokenizerOptions } from '../src/lexical/index.js';
import { extractPairs, pairLanguage, type PairLanguage } from './extract-pairs.js';
import { nameWords, queryText } from './pair-names.js';
import { isReservedPath } from './reserved.js';

export const PAIR_LANGUAGES: readonly PairLanguage[] = [
  'python',
  'go',
  'rust',
  'ruby',
  'javascript',
  'php',
  'java',
];

/** A directory of source to mine, with the name that decides its split. */
export interface SourceRoot {
  readonly name: string;
  readonly dir: string;
}

export interface DatasetOptions {
  readonly tokenizer: TokenizerOptions;
  /** Percent of packages (by name hash) held aside for evaluation. */
  readonly heldAsidePercent: number;
  readonly reserved: ReadonlySet<string>;
  readonly maxFileBytes?: number;
  /** At most this many pairs from one package, so a few huge packages do not dominate. */
  readonly maxPairsPerPackage?: number;
  /** Query = doc + the function's name split into words (`parseLine` → "parse line"). */
  readonly nameInQuery?: boolean;
  /**
   * At most this many extra pairs per training-split package whose query is only the split name
   * of a function without a usable doc comment (0 or absent = none). Held-aside packages get none,
   * so the held-aside evaluation stays doc → code. Counted apart from `maxPairsPerPackage`.
   */
  readonly nameOnlyPairsPerPackage?: number;
}

export interface DatasetStats {
  readonly pairs: number;
  readonly trainPairs: number;
  readonly heldAsidePairs: number;
  readonly duplicates: number;
  readonly reservedFiles: number;
  readonly files: number;
  readonly terms: number;
  readonly byLanguage: Record<string, number>;
  readonly packagesWithPairs: number;
  /** Of `pairs`, those whose query is only a function name (`nameOnlyPairsPerPackage`). */
  readonly nameOnlyPairs: number;
}

class U32Builder {
  private buf = new Uint32Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new Uint32Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
  view(): Uint32Array {
    return this.buf.subarray(0, this.length);
  }
}

class Side {
  readonly off = new U32Builder();
  readonly ids = new U32Builder();
  readonly tf = new U32Builder();
  constructor() {
    this.off.push(0);
  }
  add(counts: Map<number, number>): void {
    for (const id of [...counts.keys()].sort((a, b) => a - b)) {
      this.ids.push(id);
      this.tf.push(Math.min(counts.get(id)!, 65535));
    }
    this.off.push(this.ids.length);
  }
}

function* walk(dir: string, rel = ''): Generator<string> {
  let names: string[];
  try {
    names = readdirSync(join(dir, rel)).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const r = rel === '' ? name : `${rel}/${name}`;
    const st = lstatSync(join(dir, r));
    if (st.isSymbolicLink()) continue;
    if (st.isDirectory()) yield* walk(dir, r);
    else if (st.isFile()) yield r;
  }
}

export function isHeldAside(packageName: string, percent: number): boolean {
  const h = createHash('sha256').update(packageName).digest().readUInt32BE(0);
  return h % 100 < percent;
}

export function buildDataset(
  roots: readonly SourceRoot[],
  outDir: string,
  options: DatasetOptions,
): DatasetStats {
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const intern = (t: string): number => {
    let id = termIds.get(t);
    if (id === undefined) {
      id = terms.length;
      termIds.set(t, id);
      terms.push(t);
    }
    return id;
  };
  const mapper = new CachedTermMapper(options.tokenizer, intern, 1_000_000);
  const doc = new Side();
  const code = new Side();
  const split: number[] = [];
  const lang: number[] = [];
  const seen = new Set<string>();
  const byLanguage: Record<string, number> = {};
  let duplicates = 0;
  let reservedFiles = 0;
  let files = 0;
  let packagesWithPairs = 0;
  let nameOnlyPairs = 0;
  const seenNameOnly = new Set<string>();
  const nameInQuery = options.nameInQuery === true;
  const counts = (text: string): Map<number, number> => {
    const m = new Map<number, number>();
    mapper.forEach(text, (id) => m.set(id, (m.get(id) ?? 0) + 1));
    return m;
  };
  for (const root of roots) {
    const held = isHeldAside(root.name, options.heldAsidePercent) ? 1 : 0;
    let found = 0;
    let foundNameOnly = 0;
    const cap = options.maxPairsPerPackage ?? Infinity;
    const nameCap = held === 0 ? (options.nameOnlyPairsPerPackage ?? 0) : 0;
    const undocumented = nameCap > 0;
    for (const rel of walk(root.dir)) {
      if (found >= cap && foundNameOnly >= nameCap) break;
      const language = pairLanguage(rel);
      if (language === null) continue;
      if (isReservedPath(rel, options.reserved)) {
        reservedFiles++;
        continue;
      }
      const path = join(root.dir, rel);
      if (lstatSync(path).size > (options.maxFileBytes ?? 1_000_000)) continue;
      files++;
      for (const pair of extractPairs(readFileSync(path, 'utf8'), language, { undocumented })) {
        const nameOnly = pair.doc === '';
        if (nameOnly ? foundNameOnly >= nameCap || pair.name === null : found >= cap) continue;
        const key = createHash('sha1').update(pair.code).digest('base64');
        // Documented pairs de-duplicate among themselves exactly as without the options.
        if (seen.has(key) || (nameOnly && seenNameOnly.has(key))) {
          if (!nameOnly) duplicates++;
          continue;
        }
        (nameOnly ? seenNameOnly : seen).add(key);
        const d = counts(nameOnly ? nameWords(pair.name!) : queryText(pair.doc, pair.name, nameInQuery));
        const c = counts(pair.code);
        if (d.size < 2 || c.size < 3) continue;
        doc.add(d);
        code.add(c);
        split.push(held);
        lang.push(PAIR_LANGUAGES.indexOf(language));
        if (nameOnly) {
          foundNameOnly++;
          nameOnlyPairs++;
          continue;
        }
        byLanguage[language] = (byLanguage[language] ?? 0) + 1;
        found++;
      }
    }
    if (found > 0) packagesWithPairs++;
  }
  return writeDataset(
    outDir,
    { terms, doc, code, split, lang },
    {
      duplicates,
      reservedFiles,
      files,
      byLanguage,
      packagesWithPairs,
      nameOnlyPairs,
    },
  );
}

function writeDataset(
  outDir: string,
  data: { terms: string[]; doc: Side; code: Side; split: number[]; lang: number[] },
  stats: Omit<DatasetStats, 'pairs' | 'trainPairs' | 'heldAsidePairs' | 'terms'>,
): DatasetStats {
  const { terms, doc, code, split, lang } = data;
  // Document frequency over training texts (both sides), then ids ordered by df desc, term asc.
  const df = new Uint32Array(terms.length);
  for (const side of [doc, code]) {
    const off = side.off.view();
    const ids = side.ids.view();
    for (let p = 0; p < split.length; p++) {
      if (split[p] !== 0) continue;
      for (let k = off[p]!; k < off[p + 1]!; k++) df[ids[k]!]!++;
    }
  }
  const order = terms.map((_, i) => i).sort((a, b) => df[b]! - df[a]! || (terms[a]! < terms[b]! ? -1 : 1));
  const remap = new Uint32Array(terms.length);
  order.forEach((oldId, newId) => (remap[oldId] = newId));
  writeFileSync(join(outDir, 'vocab.tsv'), order.map((i) => `${terms[i]}\t${df[i]}`).join('\n') + '\n');
  for (const [name, side] of [
    ['doc', doc],
    ['code', code],
  ] as const) {
    const ids = side.ids.view();
    const off = side.off.view();
    // Re-sort each text's ids after remapping, keeping tf aligned.
    const outIds = new Uint32Array(ids.length);
    const outTf = new Uint16Array(ids.length);
    const tf = side.tf.view();
    for (let p = 0; p + 1 < off.length; p++) {
      const idx: number[] = [];
      for (let k = off[p]!; k < off[p + 1]!; k++) idx.push(k);
      idx.sort((a, b) => remap[ids[a]!]! - remap[ids[b]!]!);
      idx.forEach((k, j) => {
        outIds[off[p]! + j] = remap[ids[k]!]!;
        outTf[off[p]! + j] = tf[k]!;
      });
    }
    writeFileSync(join(outDir, `${name}.off.u32`), Buffer.from(off.slice().buffer));
    writeFileSync(join(outDir, `${name}.ids.u32`), Buffer.from(outIds.buffer));
    writeFileSync(join(outDir, `${name}.tf.u16`), Buffer.from(outTf.buffer));
  }
  writeFileSync(join(outDir, 'split.u8'), Uint8Array.from(split));
  writeFileSync(join(outDir, 'lang.u8'), Uint8Array.from(lang));
  const heldAsidePairs = split.filter((s) => s === 1).length;
  const result: DatasetStats = {
    pairs: split.length,
    trainPairs: split.length - heldAsidePairs,
    heldAsidePairs,
    terms: terms.length,
    ...stats,
  };
  writeFileSync(
    join(outDir, 'dataset.json'),
    JSON.stringify({ ...result, languages: PAIR_LANGUAGES }, null, 2),
  );
  return result;
}
