/**
 * The optional `include` filter: a file is scanned when any glob matches its root-relative path
 * or one of its parent directories (so `src` and `packages/*` select whole trees). A glob
 * without a slash matches the base name at any depth (`*.ts`), as in .gitignore.
 */
import picomatch from 'picomatch';
import { CodebaseError } from '../core/index.js';

/** Tests a root-relative path (files) or directory path; build it with `compileInclude`. */
export type PathMatcher = (path: string) => boolean;

/**
 * Compiles include globs into one matcher, or returns null when there is no filter.
 * @throws CodebaseError `INVALID_GLOB` naming the first glob that cannot be parsed.
 */
export function compileInclude(globs: readonly string[] | undefined): PathMatcher | null {
  if (globs === undefined || globs.length === 0) return null;
  const matchers = globs.map(compileOne);
  return (path) => matchers.some((match) => match(path));
}

function compileOne(glob: string): PathMatcher {
  const trimmed = glob.trim();
  const problem = validate(trimmed);
  if (problem !== null) throw invalidGlob(glob, problem);
  // `src/` means everything below src.
  const pattern = trimmed.endsWith('/') ? trimmed + '**' : trimmed.replace(/^\.\//, '');
  let match: PathMatcher;
  try {
    match = picomatch(pattern, { dot: true, strictBrackets: true });
  } catch (error) {
    throw invalidGlob(glob, error instanceof Error ? error.message : String(error), error);
  }
  // picomatch's own `basename` option breaks patterns that do contain a slash; do it here.
  if (pattern.includes('/')) return match;
  return (path) => match(path.slice(path.lastIndexOf('/') + 1));
}

function validate(glob: string): string | null {
  if (glob === '') return 'the glob is empty';
  if (glob.startsWith('/') || /^[A-Za-z]:[\\/]/.test(glob)) {
    return 'globs are relative to the repository root, not absolute paths';
  }
  if (glob.split('/').includes('..')) return 'globs cannot leave the repository root (`..`)';
  return null;
}

function invalidGlob(glob: string, problem: string, cause?: unknown): CodebaseError {
  return new CodebaseError('INVALID_GLOB', `Invalid include glob ${JSON.stringify(glob)}: ${problem}.`, {
    hint: 'Use a glob relative to the repository root, such as "src/**/*.ts", "*.py" or "docs/".',
    details: { glob },
    cause,
  });
}
