export { indexRepository } from './indexer.js';
export type { IndexOptions, IndexProgress, IndexResult } from './indexer.js';
export { jobWarning } from './empty-run.js';
export { planIndex } from './plan.js';
export type { IndexPlan } from './plan.js';
