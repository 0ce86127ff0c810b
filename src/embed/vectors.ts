/**
 * Checking and normalising the vectors a provider returns.
 */

/** Why a raw vector was refused; the embedder turns this into an EmbeddingError. */
export class VectorProblem {
  constructor(readonly reason: string) {}
}

/**
 * Validates one raw vector (an array of finite numbers, not all zero) and scales it to unit
 * length, so cosine similarity is a dot product and every provider is comparable.
 */
export function toUnitVector(raw: unknown): Float32Array | VectorProblem {
  if (!Array.isArray(raw)) return new VectorProblem(`expected an array of numbers, got ${describe(raw)}`);
  if (raw.length === 0) return new VectorProblem('got an empty vector');
  let sumSquares = 0;
  for (let i = 0; i < raw.length; i++) {
    const x: unknown = raw[i];
    if (typeof x !== 'number') return new VectorProblem(`element ${i} is ${describe(x)}, not a number`);
    if (!Number.isFinite(x)) return new VectorProblem(`element ${i} is ${String(x)}`);
    sumSquares += x * x;
  }
  const norm = Math.sqrt(sumSquares);
  if (norm === 0 || !Number.isFinite(norm))
    return new VectorProblem('got a zero vector, which has no direction');
  const out = new Float32Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = (raw[i] as number) / norm;
  return out;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `the string ${JSON.stringify(value.slice(0, 20))}` : typeof value;
}
