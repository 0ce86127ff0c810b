import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Up to `limit` non-empty files under `dir` (sorted walk, so runs are repeatable) whose names end
 * with one of `extensions` and that are at most `maxBytes` long. A missing folder gives none.
 */
export function sourceFiles(
  dir: string,
  extensions: string | readonly string[],
  limit: number,
  maxBytes = 400_000,
): string[] {
  const endings = typeof extensions === 'string' ? [extensions] : extensions;
  const out: string[] = [];
  const walk = (d: string): void => {
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (out.length >= limit) return;
      const p = join(d, name);
      const st = statSync(p, { throwIfNoEntry: false });
      if (st?.isDirectory()) walk(p);
      else if (st && st.size > 0 && st.size <= maxBytes && endings.some((e) => name.endsWith(e))) out.push(p);
    }
  };
  walk(dir);
  return out;
}
