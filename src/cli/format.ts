/**
 * Counts and sizes as people read them: "1 file", "2 files", "512 bytes", "3 KiB".
 */

const PLURALS: Record<string, string> = { repository: 'repositories' };

/** `n` and the noun, plural unless n is 1 ("1 file", "0 chunks", "2 repositories"). */
export function count(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : (PLURALS[noun] ?? `${noun}s`)}`;
}

/** Bytes below 1 KiB, KiB below 1 MiB, MiB above. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return count(bytes, 'byte');
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
