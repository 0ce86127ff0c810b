/**
 * PGlite's fast path for postings: one COPY … FROM '/dev/blob' of tab-separated text instead of
 * array parameters (measured in docs/notes/store.md). Falls back to the shared INSERT when the
 * transaction is not a PGlite one.
 */
import { COPY_POSTINGS } from '../sql/statements.js';
import { insertPostings, type PostingsWriter } from '../sql/write-files.js';
import { PGliteQueryable } from './pglite-driver.js';

export const copyPostings: PostingsWriter = async (tx, repositoryId, segmentId, postings) => {
  if (!(tx instanceof PGliteQueryable)) return insertPostings(tx, repositoryId, segmentId, postings);
  const prefix = `\t${repositoryId}\t${segmentId}\t`;
  const parts: string[] = [];
  for (const [term, p] of postings) {
    parts.push(
      `${term}${prefix}${p.chunkIds.length}\t{${p.chunkIds.join(',')}}\t{${p.tfs.join(',')}}\t{${p.dls.join(',')}}\t{${p.fileIds.join(',')}}\n`,
    );
  }
  await tx.copyFrom(COPY_POSTINGS, new Blob(parts));
};
