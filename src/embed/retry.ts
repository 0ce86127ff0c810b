/**
 * Retry timing: exponential backoff with full jitter, and `Retry-After` parsing.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { EMBEDDING_DEFAULTS } from './config.js';

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = Object.freeze({
  baseMs: EMBEDDING_DEFAULTS.backoffBaseMs,
  capMs: EMBEDDING_DEFAULTS.backoffCapMs,
  maxRetryAfterMs: EMBEDDING_DEFAULTS.maxRetryAfterMs,
});

/**
 * Wait before retry number `retry` (0 for the first retry): uniform in [0, min(cap, base·2^retry)).
 * "Full jitter" spreads clients that failed together so they do not come back together.
 */
export function backoffDelay(
  retry: number,
  random: () => number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/**
 * Reads `Retry-After` (delay in seconds, or an HTTP date) and the non-standard `retry-after-ms`
 * some OpenAI-compatible servers send. Returns milliseconds capped at `capMs`, or null when absent
 * or unreadable.
 */
export function parseRetryAfter(headers: Headers, now: number, capMs: number): number | null {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return clamp(Number(ms), capMs);
  const value = headers.get('retry-after');
  if (value === null) return null;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return clamp(Number(value) * 1000, capMs);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return clamp(date - now, capMs);
}

function clamp(ms: number, capMs: number): number {
  return Math.round(Math.min(Math.max(ms, 0), capMs));
}

/** The default sleep: a timer that rejects with the signal's reason when the signal aborts. */
export async function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  await delay(ms, undefined, signal === undefined ? undefined : { signal });
}
