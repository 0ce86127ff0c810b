/**
 * An encoder for PostgreSQL's binary COPY format (`COPY … FROM … WITH (FORMAT binary)`): the
 * header, tuples of length-prefixed fields in the types' `*_recv` representations, the trailer.
 * Both backends read it (PGlite from '/dev/blob', PostgreSQL over COPY FROM STDIN). PGlite parses
 * this far faster than text (no `array_in`/`float4in` per element, no escaping), and
 * building it in JS allocates no strings. Values the text path would reject (a non-integer for an
 * integer column, NaN) throw a StoreError here, so a bad batch fails the same way on both paths.
 */
import { StoreError } from '../../core/index.js';

/** Element type OIDs for one-dimensional arrays (array_recv checks them against the column). */
export const OID = { int4: 23, int8: 20, float4: 700 } as const;

const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00];
const encoder = new TextEncoder();

export class BinaryCopyWriter {
  #buf: Uint8Array;
  #view: DataView;
  #pos = 0;

  constructor(initialBytes = 1 << 16) {
    this.#buf = new Uint8Array(initialBytes);
    this.#view = new DataView(this.#buf.buffer);
    this.#ensure(SIGNATURE.length + 8);
    this.#buf.set(SIGNATURE, 0);
    this.#pos = SIGNATURE.length;
    this.#int32(0); // flags
    this.#int32(0); // header extension length
  }

  /** Starts a tuple of `fields` fields. */
  row(fields: number): this {
    this.#ensure(2);
    this.#view.setInt16(this.#pos, fields);
    this.#pos += 2;
    return this;
  }

  int4(value: number): this {
    checkInteger(value, 2 ** 31);
    this.#ensure(8);
    this.#int32(4);
    this.#int32(value);
    return this;
  }

  int8(value: number): this {
    checkInteger(value, 2 ** 53);
    this.#ensure(12);
    this.#int32(8);
    this.#int64(value);
    return this;
  }

  float4(value: number): this {
    return this.#float(value, 4);
  }

  float8(value: number): this {
    return this.#float(value, 8);
  }

  /** A text value (UTF-8; NUL, which text cannot hold, becomes U+FFFD), or NULL. */
  text(value: string | null): this {
    if (value === null) {
      this.#ensure(4);
      this.#int32(-1);
      return this;
    }
    const v = value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value;
    this.#ensure(4 + v.length * 3);
    const start = this.#pos + 4;
    const { written } = encoder.encodeInto(v, this.#buf.subarray(start));
    this.#int32(written);
    this.#pos = start + written;
    return this;
  }

  /**
   * A one-dimensional array without NULLs of int4, int8 or float4 elements: `values[from..to)`
   * (default: all of them).
   */
  array(elementOid: number, values: ArrayLike<number>, from = 0, to = values.length): this {
    const size = elementOid === OID.int8 ? 8 : 4;
    const count = to - from;
    const bytes = 20 + count * (4 + size);
    this.#ensure(4 + bytes);
    this.#int32(bytes);
    this.#int32(1); // dimensions
    this.#int32(0); // has no NULLs
    this.#int32(elementOid);
    this.#int32(count);
    this.#int32(1); // lower bound
    const view = this.#view;
    let pos = this.#pos;
    const limit = elementOid === OID.int8 ? 2 ** 53 : 2 ** 31;
    for (let i = from; i < to; i++) {
      const value = values[i]!;
      if (elementOid === OID.float4) checkFloat(value);
      else checkInteger(value, limit);
      view.setInt32(pos, size);
      if (size === 8) {
        view.setInt32(pos + 4, Math.floor(value / 4294967296));
        view.setUint32(pos + 8, value >>> 0);
      } else if (elementOid === OID.float4) view.setFloat32(pos + 4, value);
      else view.setInt32(pos + 4, value);
      pos += 4 + size;
    }
    this.#pos = pos;
    return this;
  }

  /**
   * A pgvector `vector` (`vector_recv`: dimensions, an unused int16, big-endian float4s). The
   * values are not checked here: vector writes validate them first (vector-write.ts).
   */
  vector(values: Float32Array): this {
    this.#ensure(4 + 4 + 4 * values.length);
    this.#int32(4 + 4 * values.length);
    const view = this.#view;
    let pos = this.#pos;
    view.setInt16(pos, values.length);
    view.setInt16(pos + 2, 0);
    pos += 4;
    for (let i = 0; i < values.length; i++, pos += 4) view.setFloat32(pos, values[i]!);
    this.#pos = pos;
    return this;
  }

  /** The finished COPY data (appends the trailer). */
  finish(): Uint8Array {
    this.#ensure(2);
    this.#view.setInt16(this.#pos, -1);
    this.#pos += 2;
    return this.#buf.subarray(0, this.#pos);
  }

  #float(value: number, bytes: 4 | 8): this {
    checkFloat(value);
    this.#ensure(4 + bytes);
    this.#int32(bytes);
    if (bytes === 4) this.#view.setFloat32(this.#pos, value);
    else this.#view.setFloat64(this.#pos, value);
    this.#pos += bytes;
    return this;
  }

  #int32(value: number): void {
    this.#view.setInt32(this.#pos, value);
    this.#pos += 4;
  }

  #int64(value: number): void {
    this.#view.setInt32(this.#pos, Math.floor(value / 4294967296));
    this.#view.setUint32(this.#pos + 4, value >>> 0);
    this.#pos += 8;
  }

  #ensure(extra: number): void {
    if (this.#pos + extra <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < this.#pos + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buf.subarray(0, this.#pos));
    this.#buf = next;
    this.#view = new DataView(next.buffer);
  }
}

function checkInteger(value: number, limit: number): void {
  if (!Number.isInteger(value) || value >= limit || value < -limit) {
    throw new StoreError('STORE_ERROR', `Cannot store ${value} in an integer column.`, {
      details: { value: String(value) },
      hint: 'This is a bug in the caller: line numbers, ids and sizes must be integers.',
    });
  }
}

function checkFloat(value: number): void {
  if (!Number.isFinite(value)) {
    throw new StoreError('STORE_ERROR', `Cannot store ${value} in a floating-point column.`, {
      details: { value: String(value) },
      hint: 'This is a bug in the caller: term frequencies, lengths and times must be finite numbers.',
    });
  }
}
