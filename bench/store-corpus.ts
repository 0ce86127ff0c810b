/**
 * A synthetic corpus of real code for store benchmarks: JavaScript/TypeScript files from
 * node_modules (code nobody here wrote), cut into ~30-line window chunks and tokenized with the
 * product's tokenizer, so the term distribution is the real Zipf-like one of source code.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Language } from '../src/core/index.js';
import { addTermFrequencies } from '../src/lexical/index.js';
import { termVector, type ChunkWrite, type FileWrite } from '../src/store/index.js';

/** A corpus chunk keeps its term strings too (`words`), for benchmarks that pick query terms. */
export interface CorpusChunk extends ChunkWrite {
  readonly words: readonly string[];
}

export interface CorpusFile extends FileWrite {
  readonly chunks: readonly CorpusChunk[];
}

const EXTENSIONS = /\.(m?js|cjs|ts|mts)$/;

async function listSources(root: string, out: string[], limit: number): Promise<void> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (out.length >= limit) return;
    const path = join(root, entry.name);
    if (entry.isDirectory()) await listSources(path, out, limit);
    else if (entry.isFile() && EXTENSIONS.test(entry.name)) out.push(path);
  }
}

function chunkFile(text: string, linesPerChunk: number): CorpusChunk[] {
  const lines = text.split('\n');
  const chunks: CorpusChunk[] = [];
  for (let start = 0; start < lines.length; start += linesPerChunk) {
    const content = lines.slice(start, start + linesPerChunk).join('\n');
    const tf = new Map<string, number>();
    addTermFrequencies(tf, content);
    if (tf.size === 0) continue;
    let length = 0;
    for (const v of tf.values()) length += v;
    chunks.push({
      startLine: start + 1,
      endLine: Math.min(lines.length, start + linesPerChunk),
      kind: 'window',
      symbol: null,
      content,
      hash: createHash('sha1').update(content).digest('hex'),
      length,
      terms: termVector([...tf].map(([term, f]) => ({ term, tf: f }))),
      words: [...tf.keys()],
    });
  }
  return chunks;
}

/**
 * `fileCount` files sampled (round robin, with a path prefix per pass) from up to `sourceLimit`
 * real sources of at most `maxLines` lines.
 */
export async function buildCorpus(options: {
  root: string;
  fileCount: number;
  sourceLimit?: number;
  maxLines?: number;
  linesPerChunk?: number;
}): Promise<CorpusFile[]> {
  const paths: string[] = [];
  await listSources(options.root, paths, options.sourceLimit ?? Math.min(20_000, options.fileCount * 2));
  const sources: { path: string; chunks: CorpusChunk[]; size: number; hash: string; language: Language }[] =
    [];
  for (const path of paths) {
    const text = await readFile(path, 'utf8');
    const lineCount = text.split('\n').length;
    if (lineCount > (options.maxLines ?? 1000) || lineCount < 5) continue;
    const chunks = chunkFile(text, options.linesPerChunk ?? 20);
    if (chunks.length === 0) continue;
    sources.push({
      path: path.slice(options.root.length + 1),
      chunks,
      size: text.length,
      hash: createHash('sha1').update(text).digest('hex'),
      language: /\.m?ts$/.test(path) ? 'typescript' : 'javascript',
    });
  }
  const files: CorpusFile[] = [];
  for (let i = 0; i < options.fileCount; i++) {
    const s = sources[i % sources.length]!;
    const pass = Math.floor(i / sources.length);
    files.push({
      path: `copy${pass}/${s.path}`,
      hash: s.hash,
      size: s.size,
      changedMs: 1_700_000_000_000 + i,
      language: s.language,
      chunks: s.chunks,
    });
  }
  return files;
}
