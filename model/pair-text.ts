/**
 * Text pieces shared by the pair extractors: doc clean-up, body boundaries (braces, indentation)
 * and the pair itself with its size limits.
 */
import type { Pair, PairLanguage } from './extract-pairs.js';
import { declaredName } from './pair-names.js';

export const MAX_BODY_LINES = 150;
const MAX_CODE_CHARS = 8000;
const MIN_BODY_LINES = 2;

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

/** The pair, or null; a null doc gives an undocumented pair (`doc: ''`) only when `all`. */
export function finish(
  doc: string | null,
  codeLines: readonly string[],
  language: PairLanguage,
  all = false,
): Pair | null {
  if ((doc === null && !all) || codeLines.length < MIN_BODY_LINES + 1) return null;
  const code = codeLines.join('\n');
  const name = declaredName(codeLines[0]!, language);
  return { doc: doc ?? '', code: code.length > MAX_CODE_CHARS ? code.slice(0, MAX_CODE_CHARS) : code, name };
}

export const indentOf = (line: string): number => /^\s*/.exec(line)![0].length;

/** Lines after `from` indented deeper than `indent` (blank lines inside kept, trailing dropped). */
export function indentedBody(lines: readonly string[], from: number, indent: number): string[] {
  const body: string[] = [];
  for (let b = from; b < lines.length && body.length < MAX_BODY_LINES; b++) {
    const line = lines[b]!;
    if (line.trim() !== '' && indentOf(line) <= indent) break;
    body.push(line);
  }
  while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();
  return body;
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
