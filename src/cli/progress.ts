/**
 * Indexing progress for people: a redrawn bar with rate and ETA on a terminal, plain lines
 * (at most every two seconds) when stderr is a file or a pipe.
 */
import type { IndexProgress } from '../indexer/index.js';
import { count } from './format.js';

export interface ProgressReporter {
  update(progress: IndexProgress): void;
  done(): void;
}

export function createProgressReporter(
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
  now: () => number = Date.now,
): ProgressReporter {
  const tty = Boolean(stream.isTTY);
  let lastLine = 0;
  let drawn = false;
  return {
    update(p) {
      const t = now();
      if (t - lastLine < (tty ? 100 : 2000) && p.filesDone < p.filesTotal) return;
      lastLine = t;
      const line = formatProgress(p);
      if (tty) {
        const width = Math.max(20, (stream.columns ?? 80) - 1);
        stream.write('\r' + line.slice(0, width).padEnd(width));
        drawn = true;
      } else stream.write(line + '\n');
    },
    done() {
      if (tty && drawn) stream.write('\n');
    },
  };
}

export function formatProgress(p: IndexProgress): string {
  const fraction = p.filesTotal === 0 ? 1 : p.filesDone / p.filesTotal;
  const width = 24;
  const filled = Math.round(fraction * width);
  const seconds = p.elapsedMs / 1000;
  const rate = seconds > 0 ? p.filesDone / seconds : 0;
  const eta = rate > 0 ? (p.filesTotal - p.filesDone) / rate : NaN;
  return (
    `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.filesDone}/${count(p.filesTotal, 'file')}` +
    ` ${count(p.chunks, 'chunk')}  ${rate.toFixed(0)} files/s  ETA ${Number.isFinite(eta) ? formatDuration(eta * 1000) : '?'}`
  );
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${Math.round(s - m * 60)
    .toString()
    .padStart(2, '0')}s`;
}
