/**
 * Comment blocks among the candidates: a doc comment split from its code, a licence header, a usage
 * guide at the top of a single-header library. They rank like documentation unless docs are asked for.
 */
import type { ChunkKind, Language } from '../core/index.js';
import type { ChunkHit } from '../store/index.js';
import type { QueryAnalysis } from './query.js';
import { DEFAULT_RANKING, type RankingWeights } from './weights.js';

/** Comment lines: `//`, `/*`, ` *`, `#` (not `#include`, `#[attr]`, `#!`), `--`, docstring quotes, `=begin`. */
const COMMENT_LINE =
  /^\s*(\/\/|\/\*|\*|#(?!\s*(include|define|if|ifdef|ifndef|elif|else|endif|pragma|undef|import)\b|\[|!)|--|"""|'''|=begin|=end)/;
/** Line comments of languages whose marker means something else elsewhere (`%` in C formats, `;` in Lisp only). */
const LANGUAGE_COMMENT_LINE: Partial<Record<Language, RegExp>> = {
  matlab: /^\s*%/,
  erlang: /^\s*%/,
  clojure: /^\s*;/,
};

/** A block comment: the line that opens it (at its start) and the text that closes it. */
interface BlockComment {
  readonly open: RegExp;
  readonly close: RegExp;
}

const C_BLOCK: BlockComment = { open: /^\s*\/\*/, close: /\*\// };
const DOCSTRING: BlockComment[] = [
  { open: /^\s*(@(module)?doc\s+)?[rRuUbB]?"""/, close: /"""/ },
  { open: /^\s*[rRuUbB]?'''/, close: /'''/ },
];
/**
 * Block comments and documentation by language, beyond C's `/* *\/` (every language's default):
 * a chunk that is a POD section or a docstring is as much a comment block as a run of `#` lines.
 */
const BLOCK_COMMENTS: Partial<Record<Language, readonly BlockComment[]>> = {
  python: DOCSTRING,
  julia: [...DOCSTRING, { open: /^\s*#=/, close: /=#/ }],
  elixir: DOCSTRING,
  perl: [{ open: /^=[a-zA-Z]/, close: /^=cut\b/ }],
  ruby: [{ open: /^=begin\b/, close: /^=end\b/ }],
  lua: [{ open: /^\s*--\[=*\[/, close: /\]=*\]/ }],
  haskell: [{ open: /^\s*\{-/, close: /-\}/ }],
  ocaml: [{ open: /^\s*\(\*/, close: /\*\)/ }],
  matlab: [{ open: /^\s*%\{\s*$/, close: /^\s*%\}/ }],
  powershell: [{ open: /^\s*<#/, close: /#>/ }],
};
/** Below this many non-blank lines a chunk is too short to call a comment block. */
const COMMENT_BLOCK_MIN_LINES = 5;
const COMMENT_BLOCK_SHARE = 0.9;

/** The block comment that `line` opens and does not close on the same line, if any. */
function opensBlock(line: string, blocks: readonly BlockComment[]): BlockComment | undefined {
  for (const block of blocks) {
    const open = block.open.exec(line);
    if (open && !block.close.test(line.slice(open[0].length))) return block;
  }
  return undefined;
}

/** For each non-blank line of `content`: whether it is a line comment or inside a block comment. */
function commentLines(content: string, language: Language | undefined): boolean[] {
  const blocks = [C_BLOCK, ...((language && BLOCK_COMMENTS[language]) ?? [])];
  const lineComment = language && LANGUAGE_COMMENT_LINE[language];
  const flags: boolean[] = [];
  let inside: BlockComment | undefined;
  for (const line of content.split('\n')) {
    const blank = line.trim() === '';
    if (inside) {
      if (!blank) flags.push(true);
      if (inside.close.test(line)) inside = undefined;
      continue;
    }
    if (blank) continue;
    inside = opensBlock(line, blocks);
    flags.push(inside !== undefined || COMMENT_LINE.test(line) || lineComment?.test(line) === true);
  }
  return flags;
}

/**
 * Whether `content` is a block of comments: at least 90 % of its (at least 5) non-blank lines are
 * line comments or inside a block comment of `language` (C's `/* *\/` in any language).
 */
export function isCommentBlock(content: string, language?: Language): boolean {
  return mostlyComment(commentLines(content, language));
}

function mostlyComment(flags: readonly boolean[]): boolean {
  const comments = flags.filter(Boolean).length;
  return flags.length >= COMMENT_BLOCK_MIN_LINES && comments >= COMMENT_BLOCK_SHARE * flags.length;
}

/** Where a documented signature is an overload or a piece of a split function, not the answer. */
const OVERLOADING_LANGUAGES: ReadonlySet<Language> = new Set(['typescript', 'tsx', 'javascript']);

/**
 * A definition that is its documentation and a one-line declaration: an interface method, a Haskell
 * class method's signature, Kotlin's `expect fun` (documentation first), or a Python class whose
 * docstring follows its header line. Mostly comment, but the answer, not a doc block. Not in
 * TypeScript, whose documented overload signatures (rxjs's `multicast`) come before the
 * implementation that answers.
 */
function documentedDeclaration(kind: ChunkKind, language: Language, flags: readonly boolean[]): boolean {
  if (kind === 'code' || OVERLOADING_LANGUAGES.has(language)) return false;
  // A Python function's first piece, its header and docstring, is documentation: its code follows.
  if (language === 'python') return kind === 'class' && flags[0] === false && flags.indexOf(false, 1) === -1;
  return flags.at(-1) === false;
}

/**
 * Demotes candidates whose content (where `contents` has it) is a comment block, unless the query
 * asks for docs. Markdown sections are documentation already and keep their own penalty.
 */
export function demoteCommentBlocks(
  hits: readonly ChunkHit[],
  contents: ReadonlyMap<number, string>,
  query: QueryAnalysis,
  w: RankingWeights = DEFAULT_RANKING,
): ChunkHit[] {
  if (query.wants.docs) return [...hits];
  return hits.map((hit) => {
    const content = contents.get(hit.chunkId);
    if (content === undefined || hit.kind === 'section') return hit;
    const flags = commentLines(content, hit.language);
    return mostlyComment(flags) && !documentedDeclaration(hit.kind, hit.language, flags)
      ? { ...hit, score: hit.score * w.commentBlock }
      : hit;
  });
}
