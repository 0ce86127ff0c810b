/**
 * The declared name of the function a pair was mined from, and the query text built from it:
 * `parseHeaderLine` → "parse header line". Used by the dataset builder's `nameInQuery` and
 * `nameOnlyPairsPerPackage` options (see docs/notes/model.md, "Tuning round 3").
 */
import { splitIdentifier } from '../src/lexical/index.js';
import type { PairLanguage } from './extract-pairs.js';

const NAME_PATTERNS: Record<PairLanguage, readonly RegExp[]> = {
  python: [/def\s+(\w+)/],
  go: [/func\s+(?:\([^)]*\)\s*)?(\w+)/],
  rust: [/fn\s+(\w+)/],
  ruby: [/def\s+(?:self\.)?([\w?!=]+)/],
  javascript: [
    /\.prototype\.([\w$]+)\s*=/,
    /function\s*\*?\s*([\w$]+)\s*[<(]/,
    /(?:const|let|var)\s+([\w$]+)/,
    /^\s*([\w$]+)\s*[:=]\s*(?:async\s+)?function\b/,
    /([\w$#]+)\s*(?:<[^>]*>)?\s*\(/,
  ],
  php: [/function\s+&?(\w+)/],
  java: [/(\w+)\s*\(/],
};

/** The name a declaration line declares, or null when none of the language's patterns match. */
export function declaredName(declaration: string, language: PairLanguage): string | null {
  for (const re of NAME_PATTERNS[language]) {
    const name = re.exec(declaration)?.[1];
    if (name !== undefined) return name;
  }
  return null;
}

/** An identifier as the words a person would type: `parseHeaderLine` → "parse header line". */
export function nameWords(name: string): string {
  return splitIdentifier(name).join(' ');
}

/** The query side of a documented pair: the doc, then the split name when `nameInQuery`. */
export function queryText(doc: string, name: string | null, nameInQuery: boolean): string {
  if (!nameInQuery || name === null) return doc;
  const words = nameWords(name);
  return words === '' ? doc : `${doc} ${words}`;
}
