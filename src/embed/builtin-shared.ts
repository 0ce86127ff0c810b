/**
 * One copy of the built-in model per process. Decoded, a model is its file's 20 MB (the int8
 * table, which the kernel reads in place) plus a term table of ~6 MB and a vocabulary map of ~8 MB
 * of JavaScript heap; every chunking thread used to load all of it again, which cost a cold index
 * with the model ~100 MB of peak RSS (docs/notes/vectors.md, "Sharing the model"). Now the main
 * thread loads the model once ({@link loadSharedBuiltinModel}) and passes the threads its
 * read-only parts ({@link shareBuiltinModel}), which they use in place ({@link adoptBuiltinModel}):
 * the file's bytes in a shared WebAssembly memory, the row factors and the term table in
 * SharedArrayBuffers. The sums and their order are unchanged, so the vectors are the same bits.
 */
import { stat } from 'node:fs/promises';
import { adoptModelMemory, modelMemory, type WasmMemory } from './builtin-kernel.js';
import { TermTable, type TermTableParts } from './builtin-term-table.js';
import {
  decodeBuiltinModel,
  loadBuiltinModel,
  type BuiltinModel,
  type BuiltinModelMetadata,
} from './builtin-model.js';

/** A decoded model's read-only parts, for `postMessage` to another thread (nothing is copied). */
export interface SharedBuiltinModel {
  readonly metadata: BuiltinModelMetadata;
  /** The model file, in shared memory. */
  readonly bytes: Uint8Array;
  /** The WebAssembly memory of `bytes`, which the kernel needs (absent without WebAssembly). */
  readonly memory?: WasmMemory;
  /** Where the table starts in `bytes`. */
  readonly tableOffset: number;
  readonly rowFactor: Float32Array;
  readonly terms: TermTableParts;
}

const termTables = new WeakMap<BuiltinModel, TermTable>();
const shared = new WeakMap<BuiltinModel, SharedBuiltinModel>();

/** The complete term table of a model's vocabulary, built once per model. */
export function termTableOf(model: BuiltinModel): TermTable {
  let table = termTables.get(model);
  if (table === undefined) {
    table = TermTable.forVocabulary(model.vocabulary);
    termTables.set(model, table);
  }
  return table;
}

/** The parts of a model other threads can use in place (see the file comment). */
export function shareBuiltinModel(model: BuiltinModel): SharedBuiltinModel {
  let parts = shared.get(model);
  if (parts === undefined) {
    const { table, metadata, rowFactor } = model;
    const bytes = new Uint8Array(table.buffer, 0, table.byteOffset + table.byteLength);
    const memory = modelMemory(bytes);
    parts = {
      metadata,
      bytes,
      ...(memory ? { memory } : {}),
      tableOffset: table.byteOffset,
      rowFactor,
      terms: termTableOf(model).share(),
    };
    shared.set(model, parts);
  }
  return parts;
}

/** The model another thread shared; its vocabulary map is only decoded if asked for. */
export function adoptBuiltinModel(parts: SharedBuiltinModel): BuiltinModel {
  const { metadata, rowFactor } = parts;
  const buffer = parts.memory ? adoptModelMemory(parts.memory) : parts.bytes.buffer;
  const table = new Int8Array(buffer, parts.tableOffset, metadata.vocabularySize * metadata.dimensions);
  let vocabulary: ReadonlyMap<string, number> | undefined;
  const model: BuiltinModel = {
    metadata,
    rowFactor,
    table,
    get vocabulary() {
      return (vocabulary ??= decodeBuiltinModel(parts.bytes).vocabulary);
    },
  };
  termTables.set(model, TermTable.fromParts(parts.terms));
  shared.set(model, parts);
  return model;
}

const loaded = new Map<string, { readonly version: string; readonly model: Promise<BuiltinModel> }>();

/**
 * The model in the file at `path`, loaded once per process while the file is unchanged (the
 * embedder's queries and the chunking threads then use the same copy).
 */
export async function loadSharedBuiltinModel(path: string): Promise<BuiltinModel> {
  const version = await stat(path).then(
    (s) => `${s.size}:${s.mtimeMs}`,
    () => '',
  );
  const known = loaded.get(path);
  if (known && known.version === version && version !== '') return known.model;
  const model = loadBuiltinModel(path);
  loaded.set(path, { version, model });
  model.catch(() => {
    if (loaded.get(path)?.model === model) loaded.delete(path);
  });
  return model;
}
