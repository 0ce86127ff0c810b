/**
 * Array parameters as PostgreSQL array literals. Both drivers would serialise JS arrays themselves;
 * building the literal once here is faster for the hundred-thousand-element arrays of a bulk write
 * and behaves the same on both.
 */

/** `{1,2,3}` for numbers (finite; callers guarantee it). */
export function numberArray(values: readonly number[]): string {
  return '{' + values.join(',') + '}';
}

/** `{"a","b\"c",NULL}` for text; NUL characters, which PostgreSQL text cannot hold, become U+FFFD. */
export function textArray(values: readonly (string | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const value = values[i];
    if (value === null || value === undefined) {
      out += 'NULL';
      continue;
    }
    out += '"' + escapeElement(value) + '"';
  }
  return out + '}';
}

function escapeElement(value: string): string {
  let v = value;
  if (v.includes('\u0000')) v = v.replaceAll('\u0000', '\uFFFD');
  if (v.includes('\\')) v = v.replaceAll('\\', '\\\\');
  if (v.includes('"')) v = v.replaceAll('"', '\\"');
  return v;
}

/** Text for a single text parameter, with NUL characters replaced. */
export function safeText(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value;
}
