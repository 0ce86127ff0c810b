/**
 * A dry run: what `index` would do, without writing anything. Reads each candidate file once to
 * detect binary content, secrets and shebang languages, exactly as indexing would.
 */
import type { Language, SkipReason, SkippedFile } from '../core/index.js';
import { readSourceFile, scanRepository } from '../scan/index.js';

export interface IndexPlan {
  readonly root: string;
  readonly files: number;
  readonly bytes: number;
  readonly byLanguage: Readonly<Partial<Record<Language, number>>>;
  readonly excluded: Readonly<Partial<Record<SkipReason, number>>>;
  readonly skipped: readonly SkippedFile[];
}

export async function planIndex(
  root: string,
  options: { maxFileBytes: number; include?: readonly string[] },
): Promise<IndexPlan> {
  const scan = await scanRepository(root, options);
  const byLanguage: Partial<Record<Language, number>> = {};
  const skipped: SkippedFile[] = [...scan.skipped];
  let files = 0;
  let bytes = 0;
  for (const file of scan.files) {
    const read = await readSourceFile(file, { maxFileBytes: options.maxFileBytes });
    if (read.kind === 'skipped') {
      skipped.push({ path: file.path, reason: read.reason, ...(read.detail ? { detail: read.detail } : {}) });
      continue;
    }
    files++;
    bytes += read.size;
    byLanguage[read.language] = (byLanguage[read.language] ?? 0) + 1;
  }
  const excluded: Partial<Record<SkipReason, number>> = {};
  for (const s of skipped) excluded[s.reason] = (excluded[s.reason] ?? 0) + 1;
  return { root: scan.root, files, bytes, byLanguage, excluded, skipped };
}
