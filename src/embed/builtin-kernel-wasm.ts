/**
 * The bytes of the accumulation kernel's WebAssembly module, assembled here so no build tool or
 * binary file is needed. The function, in text format terms:
 *
 *   (import "e" "m" (memory 0 65536 shared))
 *   (func (export "accumulate") (param $n i32) (param $d i32) (param $acc i32) (param $rows i32)
 *                               (param $w i32)
 *     ;; $k = 0; while ($k + 4 <= $n): rows $k..$k+3, then while ($k < $n): row $k alone.
 *     ;; For each row set, over j = 0, 2, 4… < $d, two lanes at a time (f64x2):
 *     ;;   acc[j] = acc[j] + (((w0 · t0[j] + w1 · t1[j]) + w2 · t2[j]) + w3 · t3[j])
 *     ;; where t[j] is the int8 at $rows[k] + j widened to f64 (v128.load8x8_s, then
 *     ;; i32x4.extend_low_i16x8_s, then f64x2.convert_low_i32x4_s), eight values per iteration.
 *   )
 *
 * which is `builtin.ts`'s JavaScript loop, operation for operation.
 */

const I32 = 0x7f;
const V128 = 0x7b;
// Parameters and locals.
const N = 0;
const D = 1;
const ACC = 2;
const ROWS = 3;
const W = 4;
const K = 5;
const P = [6, 7, 8, 9] as const; // byte offsets of the current rows
const PA = 10; // address in acc
const END = 11; // acc + d · 8
const WV = [12, 13, 14, 15] as const; // the rows' weights, splatted

const get = (i: number): number[] => [0x20, i];
const set = (i: number): number[] => [0x21, i];
const i32 = (v: number): number[] => [0x41, ...sleb(v)];
const add = [0x6a];
const shl = [0x74];
const simd = (op: number): number[] => [0xfd, ...uleb(op)];
const mem = (offset: number): number[] => [0, ...uleb(offset)]; // alignment hint 0, offset
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const END_OP = [0x0b];
const brIf = (depth: number): number[] => [0x0d, depth];
const br = (depth: number): number[] => [0x0c, depth];
const V128_LOAD = 0;
const LOAD8X8_S = 1;
const V128_STORE = 11;
const F64X2_SPLAT = 20;
const EXTEND_LOW_I16X8_S = 167;
const CONVERT_LOW_I32X4_S = 254;
const F64X2_ADD = 240;
const F64X2_MUL = 242;

/** weight · t[j..j+1] of row `r` at `offset` bytes into it. */
const term = (r: number, offset: number): number[] => [
  ...get(P[r]!),
  ...simd(LOAD8X8_S),
  ...mem(offset),
  ...simd(EXTEND_LOW_I16X8_S),
  ...simd(CONVERT_LOW_I32X4_S),
  ...get(WV[r]!),
  ...simd(F64X2_MUL),
];

/** Adds `rows` rows (4 or 1) to acc, eight values per iteration. */
function rowLoop(rows: number): number[] {
  const body: number[] = [];
  for (let u = 0; u < 4; u++) {
    body.push(...get(PA), ...get(PA), ...simd(V128_LOAD), ...mem(16 * u));
    body.push(...term(0, 2 * u));
    for (let r = 1; r < rows; r++) body.push(...term(r, 2 * u), ...simd(F64X2_ADD));
    body.push(...simd(F64X2_ADD), ...simd(V128_STORE), ...mem(16 * u));
  }
  for (let r = 0; r < rows; r++) body.push(...get(P[r]!), ...i32(8), ...add, ...set(P[r]!));
  body.push(...get(PA), ...i32(64), ...add, ...set(PA));
  return [...LOOP, ...body, ...get(PA), ...get(END), 0x49 /* i32.lt_u */, ...brIf(0), ...END_OP];
}

/** Loads the row offsets and weights of rows $k.. into the locals. */
function loadRows(rows: number): number[] {
  const out = [...get(ROWS), ...get(K), ...i32(2), ...shl, ...add, ...set(PA)];
  for (let r = 0; r < rows; r++) out.push(...get(PA), 0x28 /* i32.load */, ...mem(4 * r), ...set(P[r]!));
  out.push(...get(W), ...get(K), ...i32(3), ...shl, ...add, ...set(PA));
  for (let r = 0; r < rows; r++) {
    out.push(...get(PA), 0x2b /* f64.load */, ...mem(8 * r), ...simd(F64X2_SPLAT), ...set(WV[r]!));
  }
  return [...out, ...get(ACC), ...set(PA)];
}

function body(): number[] {
  return [
    ...[2, 7, I32, 4, V128], // locals: 7 × i32, 4 × v128
    ...get(ACC),
    ...get(D),
    ...i32(3),
    ...shl,
    ...add,
    ...set(END),
    ...i32(0),
    ...set(K),
    // Four rows at a time.
    ...BLOCK,
    ...LOOP,
    ...get(K),
    ...i32(4),
    ...add,
    ...get(N),
    0x4a, // i32.gt_s
    ...brIf(1),
    ...loadRows(4),
    ...rowLoop(4),
    ...get(K),
    ...i32(4),
    ...add,
    ...set(K),
    ...br(0),
    ...END_OP,
    ...END_OP,
    // The remaining rows one by one.
    ...BLOCK,
    ...LOOP,
    ...get(K),
    ...get(N),
    0x4e, // i32.ge_s
    ...brIf(1),
    ...loadRows(1),
    ...rowLoop(1),
    ...get(K),
    ...i32(1),
    ...add,
    ...set(K),
    ...br(0),
    ...END_OP,
    ...END_OP,
    ...END_OP,
  ];
}

const name = (s: string): number[] => [s.length, ...[...s].map((c) => c.charCodeAt(0))];
const section = (id: number, content: number[]): number[] => [id, ...uleb(content.length), ...content];

/** The module's bytes; see the file comment. */
export function kernelModuleBytes(): Uint8Array {
  const code = body();
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 5, I32, I32, I32, I32, I32, 0]),
    // A shared memory (limits flag 3: shared, with a maximum), so threads can share one table.
    ...section(2, [1, ...name('e'), ...name('m'), 0x02, 0x03, 0x00, ...uleb(65536)]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('accumulate'), 0x00, 0]),
    ...section(10, [1, ...uleb(code.length), ...code]),
  ]);
}

function uleb(v: number): number[] {
  const out: number[] = [];
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

function sleb(v: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}
