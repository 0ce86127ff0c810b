/**
 * Git ignore semantics over a whole tree with one matcher per directory scope.
 *
 * Every rule of every ignore file is rewritten to be relative to one origin (the enclosing git
 * work tree, or the scan root) and appended, in git's precedence order, to a copy of the parent
 * directory's matcher. A directory's matcher therefore holds exactly the rules that apply below
 * it, and "last matching rule wins" plus "a file cannot be re-included when a parent directory
 * is excluded" fall out of the `ignore` package as git defines them. Rules from
 * `.codebase-mcpignore` and `extraIgnore` are also kept in a second matcher, so that their
 * negations (and only theirs) can bring back a path the built-in excludes leave out.
 */
import ignore from 'ignore';
import type { Ignore } from 'ignore';

/** The file a rule came from: `git` for .gitignore and .git/info/exclude, `mcp` for ours. */
export type RuleSource = 'git' | 'mcp';

/** The content of one ignore file, as found in a directory. */
export interface IgnoreFileContent {
  /** Where the rules came from, for reporting (`sub/.gitignore`, `.git/info/exclude`). */
  readonly origin: string;
  readonly source: RuleSource;
  readonly content: string;
}

/** The rules in force in one directory. Immutable; children share it unless they add rules. */
export interface IgnoreScope {
  readonly all: Ignore;
  /** Only the `.codebase-mcpignore`/`extraIgnore` rules, or null while there are none. */
  readonly mcp: Ignore | null;
  /** Prefix that turns a root-relative path into an origin-relative one (`''` or `pkg/a/`). */
  readonly base: string;
  /** Whether the file system is case-insensitive (git's core.ignorecase). */
  readonly ignoreCase: boolean;
}

/** The verdict of the ignore files on one path. */
export interface IgnoreVerdict {
  readonly ignored: boolean;
  /** `sub/.gitignore: *.log` — the file and the line that decided, when ignored. */
  readonly rule?: string;
}

export function emptyScope(base: string, ignoreCase: boolean): IgnoreScope {
  return { all: ignore({ ignorecase: ignoreCase }), mcp: null, base, ignoreCase };
}

/**
 * Returns the scope for a directory whose ignore files are `files` (lowest precedence first),
 * `dirPath` being its path relative to the origin (`''` for the origin itself).
 */
export function extendScope(
  scope: IgnoreScope,
  dirPath: string,
  files: readonly IgnoreFileContent[],
): IgnoreScope {
  const fresh = files
    .map((file) => ({ file, rules: parseRules(file, dirPath) }))
    .filter((f) => f.rules.length > 0);
  if (fresh.length === 0) return scope;
  const all = ignore({ ignorecase: scope.ignoreCase }).add(scope.all);
  let mcp: Ignore | null = null;
  for (const { file, rules } of fresh) {
    all.add(rules);
    if (file.source === 'mcp') {
      if (mcp === null) {
        mcp = ignore({ ignorecase: scope.ignoreCase });
        if (scope.mcp !== null) mcp.add(scope.mcp);
      }
      mcp.add(rules);
    }
  }
  return { all, mcp: mcp ?? scope.mcp, base: scope.base, ignoreCase: scope.ignoreCase };
}

/** Whether `path` (relative to the scan root) is ignored; `isDir` enables `dir/`-only rules. */
export function testIgnored(scope: IgnoreScope, path: string, isDir: boolean): IgnoreVerdict {
  const result = safeTest(scope.all, scope.base + path + (isDir ? '/' : ''));
  if (result === null || !result.ignored) return { ignored: false };
  return { ignored: true, rule: result.rule?.mark ?? result.rule?.pattern };
}

/** Whether a `.codebase-mcpignore`/`extraIgnore` negation names `path`, overriding a built-in exclude. */
export function isReincluded(scope: IgnoreScope, path: string, isDir: boolean): boolean {
  if (scope.mcp === null) return false;
  return safeTest(scope.mcp, scope.base + path + (isDir ? '/' : ''))?.unignored === true;
}

function safeTest(matcher: Ignore, path: string): ReturnType<Ignore['test']> | null {
  try {
    return matcher.test(path);
  } catch {
    // A name the library refuses as a path (e.g. one that looks absolute): no rule applies.
    return null;
  }
}

function parseRules(file: IgnoreFileContent, dirPath: string): { pattern: string; mark: string }[] {
  const rules: { pattern: string; mark: string }[] = [];
  for (const line of file.content.split(/\r?\n/)) {
    const pattern = rewritePattern(line, dirPath);
    if (pattern !== null) rules.push({ pattern, mark: `${file.origin}: ${line.trim()}` });
  }
  return rules;
}

/**
 * Rewrites one line of an ignore file found in `dirPath` (relative to the origin, `''` for the
 * origin) into an origin-relative pattern, or returns null for blank lines and comments.
 *
 * Git: a pattern with a slash at its start or middle is relative to its file's directory; one
 * without (a trailing slash aside) matches at any depth below it.
 */
export function rewritePattern(line: string, dirPath: string): string | null {
  if (line.trim() === '' || line.startsWith('#')) return null;
  if (dirPath === '') return line;
  const negated = line.startsWith('!');
  const body = negated ? line.slice(1) : line;
  if (body.trim() === '' || body === '/') return null;
  const withoutTrailingSlash = body.endsWith('/') ? body.slice(0, -1) : body;
  const anchored = withoutTrailingSlash.includes('/');
  const prefix = escapeGlob(dirPath);
  const rewritten = anchored
    ? `${prefix}/${body.startsWith('/') ? body.slice(1) : body}`
    : `${prefix}/**/${body}`;
  return (negated ? '!' : '') + rewritten;
}

/** Escapes a literal directory path for use at the start of a gitignore pattern. */
function escapeGlob(path: string): string {
  const escaped = path.replace(/[*?[\]\\]/g, '\\$&');
  return /^[!#]/.test(escaped) ? '\\' + escaped : escaped;
}
