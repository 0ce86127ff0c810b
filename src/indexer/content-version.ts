/**
 * The version of what a file becomes in the index: its chunks (src/chunk), their terms and field
 * weights (src/lexical) and the hashes of both. Bump it with any change that alters them, so that
 * indexes built by an earlier release re-process every file once instead of keeping old chunks
 * for every file that did not change; `test/indexer/content-version.test.ts` fails until the
 * bump is made, and tells how.
 */
export const CONTENT_VERSION = 7;
