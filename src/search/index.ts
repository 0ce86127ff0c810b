export { searchCode, resolveRepositories, MAX_LIMIT, MAX_QUERY_LENGTH } from './search.js';
export type { SearchOptions, SearchResult, SearchResponse } from './search.js';
export { analyzeQuery } from './query.js';
export type { QueryAnalysis, SymbolRef } from './query.js';
export {
  rank,
  DEFAULT_RANKING,
  demoteCommentBlocks,
  isCommentBlock,
  pathMultiplier,
  symbolMultiplier,
} from './rank.js';
export type { RankingWeights, Ranked } from './rank.js';
export { globToRegex } from './glob.js';
export { DEFAULT_FUSION, fusionFromSettings, needsVectorIndex } from './fusion.js';
export type { FusionMethod, FusionOptions } from './fusion.js';
export { DEFAULT_EXPANSION_WEIGHT, expandTerms } from './expansion.js';
