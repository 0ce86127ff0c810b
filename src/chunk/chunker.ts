/**
 * The chunker: `(path, language, text) → Chunk[]`. Tree-sitter runs as WebAssembly
 * (web-tree-sitter + the prebuilt grammars of tree-sitter-wasms), so it installs from npm alone and
 * runs in a slim container and inside worker threads. Grammars load lazily, once per chunker.
 * Languages without a grammar are cut by definition-line patterns (`outline.ts`), Vue, Svelte and
 * Astro components by their script blocks (`component.ts`), markdown by headings, anything else
 * into line windows.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Language as Grammar, Parser, Tree } from 'web-tree-sitter';
import type { Chunk, Language } from '../core/index.js';
import { silentLogger } from '../core/index.js';
import type { Logger } from '../core/index.js';
import { COMPONENT_LANGUAGES, componentChunks, SCRIPT_LANGUAGE } from './component.js';
import { definitionTypes, fileDefinition, findDefinitions, parseRows, statementRows } from './definitions.js';
import type { Definition, DefinitionTypes } from './definitions.js';
import { LANGUAGE_SPECS } from './languages/index.js';
import type { LanguageSpec } from './languages/index.js';
import { OUTLINE_SPECS } from './languages/outlines.js';
import type { SplitPoint } from './languages/spec.js';
import { LineTable, rowOffsets, windowChunks } from './lines.js';
import { markdownChunks } from './markdown.js';
import { outlineDefinitions, paragraphRows } from './outline.js';
import type { OutlineSpec } from './outline.js';
import { resolveOptions } from './options.js';
import type { ChunkerOptions, ResolvedChunkerOptions } from './options.js';
import { Segmenter } from './segment.js';
import type { SegmentOptions } from './segment.js';

/**
 * Splits files into chunks. `chunkSync` is pure after the file's grammar is loaded; `chunk` loads
 * it first. Neither throws on user content: a missing grammar or a failed parse falls back to windows.
 */
export interface Chunker {
  readonly options: ResolvedChunkerOptions;
  /** Loads the grammar for `language`; resolves false when it has none or it failed to load. */
  load(language: Language): Promise<boolean>;
  /** Whether `chunkSync` can parse `language` now (markdown and plain windows need no grammar). */
  isReady(language: Language): boolean;
  /** Loads the grammar if needed, then chunks. */
  chunk(path: string, language: Language, text: string): Promise<Chunk[]>;
  /**
   * Chunks synchronously. For a syntax language whose grammar is not loaded yet this throws (a
   * programming error: call `load` first); everything else is windowed.
   */
  chunkSync(path: string, language: Language, text: string): Chunk[];
  /** Frees the parsers. */
  close(): void;
}

interface Loaded {
  readonly spec: LanguageSpec;
  readonly grammar: Grammar;
  /** Replaced after a parse throws: a trap inside WebAssembly can leave the old one unusable. */
  parser: Parser;
  readonly types: DefinitionTypes;
}

/** Creates a chunker. Initialises the tree-sitter runtime once (≈ 20 ms); grammars load on demand. */
export async function createChunker(options: ChunkerOptions = {}): Promise<Chunker> {
  const resolved = resolveOptions(options);
  const logger: Logger = options.logger ?? silentLogger;
  const ts = await import('web-tree-sitter');
  await ts.Parser.init();
  const loaded = new Map<Language, Loaded | null>();
  const pending = new Map<Language, Promise<boolean>>();
  let loading: Promise<unknown> = Promise.resolve();
  const segmentOptions = {
    maxLines: resolved.maxChunkLines,
    maxChars: resolved.maxChunkChars,
    minLines: resolved.minChunkLines,
  };
  const windowOptions = {
    ...segmentOptions,
    windowLines: resolved.windowLines,
    windowOverlap: resolved.windowOverlap,
  };

  async function loadGrammar(language: Language, spec: LanguageSpec): Promise<Loaded | null> {
    let file = spec.wasm.file;
    try {
      file = wasmPath(spec);
      const grammar: Grammar = await ts.Language.load(file);
      const parser = new ts.Parser();
      parser.setLanguage(grammar);
      return { spec, grammar, parser, types: definitionTypes(grammar, spec) };
    } catch (error) {
      logger.warn('grammar failed to load; files will be windowed', { language, file, error });
      return null;
    }
  }

  /**
   * Chunks with the grammar of `grammarLanguage` (a component's script grammar, or the file's own);
   * windows when it has none or the parse fails. A parse that throws may have left the parser
   * unusable (a trap inside WebAssembly): it is replaced.
   */
  function parsed(
    path: string,
    language: Language,
    grammarLanguage: Language,
    table: LineTable,
    cut: (grammar: Loaded) => Chunk[],
  ): Chunk[] {
    const grammar = loaded.get(grammarLanguage);
    if (grammar === undefined) {
      throw new Error(
        `chunker: grammar for ${language} is not loaded; await chunker.load('${language}') first`,
      );
    }
    if (grammar === null) return windowChunks(table, windowOptions);
    try {
      return cut(grammar);
    } catch (error) {
      logger.warn('parse failed; file windowed', { path, language, error });
      try {
        grammar.parser.delete();
      } catch {
        // The old parser may be beyond saving; a new one replaces it either way.
      }
      grammar.parser = new ts.Parser();
      grammar.parser.setLanguage(grammar.grammar);
      return windowChunks(table, windowOptions);
    }
  }

  const chunker: Chunker = {
    options: resolved,
    load(language) {
      if (COMPONENT_LANGUAGES.has(language)) return chunker.load(SCRIPT_LANGUAGE);
      const spec = LANGUAGE_SPECS[language];
      if (!spec) return Promise.resolve(false);
      if (loaded.has(language)) return Promise.resolve(loaded.get(language) !== null);
      let promise = pending.get(language);
      if (!promise) {
        // One grammar at a time: web-tree-sitter links each grammar's WASM module into shared
        // state, and concurrent loads mixed grammars up (files of one language parsed with
        // another's node types, so chunk boundaries changed from run to run).
        promise = loading
          .then(() => loadGrammar(language, spec))
          .then((result) => {
            loaded.set(language, result);
            pending.delete(language);
            return result !== null;
          });
        pending.set(language, promise);
        loading = promise.then(
          () => undefined,
          () => undefined,
        );
      }
      return promise;
    },
    isReady: (language) =>
      COMPONENT_LANGUAGES.has(language)
        ? loaded.has(SCRIPT_LANGUAGE)
        : !LANGUAGE_SPECS[language] || loaded.has(language),
    async chunk(filePath, language, text) {
      await chunker.load(language);
      return chunker.chunkSync(filePath, language, text);
    },
    chunkSync(filePath, language, text) {
      const table = new LineTable(text);
      if (table.lines.every((line) => line.trim() === '')) return [];
      if (language === 'markdown') return markdownChunks(table, segmentOptions);
      if (COMPONENT_LANGUAGES.has(language)) {
        return parsed(filePath, language, SCRIPT_LANGUAGE, table, (grammar) =>
          componentChunks(grammar, filePath, table, text, segmentOptions),
        );
      }
      const outline = OUTLINE_SPECS[language];
      if (outline) {
        try {
          return outlineChunks(table, outline, segmentOptions) ?? windowChunks(table, windowOptions);
        } catch (error) {
          logger.warn('line patterns failed; file windowed', { path: filePath, language, error });
          return windowChunks(table, windowOptions);
        }
      }
      if (!LANGUAGE_SPECS[language]) return windowChunks(table, windowOptions);
      return parsed(filePath, language, language, table, (grammar) =>
        syntaxChunks(grammar, filePath, table, text, segmentOptions),
      );
    },
    close() {
      for (const entry of loaded.values()) entry?.parser.delete();
      loaded.clear();
    },
  };
  return chunker;
}

function syntaxChunks(
  grammar: Loaded,
  path: string,
  table: LineTable,
  text: string,
  options: SegmentOptions,
): Chunk[] {
  const tree = grammar.parser.parse(grammar.spec.prepare?.(text) ?? text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  const trees: Tree[] = [tree];
  try {
    const root = tree.rootNode;
    const points = root.hasError && grammar.spec.splitOnError ? grammar.spec.splitOnError(table.lines) : [];
    const { defs, rows } =
      points.length > 0
        ? recoveredDefinitions(grammar, text, table, points, trees)
        : {
            defs: findDefinitions(tree, grammar.types, grammar.spec, table),
            rows: () => statementRows(root),
          };
    const file = grammar.spec.file?.(path, defs.length > 0);
    const out: Chunk[] = [];
    new Segmenter(table, options).emit(
      0,
      table.count - 1,
      file ? [fileDefinition(file, defs, () => statementRows(root), table.count)] : defs,
      { kind: 'code', symbol: null, rows },
      out,
    );
    return out;
  } finally {
    for (const t of trees) t.delete();
  }
}

/** Chunks of a file by line patterns, or null when none matched (the file is then windowed). */
function outlineChunks(table: LineTable, spec: OutlineSpec, options: SegmentOptions): Chunk[] | null {
  const defs = outlineDefinitions(table, spec);
  if (defs.length === 0) return null;
  const out: Chunk[] = [];
  const rows = paragraphRows(table);
  new Segmenter(table, options).emit(
    0,
    table.count - 1,
    defs,
    { kind: 'code', symbol: null, rows: () => rows },
    out,
  );
  return out;
}

/**
 * Definitions of a file whose parse has errors, from parsing the pieces between `points` one by one.
 * Each piece is parsed in place (an included range of the whole text), so rows and offsets are the
 * file's. The parsed trees are pushed to `trees`: definitions point into them until those are deleted.
 */
function recoveredDefinitions(
  grammar: Loaded,
  text: string,
  table: LineTable,
  points: readonly SplitPoint[],
  trees: Tree[],
): { defs: Definition[]; rows: () => number[] } {
  const offsets = rowOffsets(text);
  const defs: Definition[] = [];
  const rows: number[] = [];
  const prefix = points[0]!.row > 0 ? 1 : 0;
  const starts = prefix ? [0, ...points.map((p) => p.row)] : points.map((p) => p.row);
  for (let i = 0; i < starts.length; i++) {
    const a = starts[i]!;
    const next = starts[i + 1];
    const b = (next ?? table.count) - 1;
    const point = i >= prefix ? points[i - prefix] : undefined;
    const tree = parseRows(grammar.parser, text, offsets, a, next ?? offsets.length);
    trees.push(tree);
    const found = findDefinitions(tree, grammar.types, grammar.spec, table);
    rows.push(...statementRows(tree.rootNode));
    if (!point || found.some((d) => d.header === point.header)) {
      defs.push(...found);
      continue;
    }
    // The piece is broken inside the definition itself: take it as the text showed it.
    const end = Math.min(point.end, b);
    defs.push({
      kind: point.kind,
      symbol: point.name,
      start: a,
      end,
      header: tree.rootNode.startPosition.row,
      rows: () => statementRows(tree.rootNode),
      children: found.filter((d) => d.start >= point.header && d.end <= end),
    });
    defs.push(...found.filter((d) => d.start > end));
  }
  return { defs, rows: () => rows };
}

const require = createRequire(import.meta.url);

/** Absolute path of a grammar's `.wasm` inside its package (resolved from this module). */
function wasmPath(spec: LanguageSpec): string {
  return join(dirname(require.resolve(`${spec.wasm.package}/package.json`)), spec.wasm.file);
}
