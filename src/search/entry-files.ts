/**
 * Entry-point questions ("where is the entry point", "which file is the public API") are answered by
 * a file named for it, which may share no word with the question.
 */
import type { Language } from '../core/index.js';
import type { ChunkHit, RepositoryRecord, Store } from '../store/index.js';
import { ENTRY_PATH_PATTERN, entryFileDepth } from './path-kinds.js';

/** Where an entry file joins the candidates that BM25 did not find: half the best candidate's score. */
const ENTRY_SEED = 0.5;
/** The definition that starts a program, by name (`main`, pip's `__init__.main`, `run`, `cli`, `create_app`). */
const ENTRY_SYMBOL = /(^|[.:])(main|run|cli|start|create_?app|bootstrap)$/i;

/**
 * For an entry-point question, each repository's entry file by name (`index.ts`, `lib.rs`,
 * `__init__.py`; the shallowest) joins the candidates if BM25 did not find it, with its `main`
 * (or `run`, `cli`…) or else its first chunk: a file of re-exports shares no word with "which
 * file is the public entry point", and pip's `__init__.py` starts with an import. The
 * ranking stage then lifts the best-scoring entry file as for any other.
 */
export async function withEntryFiles(
  store: Store,
  repositories: readonly RepositoryRecord[],
  candidates: readonly ChunkHit[],
  filters: { languages?: readonly Language[]; pathRegex?: string },
): Promise<ChunkHit[]> {
  const pathRegex = filters.pathRegex === undefined ? undefined : new RegExp(filters.pathRegex);
  const seed = ENTRY_SEED * candidates.reduce((top, hit) => Math.max(top, hit.score), 0);
  const added: ChunkHit[] = [];
  for (const repository of repositories) {
    let entry: { path: string; depth: number } | undefined;
    for (const file of await store.listFiles(repository.id, ENTRY_PATH_PATTERN)) {
      if (filters.languages && !filters.languages.includes(file.language)) continue;
      if (pathRegex && !pathRegex.test(file.path)) continue;
      const depth = entryFileDepth(file.path, file.language);
      if (depth === null) continue;
      if (!entry || depth < entry.depth || (depth === entry.depth && file.path < entry.path))
        entry = { path: file.path, depth };
    }
    if (!entry) continue;
    const path = entry.path;
    if (candidates.some((hit) => hit.repositoryId === repository.id && hit.path === path)) continue;
    const chunks = await store.getFileChunks(repository.id, path);
    const chosen = chunks.find((c) => ENTRY_SYMBOL.test(c.symbol ?? '')) ?? chunks[0];
    if (chosen) {
      const { content: _, hash: __, ...hit } = chosen;
      added.push({ ...hit, score: seed });
    }
  }
  return [...candidates, ...added];
}
