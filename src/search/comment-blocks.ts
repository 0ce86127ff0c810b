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
/** Below this many non-blank lines a chunk is too short to call a comment block. */
const COMMENT_BLOCK_MIN_LINES = 5;
const COMMENT_BLOCK_SHARE = 0.9;

/** Whether `content` is a block of comments: at least 90 % of its (at least 5) non-blank lines. */
export function isCommentBlock(content: string): boolean {
  let lines = 0;
  let comments = 0;
  for (const line of content.split('\n')) {
    if (line.trim() === '') continue;
    lines++;
    if (COMMENT_LINE.test(line)) comments++;
  }
  return lines >= COMMENT_BLOCK_MIN_LINES && comments >= COMMENT_BLOCK_SHARE * lines;
}

/** Where a documented signature is an overload or a piece of a split function, not the answer. */
const OVERLOADING_LANGUAGES: ReadonlySet<Language> = new Set(['typescript', 'tsx', 'javascript']);

/**
 * A definition that is its documentation and a one-line declaration (an interface method, a Haskell
 * class method's signature, Kotlin's `expect fun`): mostly comment, but the answer, not a doc block.
 * Not in TypeScript, whose documented overload signatures (rxjs's `multicast`) come before the
 * implementation that answers.
 */
function documentedDeclaration(kind: ChunkKind, language: Language, content: string): boolean {
  if (kind === 'code' || OVERLOADING_LANGUAGES.has(language)) return false;
  const last = content.trimEnd().split('\n').pop() ?? '';
  return !COMMENT_LINE.test(last);
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
    return content !== undefined &&
      hit.kind !== 'section' &&
      isCommentBlock(content) &&
      !documentedDeclaration(hit.kind, hit.language, content)
      ? { ...hit, score: hit.score * w.commentBlock }
      : hit;
  });
}
