/**
 * Shapes ranked chunks into an answer that fits the assistant's budget: optional context lines
 * from the indexed text, overlapping or touching ranges of one file merged into one snippet, and
 * snippets added in rank order until `maxTokens` (about 4 characters per token) is spent.
 */
import type { SearchResult } from '../../search/index.js';
import type { StoredChunk } from '../../store/index.js';
import { indexedFile, textOf, type IndexedFile } from './indexed-text.js';

export const CHARS_PER_TOKEN = 4;

export interface Snippet {
  readonly repository: string;
  readonly path: string;
  readonly start_line: number;
  readonly end_line: number;
  readonly symbol: string | null;
  readonly kind: string;
  readonly language: string;
  readonly score: number;
  readonly content: string;
  /** Set when the content was cut to fit the budget. */
  readonly truncated?: true;
}

export interface SnippetOptions {
  readonly contextLines: number;
  readonly maxTokens: number;
  /** Tokens already spent by the rest of the answer. */
  readonly overheadTokens: number;
  /** Indexed chunks of one file (for context lines and merged ranges). */
  readonly loadFile: (repository: string, path: string) => Promise<readonly StoredChunk[]>;
}

export interface SnippetAnswer {
  readonly snippets: Snippet[];
  /** Results left out because the budget was spent. */
  readonly omitted: number;
}

interface Group {
  rank: number;
  repository: string;
  path: string;
  start: number;
  end: number;
  members: SearchResult[];
}

export async function buildSnippets(
  results: readonly SearchResult[],
  options: SnippetOptions,
): Promise<SnippetAnswer> {
  const files = new Map<string, Promise<IndexedFile>>();
  const fileOf = (r: { repository: string; path: string }) => {
    const key = `${r.repository}\0${r.path}`;
    let file = files.get(key);
    if (!file) files.set(key, (file = options.loadFile(r.repository, r.path).then(indexedFile)));
    return file;
  };

  // Group results of the same file whose ranges (with context) overlap or touch.
  const groups: Group[] = [];
  for (const [rank, r] of results.entries()) {
    const start = Math.max(1, r.startLine - options.contextLines);
    const end = r.endLine + options.contextLines;
    const merged = groups.find(
      (g) => g.repository === r.repository && g.path === r.path && start <= g.end + 1 && end >= g.start - 1,
    );
    if (merged) {
      merged.start = Math.min(merged.start, start);
      merged.end = Math.max(merged.end, end);
      merged.members.push(r);
    } else {
      groups.push({ rank, repository: r.repository, path: r.path, start, end, members: [r] });
    }
  }
  // A merge can make two groups touch; fold until stable.
  for (let changed = true; changed;) {
    changed = false;
    for (let i = 0; i < groups.length && !changed; i++) {
      for (let j = i + 1; j < groups.length && !changed; j++) {
        const a = groups[i]!;
        const b = groups[j]!;
        if (
          a.repository === b.repository &&
          a.path === b.path &&
          b.start <= a.end + 1 &&
          b.end >= a.start - 1
        ) {
          a.start = Math.min(a.start, b.start);
          a.end = Math.max(a.end, b.end);
          a.members.push(...b.members);
          groups.splice(j, 1);
          changed = true;
        }
      }
    }
  }

  const snippets: Snippet[] = [];
  let budget = options.maxTokens - options.overheadTokens;
  let omitted = 0;
  for (const group of groups) {
    if (budget <= 0) {
      omitted += group.members.length;
      continue;
    }
    const snippet = await toSnippet(group, options.contextLines, fileOf);
    const cost = tokens(snippet);
    if (cost <= budget) {
      snippets.push(snippet);
      budget -= cost;
      continue;
    }
    // Too big: the first snippet is always shown (cut); later ones only if a useful part fits.
    if (snippets.length === 0 || budget >= 150) {
      const cut = truncate(snippet, budget);
      if (cut) {
        snippets.push(cut);
        budget -= tokens(cut);
        continue;
      }
    }
    omitted += group.members.length;
    budget = 0;
  }
  return { snippets, omitted };
}

async function toSnippet(
  group: Group,
  contextLines: number,
  fileOf: (r: Group) => Promise<IndexedFile>,
): Promise<Snippet> {
  const best = group.members[0]!;
  const symbols = [...new Set(group.members.map((m) => m.symbol).filter((s): s is string => s !== null))];
  const base = {
    repository: group.repository,
    path: group.path,
    symbol: symbols.length > 0 ? symbols.join(', ') : null,
    kind: best.kind,
    language: best.language,
    score: Math.max(...group.members.map((m) => m.score)),
  };
  if (group.members.length === 1 && contextLines === 0) {
    return { ...base, start_line: best.startLine, end_line: best.endLine, content: best.content };
  }
  const file = await fileOf(group);
  const end = file.lastLine > 0 ? Math.min(group.end, file.lastLine) : group.end;
  return { ...base, start_line: group.start, end_line: end, content: textOf(file, group.start, end).text };
}

/** Keeps the leading lines that fit `budget` tokens; undefined when not even one line does. */
function truncate(snippet: Snippet, budget: number): Snippet | undefined {
  const lines = snippet.content.split('\n');
  const fixed = tokens({ ...snippet, content: '', truncated: true });
  let chars = (budget - fixed) * CHARS_PER_TOKEN;
  const kept: string[] = [];
  for (const line of lines) {
    // JSON escaping costs a little; count a line's newline and quotes generously.
    const cost = JSON.stringify(line).length;
    if (cost > chars) break;
    kept.push(line);
    chars -= cost;
  }
  if (kept.length === 0) return undefined;
  return {
    ...snippet,
    end_line: snippet.start_line + kept.length - 1,
    content: kept.join('\n'),
    truncated: true,
  };
}

/** Approximate token count of a value as it appears in the JSON answer. */
export function tokens(value: unknown): number {
  return Math.ceil(JSON.stringify(value).length / CHARS_PER_TOKEN);
}
