/**
 * The built-in embedder's hot loop, Σ weight[t] · row[t] over a text's distinct terms, as a small
 * WebAssembly SIMD function (two f64 lanes at a time). It computes exactly what the JavaScript
 * loop in `builtin.ts` computes, in the same order and with the same IEEE operations (WebAssembly
 * never fuses a multiply and an add), so the vectors are bit for bit the same; it is faster from
 * the first call (no JIT warm-up) and needs no bounds checks. Where WebAssembly SIMD is missing
 * (`--jitless`, old engines) the embedder keeps its JavaScript loop.
 *
 * Memory: a shared WebAssembly memory holding the model file (see {@link allocateModelBytes}),
 * so the chunking threads read the one table the main thread loaded. Its table is followed by 8
 * bytes of padding (the 8-byte loads at a row's end read past it). Each thread grows the memory
 * by a page of its own for the scratch arrays: `acc` (D × f64), `rows` (byte offset of each row,
 * i32) and `weights` (f64), {@link KERNEL_BATCH} of each. Kernels of one thread over the same
 * memory share these scratch arrays: fill, run and read them within one synchronous call (as
 * `BuiltinVectorizer.embed` does).
 */
import { kernelModuleBytes } from './builtin-kernel-wasm.js';

/** Rows passed per call; a multiple of 4, so only the last call of a text has a remainder. */
export const KERNEL_BATCH = 1024;

/** The accumulation kernel over one model table; see the file comment. */
export interface AccumulationKernel {
  /** D running sums, zeroed by the caller before a text. */
  readonly acc: Float64Array;
  /** Byte offset of each row to add; fill `[0, n)` then call `accumulate(n)`. */
  readonly rows: Int32Array;
  readonly weights: Float64Array;
  /** Byte offset of row 0 (row t starts at `rowBase + t · D`). */
  readonly rowBase: number;
  /** acc[j] += Σ weights[k] · table[rows[k] + j], four rows at a time, then the rest one by one. */
  accumulate(n: number): void;
}

// The structural subset of the WebAssembly API used here (the project's TypeScript libs do not
// declare it); absent under `--jitless`.
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}
interface WasmApi {
  readonly Memory: new (descriptor: { initial: number; maximum: number; shared: true }) => WasmMemory;
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

const PAGE = 1 << 16;
/** Pages a model memory may grow by: one per thread's scratch arrays (for up to 1024 dimensions). */
const SCRATCH_PAGES = 64;
/** The memory behind a model's bytes, by their buffer (in every thread that holds it). */
const memories = new WeakMap<ArrayBufferLike, WasmMemory>();
/** This thread's scratch arrays in each memory: their byte offset. */
const scratchAt = new WeakMap<WasmMemory, number>();

const scratchBytes = (dims: number): number => 16 + dims * 8 + KERNEL_BATCH * 12 + 16;
const align16 = (n: number): number => (n + 15) & ~15;

/**
 * A zeroed byte array of `size` bytes in a shared WebAssembly memory, which threads can pass to
 * each other ({@link modelMemory}, {@link adoptModelMemory}) and the kernel reads in place, so
 * the table is neither copied nor duplicated. A SharedArrayBuffer where WebAssembly is missing.
 */
export function allocateModelBytes(size: number): Uint8Array {
  if (!simdSupported()) return new Uint8Array(new SharedArrayBuffer(size));
  const pages = Math.ceil((size + 8) / PAGE);
  const memory = new wasm!.Memory({ initial: pages, maximum: pages + SCRATCH_PAGES, shared: true });
  memories.set(memory.buffer, memory);
  return new Uint8Array(memory.buffer, 0, size);
}

/** The WebAssembly memory of bytes from {@link allocateModelBytes} (undefined without WebAssembly). */
export function modelMemory(bytes: Uint8Array): WasmMemory | undefined {
  return memories.get(bytes.buffer);
}

/** Registers a memory another thread allocated; returns its bytes' buffer as this thread sees it. */
export function adoptModelMemory(memory: WasmMemory): ArrayBufferLike {
  memories.set(memory.buffer, memory);
  return memory.buffer;
}

/** The kernel over `table` (V × dims int8), or null where WebAssembly SIMD is not available. */
export function createAccumulationKernel(table: Int8Array, dims: number): AccumulationKernel | null {
  if (!simdSupported() || dims % 8 !== 0) return null;
  let memory = memories.get(table.buffer);
  let rowBase = table.byteOffset;
  let accOffset = memory === undefined ? undefined : scratchIn(memory, dims);
  if (memory === undefined || accOffset === undefined) {
    // Not in a model memory (or it cannot grow): a memory of its own, scratch after the table.
    const pages = Math.ceil((table.byteLength + 8 + scratchBytes(dims)) / PAGE);
    memory = new wasm!.Memory({ initial: pages, maximum: pages, shared: true });
    new Int8Array(memory.buffer).set(table);
    rowBase = 0;
    accOffset = align16(table.byteLength + 8);
  }
  const rowsOffset = accOffset + dims * 8;
  const weightsOffset = rowsOffset + KERNEL_BATCH * 4;
  const instance = new wasm!.Instance(module!, { e: { m: memory } });
  const run = instance.exports.accumulate as (
    n: number,
    d: number,
    acc: number,
    rows: number,
    w: number,
  ) => void;
  const buffer = memory.buffer;
  return {
    acc: new Float64Array(buffer, accOffset, dims),
    rows: new Int32Array(buffer, rowsOffset, KERNEL_BATCH),
    weights: new Float64Array(buffer, weightsOffset, KERNEL_BATCH),
    rowBase,
    accumulate: (n) => run(n, dims, accOffset, rowsOffset, weightsOffset),
  };
}

/**
 * Offset of this thread's scratch arrays in `memory`: pages it grew the memory by, which no other
 * thread touches (growing a shared memory is atomic). Undefined when the memory cannot grow.
 */
function scratchIn(memory: WasmMemory, dims: number): number | undefined {
  const pages = Math.ceil(scratchBytes(Math.max(dims, 1024)) / PAGE);
  let at = scratchAt.get(memory);
  if (at === undefined || dims > 1024) {
    try {
      at = memory.grow(pages) * PAGE;
    } catch {
      return undefined;
    }
    if (dims <= 1024) scratchAt.set(memory, at);
  }
  return at;
}

let module: object | null | undefined;

function simdSupported(): boolean {
  if (module === undefined) {
    try {
      const bytes = kernelModuleBytes();
      module = wasm !== undefined && wasm.validate(bytes) ? new wasm.Module(bytes) : null;
    } catch {
      module = null;
    }
  }
  return module !== null;
}
