/**
 * The built-in model's file format and its lazy loader. One binary file, little-endian:
 *
 *   0   magic "CMSE" (codebase-mcp static embeddings)
 *   4   u32 format version (1)
 *   8   u32 byte length M of the JSON metadata
 *   12  metadata (UTF-8 JSON, {@link BuiltinModelMetadata}), zero-padded to a multiple of 4
 *   …   u32 byte length L of the vocabulary, then L bytes: terms joined by "\n", in row order,
 *       zero-padded to a multiple of 4
 *   …   idf: V × u8, idf = q / 255 · metadata.idfMax, zero-padded to a multiple of 4
 *   …   row scales: V × f32
 *   …   table: V × D × i8, row-major; E[t] = scale[t] · q[t]
 *
 * A text's vector is Σ over its distinct terms of (1 + ln tf) · idf[t] · E[t], L2-normalised.
 */
import { readFile } from 'node:fs/promises';
import { EmbeddingError } from '../core/index.js';
import type { TokenizerOptions } from '../lexical/index.js';
import { allocateModelBytes } from './builtin-kernel.js';

const MAGIC = 0x45534d43; // "CMSE" read as little-endian u32
export const BUILTIN_FORMAT_VERSION = 1;

/** What the model file says about itself. */
export interface BuiltinModelMetadata {
  /** Model name, e.g. `codebase-mcp-static-v1`. */
  readonly name: string;
  readonly dimensions: number;
  readonly vocabularySize: number;
  /** Tokenizer options the vocabulary was built with; the runtime must use the same. */
  readonly tokenizer: TokenizerOptions;
  /** Scale of the u8-quantised idf. */
  readonly idfMax: number;
  /** sha256 of the corpus manifest's package list. */
  readonly corpusManifestHash: string;
  readonly createdWith: string;
  /** Hyper-parameters, corpus counts and held-aside metrics, as the trainer reported them. */
  readonly training: Readonly<Record<string, unknown>>;
}

/** A loaded model: vocabulary lookup plus the arrays the embedder needs. */
export interface BuiltinModel {
  readonly metadata: BuiltinModelMetadata;
  readonly vocabulary: ReadonlyMap<string, number>;
  /** Per-term factor idf[t] · scale[t], so a term's contribution is (1 + ln tf) · factor · q[t]. */
  readonly rowFactor: Float32Array;
  readonly table: Int8Array;
}

/** What `encodeBuiltinModel` needs: the metadata and the arrays, rows in vocabulary order. */
export interface BuiltinModelParts {
  readonly metadata: BuiltinModelMetadata;
  readonly terms: readonly string[];
  readonly idf: Uint8Array;
  readonly scale: Float32Array;
  readonly table: Int8Array;
}

const pad4 = (n: number): number => (n + 3) & ~3;

export function encodeBuiltinModel(parts: BuiltinModelParts): Buffer {
  const { metadata, terms, idf, scale, table } = parts;
  const v = terms.length;
  const d = metadata.dimensions;
  if (metadata.vocabularySize !== v || idf.length !== v || scale.length !== v || table.length !== v * d) {
    throw new Error('model parts disagree on vocabulary size or dimensions');
  }
  if (terms.some((t) => t.includes('\n') || t === ''))
    throw new Error('a term is empty or contains a newline');
  const meta = Buffer.from(JSON.stringify(metadata), 'utf8');
  const vocab = Buffer.from(terms.join('\n'), 'utf8');
  const size = 12 + pad4(meta.length) + 4 + pad4(vocab.length) + pad4(v) + 4 * v + v * d;
  const out = Buffer.alloc(size);
  let o = 0;
  out.writeUInt32LE(MAGIC, o);
  out.writeUInt32LE(BUILTIN_FORMAT_VERSION, o + 4);
  out.writeUInt32LE(meta.length, o + 8);
  o = 12;
  meta.copy(out, o);
  o += pad4(meta.length);
  out.writeUInt32LE(vocab.length, o);
  o += 4;
  vocab.copy(out, o);
  o += pad4(vocab.length);
  out.set(idf, o);
  o += pad4(v);
  Buffer.from(scale.buffer, scale.byteOffset, scale.byteLength).copy(out, o);
  o += 4 * v;
  Buffer.from(table.buffer, table.byteOffset, table.byteLength).copy(out, o);
  return out;
}

/** Parses a model file; throws EmbeddingError naming the file when it is not a valid model. */
export function decodeBuiltinModel(bytes: Uint8Array, path = '<memory>'): BuiltinModel {
  const invalid = (why: string): EmbeddingError =>
    new EmbeddingError('EMBEDDING_FAILED', `The built-in model file ${path} is invalid: ${why}.`, {
      hint: 'Reinstall codebase-mcp, or rebuild the model with `npm run model:train`.',
      details: { path },
    });
  // Copy into a fresh, aligned buffer so the typed-array views below are valid; in shared
  // WebAssembly memory, so the accumulation kernel can read the table where it is, and the
  // chunking threads too (builtin-shared.ts).
  const buf = allocateModelBytes(bytes.byteLength);
  buf.set(bytes);
  const view = new DataView(buf.buffer, 0, buf.byteLength);
  if (buf.length < 16 || view.getUint32(0, true) !== MAGIC) throw invalid('wrong magic number');
  const version = view.getUint32(4, true);
  if (version !== BUILTIN_FORMAT_VERSION) throw invalid(`format version ${version} is not supported`);
  const metaLength = view.getUint32(8, true);
  let o = 12;
  const decoder = new TextDecoder();
  const metadata = JSON.parse(decoder.decode(buf.subarray(o, o + metaLength))) as BuiltinModelMetadata;
  o += pad4(metaLength);
  const vocabLength = view.getUint32(o, true);
  o += 4;
  const terms = decoder.decode(buf.subarray(o, o + vocabLength)).split('\n');
  o += pad4(vocabLength);
  const v = metadata.vocabularySize;
  const d = metadata.dimensions;
  if (terms.length !== v) throw invalid(`vocabulary has ${terms.length} terms, metadata says ${v}`);
  if (buf.length !== o + pad4(v) + 4 * v + v * d) throw invalid('file size does not match its metadata');
  const idf = buf.subarray(o, o + v);
  o += pad4(v);
  const scale = new Float32Array(buf.buffer, o, v);
  o += 4 * v;
  const table = new Int8Array(buf.buffer, o, v * d);
  const rowFactor = new Float32Array(new SharedArrayBuffer(4 * v));
  const idfUnit = metadata.idfMax / 255;
  for (let t = 0; t < v; t++) rowFactor[t] = idf[t]! * idfUnit * scale[t]!;
  const vocabulary = new Map<string, number>();
  terms.forEach((t, i) => vocabulary.set(t, i));
  return { metadata, vocabulary, rowFactor, table };
}

/** Reads and parses a model file. */
export async function loadBuiltinModel(path: string): Promise<BuiltinModel> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new EmbeddingError('EMBEDDING_FAILED', `The built-in model file ${path} cannot be read.`, {
      hint: 'Reinstall codebase-mcp (the file ships in its models/ folder), or rebuild it with `npm run model:train`.',
      details: { path },
      cause,
    });
  }
  return decodeBuiltinModel(bytes, path);
}
