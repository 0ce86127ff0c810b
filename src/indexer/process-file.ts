/**
 * One file through the content pipeline: read → (unchanged? stop) → chunk → hash → terms
 * (→ vectors, when the task carries a local embedder's recipe). Pure with respect to the store,
 * so it runs the same in a worker thread and inline.
 */
import { createHash } from 'node:crypto';
import type { Chunker } from '../chunk/index.js';
import type { ScannedFile, SkipReason } from '../core/index.js';
import type { DocumentEmbedder, DocumentEmbedders, WorkerEmbedding } from '../embed/index.js';
import {
  BodyTerms,
  chunkTerms,
  DEFAULT_FIELD_WEIGHTS,
  DEFAULT_TOKENIZER_OPTIONS,
  type ChunkTerms,
} from '../lexical/index.js';
import { readSourceFile } from '../scan/index.js';
import { termVectorBuffers, termVectors, type ChunkWrite, type FileWrite } from '../store/index.js';
import { embeddingHead, embeddingText } from './embed-phase.js';

export interface FileTask {
  readonly file: ScannedFile;
  /** Content hash already in the index, if the file was indexed before. */
  readonly knownHash: string | undefined;
  readonly maxFileBytes: number;
  /** Embed the chunks with this model on the way (a local embedder's `worker` recipe). */
  readonly embed?: WorkerEmbedding;
}

/** What a thread keeps between files. */
export interface FileContext {
  readonly chunker: Chunker;
  readonly embedders: DocumentEmbedders;
}

export type FileOutcome =
  | { readonly kind: 'skipped'; readonly path: string; readonly reason: SkipReason; readonly detail?: string }
  | { readonly kind: 'unchanged'; readonly path: string; readonly size: number; readonly changedMs: number }
  | { readonly kind: 'failed'; readonly path: string; readonly reason: string }
  | { readonly kind: 'indexed'; readonly write: FileWrite };

export async function processFile(task: FileTask, context: FileContext): Promise<FileOutcome> {
  const { file } = task;
  try {
    const read = await readSourceFile(file, { maxFileBytes: task.maxFileBytes });
    if (read.kind === 'skipped') {
      return {
        kind: 'skipped',
        path: file.path,
        reason: read.reason,
        ...(read.detail ? { detail: read.detail } : {}),
      };
    }
    if (task.knownHash === read.hash) {
      return { kind: 'unchanged', path: file.path, size: read.size, changedMs: read.changedMs };
    }
    const chunks = await context.chunker.chunk(file.path, read.language, read.text);
    const embedder = task.embed ? await context.embedders.get(task.embed) : undefined;
    const body = embedder?.embedWithBody ? BODY : undefined;
    const counted: ChunkTerms[] = [];
    let each: Float32Array[] | undefined = embedder ? [] : undefined;
    for (const chunk of chunks) {
      counted.push(chunkTerms(file.path, chunk, DEFAULT_FIELD_WEIGHTS, DEFAULT_TOKENIZER_OPTIONS, body));
      if (each) each = embedChunk(embedder!, file.path, chunk, body, each);
    }
    // Terms leave as hashes in one pair of buffers per file: no object per term to copy or hash later.
    const vectors = termVectors(counted.map((c) => c.terms));
    const embedded = each ? packVectors(each) : [];
    const writes: ChunkWrite[] = chunks.map((chunk, i) => ({
      startLine: chunk.startLine,
      endLine: chunk.endLine,
      kind: chunk.kind,
      symbol: chunk.symbol,
      content: chunk.content,
      hash: createHash('sha256').update(chunk.content).digest('hex').slice(0, 32),
      length: counted[i]!.length,
      terms: vectors[i]!,
      ...(embedded[i] ? { vector: embedded[i] } : {}),
    }));
    return {
      kind: 'indexed',
      write: {
        path: file.path,
        hash: read.hash,
        size: read.size,
        changedMs: read.changedMs,
        language: read.language,
        chunks: writes,
      },
    };
  } catch (error) {
    return {
      kind: 'failed',
      path: file.path,
      reason: error instanceof Error ? error.message : String(error),
    };
  }
}

/** The body terms `chunkTerms` leaves for the embedder (one file at a time per thread). */
const BODY = new BodyTerms();

/**
 * Appends the chunk's vector to `each` (the body's terms reused when `body` has them); undefined,
 * for the whole file, when the model fails: the file is still indexed, and the embedding phase
 * embeds its chunks on the main thread, or reports why it cannot.
 */
function embedChunk(
  embedder: DocumentEmbedder,
  path: string,
  chunk: Pick<ChunkWrite, 'symbol' | 'content'>,
  body: BodyTerms | undefined,
  each: Float32Array[],
): Float32Array[] | undefined {
  try {
    const head = embeddingHead({ path, symbol: chunk.symbol });
    each.push(
      body && embedder.embedWithBody
        ? embedder.embedWithBody(head, body)
        : embedder.embed(embeddingText({ path, symbol: chunk.symbol, content: chunk.content })),
    );
    return each;
  } catch {
    return undefined;
  }
}

/** The vectors as views of one buffer (one transfer per file). */
function packVectors(each: readonly Float32Array[]): Float32Array[] {
  if (each.length === 0) return [];
  const dims = each[0]!.length;
  const packed = new Float32Array(dims * each.length);
  return each.map((vector, i) => {
    packed.set(vector, i * dims);
    return packed.subarray(i * dims, (i + 1) * dims);
  });
}

/** The buffers an outcome can hand over to another thread instead of copying (`postMessage`). */
export function outcomeTransfers(outcome: FileOutcome): ArrayBuffer[] {
  if (outcome.kind !== 'indexed') return [];
  const buffers = new Set(termVectorBuffers(outcome.write.chunks.map((c) => c.terms)));
  for (const chunk of outcome.write.chunks) if (chunk.vector) buffers.add(chunk.vector.buffer as ArrayBuffer);
  return [...buffers];
}
