/**
 * The optional `include` filter: a file is scanned when any glob matches its root-relative path
 * or one of its parent directories (so `src` and `packages/*` select whole trees). A glob
 * without a slash matches the base name at any depth (`*.ts`), as in .gitignore.
 *
 * A glob that names a directory explicitly (`build/**`, `packages/foo/dist/*.js`, a leading
 * globstar then `dist/**`) also brings it back when a built-in exclude would leave it out, VCS
 * metadata aside; a bare `*` or `**` names nothing.
 */
import picomatch from 'picomatch';
import { CodebaseError } from '../core/index.js';

/** Tests a root-relative path (files) or directory path; build it with `compileInclude`. */
export type PathMatcher = (path: string) => boolean;

/** The compiled include globs. */
export interface IncludeFilter {
  /** Whether a root-relative file (or directory, for its whole tree) is selected. */
  readonly test: PathMatcher;
  /** Whether a glob names this root-relative directory by a segment of its own (not `*` or `**`). */
  readonly names: PathMatcher;
}

/**
 * Compiles include globs into one filter, or returns null when there is no filter.
 * @throws CodebaseError `INVALID_GLOB` naming the first glob that cannot be parsed.
 */
export function compileInclude(globs: readonly string[] | undefined): IncludeFilter | null {
  if (globs === undefined || globs.length === 0) return null;
  const matchers = globs.map(compileOne);
  const named = globs.map((glob) => compileNames(normalise(glob)));
  return {
    test: (path) => matchers.some((match) => match(path)),
    names: (dir) => named.some((names) => names(dir)),
  };
}

/** `src/` means everything below src; `./src` is `src`. */
function normalise(glob: string): string {
  const trimmed = glob.trim();
  return trimmed.endsWith('/') ? trimmed + '**' : trimmed.replace(/^\.\//, '');
}

function compileOne(glob: string): PathMatcher {
  const problem = validate(glob.trim());
  if (problem !== null) throw invalidGlob(glob, problem);
  const pattern = normalise(glob);
  let match: PathMatcher;
  try {
    match = picomatch(pattern, { dot: true, strictBrackets: true });
  } catch (error) {
    throw invalidGlob(glob, syntaxProblem(error), error);
  }
  // picomatch's own `basename` option breaks patterns that do contain a slash; do it here.
  if (pattern.includes('/')) return match;
  return (path) => match(path.slice(path.lastIndexOf('/') + 1));
}

interface Segment {
  readonly globstar: boolean;
  /** `*` and the like: matches any name without naming one. */
  readonly wildcard: boolean;
  readonly match: PathMatcher;
}

/**
 * Whether `pattern` (already validated) names directory `dir` or a path below it: its segments
 * match `dir`'s one by one (`**` standing for any number of them), the last one of `dir` being
 * matched by a segment that is not a bare wildcard. A glob without a slash may start at any depth.
 */
function compileNames(pattern: string): PathMatcher {
  let segments: Segment[];
  try {
    const parts = pattern.includes('/') ? picomatch.scan(pattern, { parts: true }).parts : undefined;
    segments = (parts ?? ['**', pattern]).map((part) => ({
      globstar: part === '**',
      wildcard: /^\*+$/.test(part),
      match: picomatch(part, { dot: true, strictBrackets: true }),
    }));
  } catch {
    return () => false;
  }
  return (dir) => {
    const names = dir.split('/');
    const last = names.length - 1;
    const reach = (i: number, j: number): boolean => {
      const segment = segments[j];
      if (segment === undefined) return false;
      if (segment.globstar) return reach(i, j + 1) || (i < last && reach(i + 1, j));
      if (!segment.match(names[i]!)) return false;
      return i === last ? !segment.wildcard : reach(i + 1, j + 1);
    };
    return reach(0, 0);
  };
}

function validate(glob: string): string | null {
  if (glob === '') return 'the glob is empty';
  if (glob.startsWith('/') || /^[A-Za-z]:[\\/]/.test(glob)) {
    return 'globs are relative to the repository root, not absolute paths';
  }
  if (glob.split('/').includes('..')) return 'globs cannot leave the repository root (`..`)';
  return null;
}

const PAIRS: Record<string, string> = { ']': '[', ')': '(', '}': '{', '[': ']', '(': ')', '{': '}' };

/** picomatch's parse error ("Missing closing: …") in our words. */
function syntaxProblem(error: unknown): string {
  const [, side, char] = /^Missing (closing|opening): "(.)"/.exec((error as Error)?.message ?? '') ?? [];
  // `char` is the one missing: the closing "]" of a "[", or the opening "(" of a ")".
  const stray = side === 'closing' ? PAIRS[char ?? ''] : char && PAIRS[char];
  if (side === 'closing' && stray)
    return `the "${stray}" is never closed (write \\${stray} for a literal one)`;
  if (side === 'opening' && stray)
    return `the "${stray}" has no opening "${char}" (write \\${stray} for a literal one)`;
  return 'it is not a valid glob';
}

function invalidGlob(glob: string, problem: string, cause?: unknown): CodebaseError {
  return new CodebaseError('INVALID_GLOB', `Invalid include glob ${JSON.stringify(glob)}: ${problem}.`, {
    hint: 'Use a glob relative to the repository root, such as "src/**/*.ts", "*.py" or "docs/".',
    details: { glob },
    cause,
  });
}
