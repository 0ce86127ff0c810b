/**
 * The multipliers of the ranking stage (`rank.ts`, `path-kinds.ts`, `comment-blocks.ts`, `delegates.ts`) and their
 * shipped values, each measured with `npm run eval` (ARCHITECTURE.md, "Ranking on top of BM25").
 */
export interface RankingWeights {
  /** Multiplier when a chunk defines exactly the symbol the query names (qualified match). */
  readonly symbolExact: number;
  /** Multiplier when the chunk's symbol ends with the queried name. */
  readonly symbolName: number;
  /**
   * Multiplier for half a qualified name: the member of another type (`Other.reject` for
   * `CAPPluginCall.reject`), or the container the query names, kept whole as one chunk.
   */
  readonly symbolOther: number;
  /** Added to the multiplier per query word found in the file name. */
  readonly fileName: number;
  /** Added to the multiplier per query word found in the parent folders. */
  readonly folder: number;
  readonly test: number;
  readonly example: number;
  readonly docs: number;
  readonly vendored: number;
  readonly generated: number;
  readonly declaration: number;
  /**
   * Data, configuration and markup files (JSON, YAML, TOML, HTML, CSS): fixtures, specs and settings
   * that share a code question's words but rarely answer it. Not applied when the query names the
   * format or asks about configuration.
   */
  readonly data: number;
  /**
   * Multiplier for the best-scoring entry file (at the root, or `index`/`main`/`lib`/`mod`/`__init__`…
   * one folder down) when the query asks for the entry point or top-level API. One file only: a PHP
   * or Go package keeps dozens of classes at its root.
   */
  readonly entryPoint: number;
  /**
   * A chunk that is nearly all comment (a doc block split from its code, a licence header, a usage
   * guide at the top of a single-header library) ranks like documentation unless docs are asked for.
   */
  readonly commentBlock: number;
  /**
   * A short function or type alias that only hands over to a namesake (`sub secure_compare {
   * Mojo::Util::secure_compare … }`, `type JValue = JsonAST.JValue`), when the namesake it may
   * hand over to is among the candidates too.
   */
  readonly delegate: number;
  /** How many results one file may take before its further chunks are demoted. */
  readonly perFile: number;
  /** Score multiplier for each chunk of a file beyond `perFile` (compounding). */
  readonly perFileDemotion: number;
  /** `perFile` for a question about where things are (`QueryAnalysis.asksWhere`): one place per file. */
  readonly perFileWhere: number;
  /**
   * A type that only declares options (`RecoverConfig`, `ClientOptions`, `JWTConfig`): its field docs
   * share a question's words, but the code that acts on them answers it, unless the query asks about
   * configuration or names the type.
   */
  readonly optionsType: number;
  /** Multiplier for a named definition whose `?`, `!` or `'` suffix differs from the query's (`save!` for `save`). */
  readonly suffixMismatch: number;
  /** Extra multiplier when the query names the kind (`struct Program`) and the chunk is one. */
  readonly kindMatch: number;
  /**
   * Multiplier for a test, example, docs, vendored, generated or declaration file when the query
   * asks for that kind of file ("the tests of …", "an example of …", "type declarations").
   */
  readonly wanted: number;
  /**
   * A copy of a definition in a parallel source tree (guava's `android/` flavour, a vendored or
   * backported copy): same name and kind, same file under the same last folders; the copy with the
   * shortest path is the original and is not demoted.
   */
  readonly twin: number;
}

export const DEFAULT_RANKING: RankingWeights = Object.freeze({
  symbolExact: 3,
  symbolName: 2,
  symbolOther: 1.5,
  fileName: 0.25,
  folder: 0.2,
  test: 0.5,
  example: 0.7,
  docs: 0.4,
  vendored: 0.5,
  generated: 0.5,
  declaration: 0.6,
  data: 0.6,
  entryPoint: 2,
  commentBlock: 0.5,
  delegate: 0.5,
  perFile: 2,
  perFileDemotion: 0.85,
  perFileWhere: 1,
  optionsType: 0.7,
  suffixMismatch: 0.8,
  kindMatch: 1.25,
  wanted: 1.5,
  twin: 0.25,
});
