/**
 * Task prefixes. Some embedding models were trained with an instruction in front of the text and
 * retrieve noticeably worse without it. The table stays small: models people actually run for
 * code search through Ollama or an OpenAI-compatible server. Each entry cites its model card.
 */

export interface TaskPrefixes {
  /** Put in front of every indexed chunk. */
  readonly document: string;
  /** Put in front of every search query. */
  readonly query: string;
}

export const NO_PREFIXES: TaskPrefixes = Object.freeze({ document: '', query: '' });

interface PrefixRule {
  /** Tested against the normalised model name (see `normaliseModelName`). */
  readonly match: RegExp;
  readonly prefixes: TaskPrefixes;
}

const RETRIEVAL_INSTRUCTION = 'Represent this sentence for searching relevant passages: ';

/** First match wins. */
const RULES: readonly PrefixRule[] = [
  // nomic-ai/nomic-embed-text-v1 / v1.5 / v2-moe model cards: "search_document: " / "search_query: ".
  { match: /nomic-embed-text/, prefixes: { document: 'search_document: ', query: 'search_query: ' } },
  // nomic-ai/nomic-embed-code model card: queries carry an instruction, code goes in bare.
  {
    match: /nomic-embed-code/,
    prefixes: { document: '', query: 'Represent this query for searching relevant code: ' },
  },
  // mixedbread-ai/mxbai-embed-large-v1 model card: the retrieval prompt on queries only.
  { match: /mxbai-embed-large/, prefixes: { document: '', query: RETRIEVAL_INSTRUCTION } },
  // intfloat/e5-* and multilingual-e5-* model cards: "query: " / "passage: ".
  { match: /(^|[-_/])e5-/, prefixes: { document: 'passage: ', query: 'query: ' } },
];

/**
 * `nomic-embed-text:latest` → `nomic-embed-text`; `nomic-ai/nomic-embed-text-v1.5` →
 * `nomic-embed-text-v1.5`; LM Studio's `text-embedding-nomic-embed-text-v1.5` keeps its name and
 * still matches by substring.
 */
export function normaliseModelName(model: string): string {
  const lower = model.trim().toLowerCase();
  const withoutTag = lower.replace(/:[^/:]*$/, '');
  const slash = withoutTag.lastIndexOf('/');
  return slash >= 0 ? withoutTag.slice(slash + 1) : withoutTag;
}

/** The prefixes `model` wants, or none. */
export function prefixesFor(model: string): TaskPrefixes {
  const name = normaliseModelName(model);
  return RULES.find((rule) => rule.match.test(name))?.prefixes ?? NO_PREFIXES;
}
