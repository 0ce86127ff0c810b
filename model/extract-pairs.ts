/**
 * (documentation → code) pairs from source files, by heuristics per language: Python docstrings,
 * `//` comments above Go funcs, `///` above Rust fns, `#` above Ruby defs, `/** *\/` blocks above
 * JavaScript/TypeScript/PHP/Java functions. The code side is the signature and body without the
 * documentation, as a search chunk would show it; the doc side is the description (tags dropped).
 * With `undocumented`, functions without a usable doc are returned too, with an empty doc (the
 * dataset builder turns them into name → code pairs).
 */
import { MAX_BODY_LINES, braceEnd, cleanDoc, finish, indentedBody } from './pair-text.js';

export { braceEnd, cleanDoc } from './pair-text.js';

/** A mined function: its description ('' for an undocumented one), code and declared name. */
export interface Pair {
  readonly doc: string;
  readonly code: string;
  readonly name: string | null;
}

/** What `extractPairs` returns besides the documented functions. */
export interface ExtractOptions {
  /** Also return functions without a usable doc comment, with `doc: ''` (default false). */
  readonly undocumented?: boolean;
}

export type PairLanguage = 'python' | 'go' | 'rust' | 'ruby' | 'javascript' | 'php' | 'java';

const EXTENSIONS: Record<string, PairLanguage> = {
  py: 'python',
  go: 'go',
  rs: 'rust',
  rb: 'ruby',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'javascript',
  mts: 'javascript',
  tsx: 'javascript',
  php: 'php',
  java: 'java',
};

/** The pair language of a path, or null when the file is not a source file we mine. */
export function pairLanguage(path: string): PairLanguage | null {
  if (/\.d\.[mc]?ts$|\.min\.js$|[-.]bundle\.js$/.test(path)) return null;
  const ext = /\.([a-z]+)$/.exec(path)?.[1];
  return ext === undefined ? null : (EXTENSIONS[ext] ?? null);
}

export function extractPairs(text: string, language: PairLanguage, options: ExtractOptions = {}): Pair[] {
  const lines = text.split(/\r?\n/);
  const all = options.undocumented === true;
  switch (language) {
    case 'python':
      return pythonPairs(lines, all);
    case 'ruby':
      return rubyPairs(lines, all);
    case 'go':
      return linePrefixPairs(lines, all, 'go', /^\s*\/\/ ?/, /^func\s/);
    case 'rust':
      return linePrefixPairs(lines, all, 'rust', /^\s*\/\/\/ ?/, RUST_FN, /^\s*#\[/);
    default: {
      const documented = blockCommentPairs(lines, language);
      return all ? [...documented, ...undocumentedBlockPairs(lines, language)] : documented;
    }
  }
}

const RUST_FN =
  /^\s*(pub(\([^)]*\))?\s+)?(default\s+)?(const\s+)?(async\s+)?(unsafe\s+)?(extern\s+"[^"]*"\s+)?fn\s+\w+/;

function pythonPairs(lines: readonly string[], all: boolean): Pair[] {
  const out: Pair[] = [];
  for (let i = 0; i < lines.length; i++) {
    const def = /^(\s*)(async\s+)?def\s+\w+/.exec(lines[i]!);
    if (def === null) continue;
    const indent = def[1]!.length;
    // Signature: up to the line ending in ':' (parameters may span lines).
    let j = i;
    while (j < lines.length && j < i + 20 && !/:\s*(#.*)?$/.test(lines[j]!)) j++;
    let k = j + 1;
    while (k < lines.length && lines[k]!.trim() === '') k++;
    const open = /^\s*[rRuUbB]?("""|''')(.*)$/.exec(lines[k] ?? '');
    if (open === null) {
      const pair = all
        ? finish(null, [...lines.slice(i, j + 1), ...indentedBody(lines, j + 1, indent)], 'python', true)
        : null;
      if (pair) out.push(pair);
      continue;
    }
    const quote = open[1]!;
    const docLines: string[] = [];
    let rest = open[2]!;
    let end = k;
    while (!rest.includes(quote)) {
      docLines.push(rest);
      end++;
      if (end >= lines.length || end > k + 80) break;
      rest = lines[end]!;
    }
    if (end >= lines.length || !rest.includes(quote)) continue;
    docLines.push(rest.slice(0, rest.indexOf(quote)));
    const body = indentedBody(lines, end + 1, indent);
    const pair = finish(cleanDoc(docLines), [...lines.slice(i, j + 1), ...body], 'python', all);
    if (pair) out.push(pair);
  }
  return out;
}

/** Comments immediately above the definition: the doc lines, newest last. */
function commentAbove(lines: readonly string[], at: number, prefix: RegExp, skip?: RegExp): string[] | null {
  let k = at - 1;
  while (k >= 0 && skip?.test(lines[k]!)) k--;
  const doc: string[] = [];
  while (k >= 0 && prefix.test(lines[k]!)) {
    doc.unshift(lines[k]!.replace(prefix, ''));
    k--;
  }
  return doc.length > 0 ? doc : null;
}

function linePrefixPairs(
  lines: readonly string[],
  all: boolean,
  language: PairLanguage,
  prefix: RegExp,
  start: RegExp,
  skip?: RegExp,
): Pair[] {
  const out: Pair[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!start.test(lines[i]!)) continue;
    const above = commentAbove(lines, i, prefix, skip);
    if (above === null && !all) continue;
    const doc = above?.filter((l) => !/^(go:|nolint|\s*\+build|lint:)/.test(l)) ?? null;
    const end = braceEnd(lines, i, false);
    if (end === null) continue;
    const described = doc === null ? null : withoutLeadingName(cleanDoc(doc), lines[i]!);
    const pair = finish(described, lines.slice(i, end + 1), language, all);
    if (pair) out.push(pair);
  }
  return out;
}

/**
 * Go convention starts a doc comment with the function's name (`Sum adds…`); a user's query does
 * not, so the name is dropped and the pair teaches meaning rather than name matching.
 */
function withoutLeadingName(doc: string | null, declaration: string): string | null {
  if (doc === null) return null;
  const name = /fn\s+(\w+)|func\s+(?:\([^)]*\)\s*)?(\w+)/.exec(declaration);
  const fn = name?.[1] ?? name?.[2];
  if (fn === undefined || !doc.startsWith(`${fn} `)) return doc;
  const rest = doc.slice(fn.length + 1);
  return (rest.match(/[A-Za-z]{2,}/g)?.length ?? 0) >= 3 ? rest : null;
}

function rubyPairs(lines: readonly string[], all: boolean): Pair[] {
  const out: Pair[] = [];
  for (let i = 0; i < lines.length; i++) {
    const def = /^(\s*)def\s+[\w.?!=]+/.exec(lines[i]!);
    if (def === null) continue;
    const above = commentAbove(lines, i, /^\s*# ?/);
    const doc = above?.some((l) => /rubocop|frozen_string_literal|:nodoc:/.test(l)) === false ? above : null;
    if (doc === null && !all) continue;
    const indent = def[1]!;
    let e = i + 1;
    while (e < lines.length && e < i + MAX_BODY_LINES && !new RegExp(`^${indent}end\\b`).test(lines[e]!)) e++;
    if (e >= lines.length || e >= i + MAX_BODY_LINES) continue;
    const pair = finish(doc === null ? null : cleanDoc(doc), lines.slice(i, e + 1), 'ruby', all);
    if (pair) out.push(pair);
  }
  return out;
}

const JS_DECL = [
  /^\s*(export\s+)?(default\s+)?(async\s+)?function\s*\*?\s*[\w$]+\s*[<(]/,
  /^\s*(export\s+)?(const|let|var)\s+[\w$]+\s*(:[^=]+)?=\s*(async\s+)?(function\b|\([^)]*\)\s*(:[^=]+)?=>|[\w$]+\s*=>)/,
  /^\s*((public|private|protected|static|async|readonly|override|abstract|get|set)\s+)*\*?[\w$#]+\s*(<[^>]*>)?\s*\([^)]*\)?\s*(:\s*[^{]+)?\{?\s*$/,
  /^\s*[\w$]+\s*[:=]\s*(async\s+)?function\b/,
  /^\s*[\w$.]+\.prototype\.[\w$]+\s*=\s*function\b/,
];
const PHP_DECL = /^\s*((public|private|protected|static|final|abstract)\s+)*function\s+&?\w+\s*\(/;
const JAVA_DECL =
  /^\s*((public|private|protected|static|final|synchronized|abstract|default)\s+)+[\w<>[\], ?]+\s+\w+\s*\(/;
const NOT_DECL = /^\s*(if|for|while|switch|catch|return|else|do|try|with|new|typeof|await|throw|case)\b/;

function blockCommentPairs(lines: readonly string[], language: PairLanguage): Pair[] {
  const out: Pair[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\/\*\*(?!\*)/.test(lines[i]!)) continue;
    let e = i;
    while (e < lines.length && !lines[e]!.includes('*/')) e++;
    if (e >= lines.length || e - i > 80) continue;
    const raw = lines.slice(i, e + 1).join('\n');
    const body = raw.slice(raw.indexOf('/**') + 3, raw.lastIndexOf('*/'));
    const docLines = body.split('\n').map((l) => l.replace(/^\s*\*\s?/, ''));
    // The declaration: the next line that is not blank, a decorator or an annotation.
    let d = e + 1;
    while (d < lines.length && /^\s*(@[\w.]+(\(.*\))?\s*$|$)/.test(lines[d]!)) d++;
    if (!isDeclaration(lines[d] ?? '', language)) continue;
    const end = braceEnd(lines, d, language !== 'java');
    if (end === null) continue;
    const pair = finish(cleanDoc(docLines), lines.slice(d, end + 1), language);
    if (pair) out.push(pair);
    i = e;
  }
  return out;
}

function isDeclaration(line: string, language: PairLanguage): boolean {
  if (language === 'php') return PHP_DECL.test(line);
  if (language === 'java') return JAVA_DECL.test(line);
  return !NOT_DECL.test(line) && JS_DECL.some((re) => re.test(line));
}

/**
 * Declarations with no `/** *\/` block above them (decorators skipped). Stricter than the
 * documented case: the line must open the body (`{` at its end), since without a doc comment
 * above, a call statement would otherwise pass for a method.
 */
function undocumentedBlockPairs(lines: readonly string[], language: PairLanguage): Pair[] {
  const out: Pair[] = [];
  for (let d = 0; d < lines.length; d++) {
    const decl = lines[d]!;
    if (!/\{\s*$/.test(decl) || !isDeclaration(decl, language)) continue;
    let k = d - 1;
    while (k >= 0 && /^\s*(@[\w.]+(\(.*\))?\s*$|$)/.test(lines[k]!)) k--;
    if (k >= 0 && /\*\/\s*$/.test(lines[k]!)) continue;
    const end = braceEnd(lines, d, language !== 'java');
    if (end === null) continue;
    const pair = finish(null, lines.slice(d, end + 1), language, true);
    if (pair) out.push(pair);
  }
  return out;
}
