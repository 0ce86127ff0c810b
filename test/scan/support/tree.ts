/**
 * Writes small real repositories to temp directories for the scan tests.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** File content, or a symbolic link (`{ link: target }`), or a named pipe (`{ fifo: true }`). */
export type Entry = string | Uint8Array | { readonly link: string } | { readonly fifo: true };

export interface Tree {
  readonly root: string;
  /** Removes the tree (after restoring permissions a test may have taken away). */
  remove(): Promise<void>;
}

/** Creates a temp directory holding `entries` (paths relative to it, with `/`). */
export async function createTree(entries: Readonly<Record<string, Entry>>): Promise<Tree> {
  const root = await mkdtemp(join(tmpdir(), 'scan-test-'));
  await chmod(root, 0o755);
  await writeEntries(root, entries);
  return {
    root,
    async remove() {
      await rm(root, { recursive: true, force: true }).catch(() => {
        execFileSync('chmod', ['-R', 'u+rwX', root]);
      });
      await rm(root, { recursive: true, force: true });
    },
  };
}

export async function writeEntries(root: string, entries: Readonly<Record<string, Entry>>): Promise<void> {
  for (const [path, entry] of Object.entries(entries)) {
    const abs = join(root, path);
    await mkdir(dirname(abs), { recursive: true });
    if (typeof entry === 'string' || entry instanceof Uint8Array) await writeFile(abs, entry);
    else if ('link' in entry) await symlink(entry.link, abs);
    else execFileSync('mkfifo', [abs]);
  }
}

/**
 * Writes `count` small TypeScript files, `perDirectory` to a directory, ten directories a package.
 * Synchronous calls: ten thousand thread-pool round trips take several times longer.
 */
export function writeManyFiles(root: string, count: number, perDirectory = 50): void {
  for (let i = 0; i < count; i++) {
    const d = Math.floor(i / perDirectory);
    const dir = join(root, 'src', `pkg${Math.floor(d / 10)}`, `mod${d}`);
    if (i % perDirectory === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `file${i}.ts`), `export const value${i} = ${i};\n`);
  }
}
