/**
 * Path globs for search filters, translated to a regular expression that means the same in
 * JavaScript and in PostgreSQL's `~` operator (only anchors, groups, alternation, classes and
 * quantifiers that both support).
 *
 * A glob without `/` matches the file name at any depth (`*.ts`, `router.*`); a glob with `/` is
 * anchored at the repository root (`src/**` , `src/*.go`); a plain folder (`src/search`) matches
 * everything below it.
 */
import { CodebaseError } from '../core/index.js';

const SPECIAL = /[.+^$()|\\]/;

export function globToRegex(glob: string): string {
  const g = glob.trim().replace(/^\.\//, '');
  if (g === '') throw invalid(glob, 'it is empty');
  let out = '';
  let braces = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*') {
      if (g[i + 1] === '*') {
        const slash = g[i + 2] === '/';
        out += slash ? '(.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = g.indexOf(']', i + 2);
      if (end === -1) throw invalid(glob, `the "[" at position ${i + 1} is never closed`);
      let body = g.slice(i + 1, end);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      out += '[' + body.replace(/\\/g, '\\\\') + ']';
      i = end;
    } else if (c === '{') {
      braces++;
      out += '(';
    } else if (c === '}') {
      if (braces === 0) throw invalid(glob, `the "}" at position ${i + 1} has no opening "{"`);
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else if (SPECIAL.test(c)) out += '\\' + c;
    else out += c;
  }
  if (braces > 0) throw invalid(glob, 'a "{" is never closed');

  const hasSlash = g.replace(/\/+$/, '').includes('/');
  const hasMagic = /[*?[{]/.test(g);
  if (!hasMagic) {
    const plain = out.replace(/\/+$/, '');
    return hasSlash || g.endsWith('/') ? `^${plain}(/.*)?$` : `(^|/)${plain}(/.*)?$`;
  }
  return hasSlash ? `^${out}$` : `(^|/)${out}$`;
}

function invalid(glob: string, why: string): CodebaseError {
  return new CodebaseError('INVALID_GLOB', `Invalid path glob ${JSON.stringify(glob)}: ${why}.`, {
    hint: 'Use globs like "src/**/*.ts", "*.py" or a folder such as "lib/".',
    details: { glob },
  });
}
