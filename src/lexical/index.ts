export * from './tokenizer.js';
export * from './chunk-terms.js';
export { STOP_WORDS } from './stop-words.js';
