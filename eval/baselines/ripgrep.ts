/**
 * The ripgrep baselines: what a developer gets from `rg` without any index.
 *
 * - `literal`: the whole query as one fixed string, case-insensitive (`rg -F -i -- "<query>"`).
 * - `words`: every query word of 3+ characters that is not an English function word, OR-ed as
 *   fixed strings, case-insensitive (`rg -F -i -e w1 -e w2 …`).
 *
 * Files are ranked by number of matches (occurrences), most first, ties by path; each file
 * becomes one result: its first matching line, widened by `context` lines on both sides, so the
 * same scorer applies as for the product. rg's defaults otherwise (respects .gitignore, skips
 * hidden and binary files) — what a user would see.
 */
import { spawn } from 'node:child_process';
import type { RetrievedChunk } from '../metrics.js';

/** How the query becomes an rg pattern. */
export type RipgrepMode = 'literal' | 'words';

/** Options for {@link ripgrepSearch}. */
export interface RipgrepOptions {
  readonly mode: RipgrepMode;
  /** Results to return (files). Default 10. */
  readonly limit?: number;
  /** Lines of context around the first match that count as the result's lines. Default 0. */
  readonly context?: number;
  /** The rg binary. Default `rg` on the PATH. */
  readonly binary?: string;
}

/** A result of the baseline with the numbers it was ranked by. */
export interface RipgrepResult extends RetrievedChunk {
  readonly matches: number;
  readonly firstLine: number;
}

// English function words only: a user typing an rg pattern would leave these out.
const STOP = new Set(
  `about above after again all also and any are because been before being below between both but
can could did does doing down during each few for from further had has have having her here hers
him his how into its itself just more most not now off once only other our ours out over own same
she should some such than that the their theirs them then there these they this those through too
under until very was were what when where which while who whom why will with would you your yours`
    .split(/\s+/)
    .filter(Boolean),
);

/** The words the `words` mode ORs: 3+ characters, not a stop word, lower-cased, distinct. */
export function queryWords(query: string): string[] {
  const words = query
    .split(/[^\p{L}\p{N}_]+/u)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length >= 3 && !STOP.has(w));
  return [...new Set(words)];
}

/** The rg argument list for a query (without the search root). Null when nothing is searchable. */
export function ripgrepArgs(query: string, mode: RipgrepMode): string[] | null {
  const base = [
    '--fixed-strings',
    '--ignore-case',
    '--only-matching',
    '--line-number',
    '--null',
    '--no-messages',
    '--color',
    'never',
  ];
  if (mode === 'literal') {
    const q = query.trim();
    return q === '' ? null : [...base, '-e', q];
  }
  const words = queryWords(query);
  return words.length === 0 ? null : [...base, ...words.flatMap((w) => ['-e', w])];
}

/**
 * Parses `rg --only-matching --line-number --null` output (`path\0line:match`, one line per
 * occurrence) into per-file results ranked by occurrence count.
 */
export function rankRipgrepOutput(
  output: string,
  options: { limit?: number; context?: number } = {},
): RipgrepResult[] {
  const limit = options.limit ?? 10;
  const context = options.context ?? 0;
  const files = new Map<string, { matches: number; firstLine: number }>();
  for (const line of output.split('\n')) {
    const nul = line.indexOf('\0');
    if (nul < 0) continue;
    const file = line.slice(0, nul).replace(/^\.\//, '');
    const lineNo = Number.parseInt(line.slice(nul + 1), 10);
    if (!Number.isFinite(lineNo)) continue;
    const f = files.get(file);
    if (f) {
      f.matches++;
      f.firstLine = Math.min(f.firstLine, lineNo);
    } else files.set(file, { matches: 1, firstLine: lineNo });
  }
  return [...files]
    .sort(([pa, a], [pb, b]) => b.matches - a.matches || (pa < pb ? -1 : pa > pb ? 1 : 0))
    .slice(0, limit)
    .map(([path, f]) => ({
      path,
      startLine: Math.max(1, f.firstLine - context),
      endLine: f.firstLine + context,
      matches: f.matches,
      firstLine: f.firstLine,
    }));
}

/** Runs rg in `root` (paths in the results are relative to it) and ranks the matching files. */
export async function ripgrepSearch(
  root: string,
  query: string,
  options: RipgrepOptions,
): Promise<RipgrepResult[]> {
  const args = ripgrepArgs(query, options.mode);
  if (!args) return [];
  const output = await runRipgrep(options.binary ?? 'rg', [...args, '.'], root);
  return rankRipgrepOutput(output, options);
}

function runRipgrep(binary: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new Error(`ripgrep (${binary}) is not installed: apt-get install ripgrep`)
          : error,
      );
    });
    child.on('close', (code) => {
      // 0 = matches, 1 = no match, 2 = error (but rg still prints what it found).
      if (code === 0 || code === 1) resolve(Buffer.concat(out).toString('utf8'));
      else
        reject(
          new Error(
            `rg ${args.join(' ')} exited with ${code}: ${Buffer.concat(err).toString('utf8').trim()}`,
          ),
        );
    });
  });
}
