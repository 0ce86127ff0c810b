/**
 * Splitting texts into requests (by count and by size) and running them N at a time.
 */

/** Cuts `text` to at most `maxChars` UTF-16 code units without splitting a surrogate pair. */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let end = Math.max(0, maxChars);
  const code = text.charCodeAt(end - 1);
  if (end > 0 && code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/** A contiguous run of inputs sent in one request. */
export interface Batch {
  /** Index of the first text in the caller's array. */
  readonly start: number;
  readonly texts: readonly string[];
}

/**
 * Greedy, order-preserving split: a batch closes when adding the next text would exceed
 * `batchSize` texts or `maxBatchChars` characters. A text longer than `maxBatchChars` on its own
 * still forms a batch of one (inputs are truncated beforehand, so this is bounded).
 */
export function planBatches(texts: readonly string[], batchSize: number, maxBatchChars: number): Batch[] {
  const batches: Batch[] = [];
  let start = 0;
  let chars = 0;
  for (let i = 0; i < texts.length; i++) {
    const len = texts[i]!.length;
    const count = i - start;
    if (count > 0 && (count >= batchSize || chars + len > maxBatchChars)) {
      batches.push({ start, texts: texts.slice(start, i) });
      start = i;
      chars = 0;
    }
    chars += len;
  }
  if (start < texts.length) batches.push({ start, texts: texts.slice(start) });
  return batches;
}

/**
 * Runs `work` over `items` with at most `concurrency` calls in flight, in item order. On the first
 * failure, no new item starts, `onFailure` runs (to abort the ones in flight), and once those have
 * settled the first error is thrown.
 */
export async function runBounded<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
  onFailure: () => void,
): Promise<void> {
  let next = 0;
  let failed = false;
  let firstError: unknown;
  const lane = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        if (!failed) {
          failed = true;
          firstError = error;
          onFailure();
        }
      }
    }
  };
  const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane);
  await Promise.all(lanes);
  if (failed) throw firstError;
}
