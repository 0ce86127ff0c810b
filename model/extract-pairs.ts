/**
 * (documentation → code) pairs from source files, by heuristics per language: Python docstrings,
 * `//` comments above Go funcs, `///` above Rust fns, `#` above Ruby defs, `/** *\/` blocks above
 * JavaScript/TypeScript/PHP/Java functions. The code side is the signature and body without the
 * documentation, as a search chunk would show it; the doc side is the description (tags dropped).
 */

export interface Pair {
  readonly doc: string;
  readonly code: string;
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

const MAX_BODY_LINES = 150;
const MAX_CODE_CHARS = 8000;
const MIN_BODY_LINES = 2;

/** The pair language of a path, or null when the file is not a source file we mine. */
export function pairLanguage(path: string): PairLanguage | null {
  if (/\.d\.[mc]?ts$|\.min\.js$|[-.]bundle\.js$/.test(path)) return null;
  const ext = /\.([a-z]+)$/.exec(path)?.[1];
  return ext === undefined ? null : (EXTENSIONS[ext] ?? null);
}

export function extractPairs(text: string, language: PairLanguage): Pair[] {
  const lines = text.split(/\r?\n/);
  switch (language) {
    case 'python':
      return pythonPairs(lines);
    case 'ruby':
      return rubyPairs(lines);
    case 'go':
      return linePrefixPairs(lines, /^\s*\/\/ ?/, /^func\s/);
    case 'rust':
      return linePrefixPairs(lines, /^\s*\/\/\/ ?/, RUST_FN, /^\s*#\[/);
    default:
      return blockCommentPairs(lines, language);
  }
}

const RUST_FN =
  /^\s*(pub(\([^)]*\))?\s+)?(default\s+)?(const\s+)?(async\s+)?(unsafe\s+)?(extern\s+"[^"]*"\s+)?fn\s+\w+/;

/** Drops tag sections and markup from a description and joins it into one paragraph. */
export function cleanDoc(lines: readonly string[]): string | null {
  const kept: string[] = [];
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!.trim();
    if (/^(@|:param|:return|:raise|:rtype|:type|>>>|\.\.\s)/.test(line)) break;
    if (
      /^(Args|Arguments|Parameters|Params|Returns?|Raises|Yields|Examples?|Notes?|See Also|Attributes|Keyword Arg(ument)?s|Todo|Usage|Errors|Panics|Safety)\s*:?\s*$/i.test(
        line,
      )
    )
      break;
    if (/^#\s*(Examples?|Errors|Panics|Safety|Arguments)\b/.test(line)) break;
    if (/^[-=~]{3,}$/.test(line)) {
      kept.pop();
      break;
    }
    if (/^```/.test(line)) break;
    kept.push(line);
  }
  const doc = kept
    .join(' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const words = doc.match(/[A-Za-z]{2,}/g)?.length ?? 0;
  if (words < 3 || doc.length > 1200) return null;
  if (/^(TODO|FIXME|XXX|Deprecated|@deprecated|Copyright|SPDX|eslint|jshint|istanbul|prettier)/i.test(doc))
    return null;
  return doc;
}

function finish(doc: string | null, codeLines: readonly string[]): Pair | null {
  if (doc === null || codeLines.length < MIN_BODY_LINES + 1) return null;
  const code = codeLines.join('\n');
  if (code.length > MAX_CODE_CHARS) return { doc, code: code.slice(0, MAX_CODE_CHARS) };
  return { doc, code };
}

const indentOf = (line: string): number => /^\s*/.exec(line)![0].length;

function pythonPairs(lines: readonly string[]): Pair[] {
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
    if (open === null) continue;
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
    let b = end + 1;
    const body: string[] = [];
    while (b < lines.length && body.length < MAX_BODY_LINES) {
      const line = lines[b]!;
      if (line.trim() !== '' && indentOf(line) <= indent) break;
      body.push(line);
      b++;
    }
    while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();
    const pair = finish(cleanDoc(docLines), [...lines.slice(i, j + 1), ...body]);
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

function linePrefixPairs(lines: readonly string[], prefix: RegExp, start: RegExp, skip?: RegExp): Pair[] {
  const out: Pair[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!start.test(lines[i]!)) continue;
    const above = commentAbove(lines, i, prefix, skip);
    if (above === null) continue;
    const doc = above.filter((l) => !/^(go:|nolint|\s*\+build|lint:)/.test(l));
    const end = braceEnd(lines, i, false);
    if (end === null) continue;
    const pair = finish(withoutLeadingName(cleanDoc(doc), lines[i]!), lines.slice(i, end + 1));
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

function rubyPairs(lines: readonly string[]): Pair[] {
  const out: Pair[] = [];
  for (let i = 0; i < lines.length; i++) {
    const def = /^(\s*)def\s+[\w.?!=]+/.exec(lines[i]!);
    if (def === null) continue;
    const doc = commentAbove(lines, i, /^\s*# ?/);
    if (doc === null || doc.some((l) => /rubocop|frozen_string_literal|:nodoc:/.test(l))) continue;
    const indent = def[1]!;
    let e = i + 1;
    while (e < lines.length && e < i + MAX_BODY_LINES && !new RegExp(`^${indent}end\\b`).test(lines[e]!)) e++;
    if (e >= lines.length || e >= i + MAX_BODY_LINES) continue;
    const pair = finish(cleanDoc(doc), lines.slice(i, e + 1));
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
    const decl = lines[d] ?? '';
    const isDecl =
      language === 'php'
        ? PHP_DECL.test(decl)
        : language === 'java'
          ? JAVA_DECL.test(decl)
          : !NOT_DECL.test(decl) && JS_DECL.some((re) => re.test(decl));
    if (!isDecl) continue;
    const end = braceEnd(lines, d, language !== 'java');
    if (end === null) continue;
    const pair = finish(cleanDoc(docLines), lines.slice(d, end + 1));
    if (pair) out.push(pair);
    i = e;
  }
  return out;
}

/**
 * Line of the brace closing the first `{` at or after line `from` (within a few signature lines,
 * and before any `;` that would end a bodiless declaration). Skips strings and line comments.
 */
export function braceEnd(lines: readonly string[], from: number, singleQuoteStrings: boolean): number | null {
  let depth = 0;
  let opened = false;
  for (let l = from; l < lines.length && l < from + MAX_BODY_LINES; l++) {
    const line = lines[l]!;
    let quote = '';
    for (let c = 0; c < line.length; c++) {
      const ch = line[c]!;
      if (quote !== '') {
        if (ch === '\\') c++;
        else if (ch === quote) quote = '';
        continue;
      }
      if (ch === '/' && line[c + 1] === '/') break;
      if (ch === '"' || ch === '`') quote = ch;
      else if (ch === "'" && (singleQuoteStrings || /'(\\.|[^\\'])'/.test(line.slice(c, c + 4)))) quote = ch;
      else if (ch === '{') {
        depth++;
        opened = true;
      } else if (ch === '}') {
        depth--;
        if (opened && depth === 0) return l;
      } else if (ch === ';' && !opened && depth === 0) return null;
    }
    if (!opened && l > from + 6) return null;
  }
  return null;
}
