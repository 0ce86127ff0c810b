/**
 * The content stage: reads one scanned file and decides, from its bytes, whether it is indexed.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { ScannedFile } from '../core/index.js';
import { decodeText, isBinary, isPrivateKey, minifiedDetail } from './content.js';
import { detectLanguage, refineLanguage } from './language.js';
import { changeTimeMs, DEFAULT_MAX_FILE_BYTES } from './types.js';
import type { ReadOptions, ReadResult } from './types.js';

// O_NONBLOCK: opening a FIFO that replaced a file must not hang. O_NOFOLLOW: `absPath` is a real
// path, so a symlink there now means the tree changed since the scan; it is not followed.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/**
 * Reads `file` and returns its decoded text with hash and language, or the reason it is skipped:
 * `too-large`, `binary`, `secret` (a private key), `default-exclude` (minified) or `unreadable`.
 * Never throws for problems with the file itself.
 *
 * The system calls are synchronous: for the small files that make up repositories they are about
 * ten times faster than four thread-pool round trips (docs/notes/scan.md), and one call blocks
 * the event loop for at most one read of `maxFileBytes` from the page cache.
 */
export async function readSourceFile(file: ScannedFile, options: ReadOptions = {}): Promise<ReadResult> {
  return readSourceFileSync(file, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
}

function readSourceFileSync(file: ScannedFile, maxFileBytes: number): ReadResult {
  let bytes: Buffer;
  let changedMs: number;
  try {
    const fd = openSync(file.absPath, OPEN_FLAGS);
    try {
      const info = fstatSync(fd);
      if (!info.isFile()) return { kind: 'skipped', reason: 'unreadable', detail: 'not a regular file' };
      if (info.size > maxFileBytes) return tooLarge(info.size, maxFileBytes);
      changedMs = changeTimeMs(info);
      bytes = readAtMost(fd, info.size, maxFileBytes + 1);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return { kind: 'skipped', reason: 'unreadable', detail: errorCode(error) };
  }
  if (bytes.length > maxFileBytes) return tooLarge(bytes.length, maxFileBytes);
  if (isBinary(bytes)) return { kind: 'skipped', reason: 'binary', detail: 'binary content' };

  const text = decodeText(bytes);
  if (isPrivateKey(text)) return { kind: 'skipped', reason: 'secret', detail: 'private key' };
  const language = refineLanguage(file.path, detectLanguage(file.path, text.slice(0, 4096)), text);
  const minified = minifiedDetail(text, language);
  if (minified !== null) return { kind: 'skipped', reason: 'default-exclude', detail: minified };

  const hash = createHash('sha256').update(bytes).digest('hex');
  return { kind: 'text', text, hash, size: bytes.length, changedMs, language };
}

/**
 * Reads up to `limit` bytes in one call for a file that did not change since fstat, in more when
 * it grew: a growing file cannot make us read without bound.
 */
function readAtMost(fd: number, sizeHint: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  let chunkSize = sizeHint + 1;
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(chunkSize, limit - total));
    const bytesRead = readSync(fd, chunk, 0, chunk.length, total);
    if (bytesRead > 0) chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
    if (bytesRead < chunk.length) break;
    chunkSize = 64 * 1024;
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
}

function tooLarge(size: number, limit: number): ReadResult {
  return { kind: 'skipped', reason: 'too-large', detail: `${size} bytes > limit of ${limit} bytes` };
}

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'file no longer exists';
  if (code === 'ELOOP') return 'became a symbolic link since the scan';
  return code ?? (error instanceof Error ? error.message : String(error));
}
