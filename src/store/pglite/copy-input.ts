/**
 * Feeds `COPY … FROM '/dev/blob'` without PGlite's two slow steps. PGlite (0.5) takes the query's
 * `blob` option, copies it into a fresh ArrayBuffer with `await blob.arrayBuffer()`, and serves
 * Postgres's reads from an Emscripten device that copies byte by byte in JavaScript: ~1 s of the
 * main thread for the ~150 MB a 10,000-file cold index copies in (docs/notes/store-perf.md, "Cold
 * index round 4"). Here the bytes travel as a {@link CopyInput} (no Blob: PGlite only calls
 * `arrayBuffer()`), and the device's `read` is replaced by one that copies a range with
 * `TypedArray.set` whenever the query's input is a CopyInput.
 *
 * The replacement hooks PGlite internals: `mod.FS`'s `/dev/blob` device, and `_handleBlob` and
 * `_cleanupBlob`, which every query calls before and after it runs. When the device or
 * `_handleBlob` is missing, nothing is replaced and PGlite reads the CopyInput its own way: slower,
 * same result.
 */

/** COPY input bytes, accepted by PGlite wherever it takes a Blob. */
export class CopyInput {
  constructor(readonly bytes: Uint8Array) {}

  /** What PGlite keeps for the device's seeks: exactly the input's bytes. */
  async arrayBuffer(): Promise<ArrayBuffer> {
    const { bytes } = this;
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    return (whole ? bytes : bytes.slice()).buffer as ArrayBuffer;
  }
}

type DeviceRead = (
  stream: unknown,
  buffer: Uint8Array | Int8Array,
  offset: number,
  length: number,
  position: number,
) => number;

interface EmscriptenFs {
  lookupPath(path: string): { node: { rdev: number } };
  getDevice(device: number): { stream_ops: { read: DeviceRead } } | undefined;
}

interface PGliteInternals {
  mod?: { FS?: EmscriptenFs };
  _handleBlob?: (blob: unknown) => Promise<void>;
  _cleanupBlob?: () => Promise<void>;
}

/**
 * Installs the bulk read on a PGlite instance. Returns false (and changes nothing) when the
 * instance does not have the internals this relies on.
 */
export function installBulkCopyReads(pg: object): boolean {
  const internals = pg as PGliteInternals;
  const handleBlob = internals._handleBlob;
  const ops = blobDevice(internals.mod?.FS);
  if (typeof handleBlob !== 'function' || !ops) return false;

  let input: Uint8Array | undefined;
  const read = ops.read;
  ops.read = (stream, buffer, offset, length, position) => {
    const bytes = input;
    if (!bytes) return read(stream, buffer, offset, length, position);
    if (position >= bytes.length) return 0;
    const n = Math.min(bytes.length - position, length);
    new Uint8Array(buffer.buffer, buffer.byteOffset + offset, n).set(bytes.subarray(position, position + n));
    return n;
  };
  internals._handleBlob = (blob: unknown) => {
    input = blob instanceof CopyInput ? blob.bytes : undefined;
    return handleBlob.call(pg, blob);
  };
  const cleanupBlob = internals._cleanupBlob;
  if (typeof cleanupBlob === 'function') {
    internals._cleanupBlob = () => {
      input = undefined;
      return cleanupBlob.call(pg);
    };
  }
  return true;
}

function blobDevice(fs: EmscriptenFs | undefined): { read: DeviceRead } | undefined {
  try {
    const ops = fs?.getDevice(fs.lookupPath('/dev/blob').node.rdev)?.stream_ops;
    return typeof ops?.read === 'function' ? ops : undefined;
  } catch {
    return undefined;
  }
}
