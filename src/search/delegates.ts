/**
 * Delegates among the candidates: a short function or type alias that only hands over to a
 * namesake elsewhere (a wrapper method, a re-exported alias). For a question that names it, the
 * namesake that does the work is the answer; the delegate stays, below it.
 */
import type { ChunkKind } from '../core/index.js';
import type { ChunkHit } from '../store/index.js';
import { DEFAULT_RANKING, type RankingWeights } from './weights.js';

/** Kinds that can delegate: functions and aliases. A class header repeats its name in its generics. */
const DELEGATING_KINDS: ReadonlySet<ChunkKind> = new Set(['function', 'method', 'type']);
/** A delegate is this short: a header and a call, or a one-line alias. */
const MAX_DELEGATE_LINES = 4;
/** Names shorter than this (`of`, `is`) repeat by chance. */
const MIN_NAME_LENGTH = 3;

/** The last segment of a qualified symbol (`Mojo::ByteStream.secure_compare` → `secure_compare`). */
function baseName(symbol: string | null): string {
  return symbol ? (symbol.split(/[.:#/]+/).pop() ?? '') : '';
}

/** Whether `content` is a short definition of `name` that mentions `name` again: its header and a hand-over. */
function isDelegate(kind: ChunkKind, name: string, content: string): boolean {
  if (!DELEGATING_KINDS.has(kind) || name.length < MIN_NAME_LENGTH) return false;
  let lines = 0;
  for (const line of content.split('\n'))
    if (line.trim() !== '' && ++lines > MAX_DELEGATE_LINES) return false;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const mentions = content.match(new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`, 'g'));
  return (mentions?.length ?? 0) >= 2;
}

/**
 * Demotes candidates (where `contents` has their text) that delegate to a namesake, when a
 * candidate of that name that is no delegate is there to take its place.
 */
export function demoteDelegates(
  hits: readonly ChunkHit[],
  contents: ReadonlyMap<number, string>,
  w: RankingWeights = DEFAULT_RANKING,
): ChunkHit[] {
  const delegates = new Set<number>();
  for (const hit of hits) {
    const content = contents.get(hit.chunkId);
    if (content !== undefined && isDelegate(hit.kind, baseName(hit.symbol), content))
      delegates.add(hit.chunkId);
  }
  if (delegates.size === 0) return [...hits];
  const doers = new Set(
    hits.filter((h) => h.symbol && !delegates.has(h.chunkId)).map((h) => baseName(h.symbol)),
  );
  return hits.map((hit) =>
    delegates.has(hit.chunkId) && doers.has(baseName(hit.symbol))
      ? { ...hit, score: hit.score * w.delegate }
      : hit,
  );
}
