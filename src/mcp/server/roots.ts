/**
 * Which directories a session may index or read: the configured roots (CODEBASE_MCP_ROOTS, or the
 * working directory for stdio) plus, where the transport trusts it, the roots the client announced.
 * Every check runs on the resolved real path, so a symlink cannot lead outside.
 */
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodebaseError } from '../../core/index.js';

export class RootPolicy {
  readonly #configured: readonly string[];
  #resolved: Promise<string[]> | undefined;
  #client: string[] = [];
  #pending: Promise<void> = Promise.resolve();
  /** Whether roots announced by the client count (stdio), which changes what a refusal advises. */
  readonly #trustsClient: boolean;

  /** `configured` are absolute paths; they are resolved to real paths on first use. */
  constructor(configured: readonly string[], options: { trustsClient?: boolean } = {}) {
    this.#configured = configured.map((r) => resolve(r));
    this.#trustsClient = options.trustsClient ?? false;
  }

  /** Replaces the client-announced roots (`file://` URIs; other schemes are ignored). */
  async setClientRoots(uris: readonly string[]): Promise<void> {
    const paths: string[] = [];
    for (const uri of uris) {
      if (!uri.startsWith('file://')) continue;
      try {
        paths.push(await realpath(fileURLToPath(uri)));
      } catch {
        // A root that does not exist here (another machine, a container) grants nothing.
      }
    }
    this.#client = paths;
  }

  /**
   * Fetches the client's roots in the background; checks made meanwhile wait for the answer, so
   * a call right after initialization does not fail for want of roots. A failed fetch grants nothing.
   */
  refreshClientRoots(fetch: () => Promise<readonly string[]>): void {
    this.#pending = fetch()
      .then((uris) => this.setClientRoots(uris))
      .catch(() => undefined);
  }

  /** The allowed roots as real paths, configured first. */
  async list(): Promise<string[]> {
    await this.#pending;
    this.#resolved ??= Promise.all(this.#configured.map((r) => realpath(r).catch(() => r)));
    return [...new Set([...(await this.#resolved), ...this.#client])];
  }

  /**
   * Throws `PATH_NOT_ALLOWED`, saying what to do, unless `path` (absolute, already real) lies under
   * an allowed root.
   */
  async assertAllows(path: string): Promise<void> {
    const roots = await this.list();
    if (!roots.some((root) => isInside(root, path))) throw notAllowed(path, roots, this.#trustsClient);
  }

  /**
   * Resolves `path` (relative paths against the first root) to the real path of an existing
   * directory under an allowed root, or throws a CodebaseError saying what to do.
   */
  async resolveDirectory(path: string): Promise<string> {
    const roots = await this.list();
    const abs = isAbsolute(path) ? resolve(path) : resolve(roots[0] ?? sep, path);
    let real: string;
    try {
      real = await realpath(abs);
    } catch {
      throw new CodebaseError('PATH_NOT_FOUND', `Directory ${abs} does not exist on the server.`, {
        hint: 'Pass the absolute path of a repository checkout that this server can see.',
        details: { path: abs },
      });
    }
    if (!roots.some((root) => isInside(root, real))) throw notAllowed(real, roots, this.#trustsClient);
    if (!(await stat(real)).isDirectory()) {
      throw new CodebaseError('NOT_A_DIRECTORY', `${real} is a file, not a directory.`, {
        hint: 'Pass the root directory of the repository.',
      });
    }
    return real;
  }
}

/**
 * Roots the client announces apply at once (when trusted); CODEBASE_MCP_ROOTS is read when the
 * server starts.
 */
function notAllowed(path: string, roots: readonly string[], trustsClient: boolean): CodebaseError {
  const fix = trustsClient
    ? 'Add the directory to the roots of your MCP client (it applies without a restart), or to CODEBASE_MCP_ROOTS and restart the server.'
    : 'Add the directory to CODEBASE_MCP_ROOTS and restart the server (roots announced by clients are not used over HTTP).';
  return new CodebaseError('PATH_NOT_ALLOWED', `${path} is outside the directories this server may access.`, {
    hint: `Allowed roots: ${roots.join(', ') || '(none)'}. ${fix}`,
    details: { path, roots },
  });
}

/** True when `path` is `root` or below it. Both must be absolute and normalised. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel));
}
