/**
 * The plain-BM25 baseline: the product's own index and BM25 query, with every ranking adjustment
 * switched off — no symbol or file-name boosts, no test/example/docs penalties, and a per-file
 * limit too high to matter. The difference to the `product` system is what ranking adds.
 */
import type { RankingWeights } from '../../src/search/index.js';

/** Ranking weights that leave the BM25 order untouched. */
export const NEUTRAL_RANKING: RankingWeights = Object.freeze({
  symbolExact: 1,
  symbolName: 1,
  symbolOther: 1,
  fileName: 0,
  folder: 0,
  test: 1,
  example: 1,
  docs: 1,
  vendored: 1,
  generated: 1,
  declaration: 1,
  data: 1,
  entryPoint: 1,
  perFile: 1000,
  perFileDemotion: 1,
  commentBlock: 1,
  delegate: 1,
  perFileWhere: 1000,
  optionsType: 1,
  suffixMismatch: 1,
  kindMatch: 1,
  wanted: 1,
  twin: 1,
});
