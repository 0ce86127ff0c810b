export * from './tokenizer.js';
export { STOP_WORDS } from './stop-words.js';
