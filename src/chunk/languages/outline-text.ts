/** Row rewrites for bracket counting in `OutlineSpec.bracketText`: strings and comments removed. */

/** Removes backslash escapes, then single- and double-quoted strings on the row. */
export function withoutStrings(line: string): string {
  return line.replace(/\\./g, '').replace(/"[^"]*"|'[^']*'/g, '""');
}

/** {@link withoutStrings}, then a `#` comment that follows whitespace (Perl's `$#a` stays). */
export function withoutHashComment(line: string): string {
  return withoutStrings(line).replace(/(?:^|\s)#.*$/, '');
}

/** {@link withoutStrings}, then a `//` comment. */
export function withoutSlashComment(line: string): string {
  return withoutStrings(line).replace(/\/\/.*$/, '');
}
