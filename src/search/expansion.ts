/**
 * Query expansion: a query that says "masked" also looks, with a lower weight, for `redact`; one
 * that says "least recently used" also looks for `lru`. The words come from `SYNONYM_GROUPS`,
 * tokenized exactly as the index is (so `Suggestions` and "suggestion" meet), and only single
 * words the query uses or phrases whose words it all uses trigger a group. A query that is one
 * identifier is never expanded: it names what it wants.
 */
import { tokenize } from '../lexical/index.js';
import type { QueryAnalysis } from './query.js';
import { SYNONYM_GROUPS } from './synonyms.js';

/** Weight of an expansion term relative to a query term (measured in ARCHITECTURE.md). */
export const DEFAULT_EXPANSION_WEIGHT = 0.5;

type Term = { readonly term: string; readonly weight: number };

interface Member {
  readonly terms: readonly string[];
  readonly phrase: boolean;
}

interface Lexicon {
  readonly groups: readonly (readonly Member[])[];
  /** First term of a single-word member → the groups it belongs to. */
  readonly byWord: ReadonlyMap<string, readonly number[]>;
  readonly phrases: readonly { readonly terms: readonly string[]; readonly group: number }[];
}

let lexicon: Lexicon | undefined;

function buildLexicon(): Lexicon {
  const groups: Member[][] = [];
  const byWord = new Map<string, number[]>();
  const phrases: { terms: string[]; group: number }[] = [];
  for (const spec of SYNONYM_GROUPS) {
    const group = groups.length;
    const members: Member[] = [];
    for (const text of spec.split('|')) {
      const terms = [...new Set(tokenize(text))];
      const phrase = text.trim().includes(' ');
      // "end of file" is only `file` once stop words go: as a phrase it would stand for any file.
      if (terms.length < (phrase ? 2 : 1)) continue;
      members.push({ terms, phrase });
      if (phrase) phrases.push({ terms, group });
      else {
        const list = byWord.get(terms[0]!) ?? [];
        if (!list.includes(group)) list.push(group);
        byWord.set(terms[0]!, list);
      }
    }
    groups.push(members);
  }
  return { groups, byWord, phrases };
}

/**
 * The query's terms plus the expansion terms at `weight` times a query term's (phrase words at
 * half that). Weight 0 turns expansion off; a query that is one name is expanded only with `names`.
 */
export function expandTerms(
  query: QueryAnalysis,
  weight = DEFAULT_EXPANSION_WEIGHT,
  names = false,
): readonly Term[] {
  if (weight <= 0 || (query.isSymbolQuery && !names) || query.terms.length === 0) return query.terms;
  lexicon ??= buildLexicon();
  const present = new Set(query.terms.map((t) => t.term));
  const triggered = new Set<number>();
  for (const term of present) for (const g of lexicon.byWord.get(term) ?? []) triggered.add(g);
  for (const p of lexicon.phrases) if (p.terms.every((t) => present.has(t))) triggered.add(p.group);
  if (triggered.size === 0) return query.terms;

  const added = new Map<string, number>();
  for (const g of triggered) {
    for (const member of lexicon.groups[g]!) {
      const w = member.phrase ? weight / 2 : weight;
      for (const term of member.terms) {
        if (present.has(term)) continue;
        added.set(term, Math.max(added.get(term) ?? 0, w));
      }
    }
  }
  return [...query.terms, ...[...added].map(([term, w]) => ({ term, weight: w }))];
}
