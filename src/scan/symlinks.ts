/**
 * Symbolic links: resolved with realpath, never followed outside the root or into version-control
 * metadata; links to directories are deferred so each real directory is walked once.
 */
import type { Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { isInsideVcsDirectory } from './default-excludes.js';
import { addCandidate, admitFile, enterDirectory } from './entry-rules.js';
import type { IgnoreScope } from './ignore-rules.js';
import { errnoOf, isInside, relFromRoot, skip } from './walk-state.js';
import type { DirFrame, WalkState } from './walk-state.js';

/**
 * Resolves a symbolic link: files are admitted like files, directories deferred, the rest skipped.
 * `siblings` are the names in the link's directory.
 */
export async function visitSymlink(
  state: WalkState,
  frame: DirFrame,
  scope: IgnoreScope,
  rel: string,
  abs: string,
  siblings: readonly string[],
): Promise<void> {
  let target: string;
  let info: Stats;
  try {
    target = await state.limiter.run(() => realpath(abs));
    info = await state.limiter.run(() => stat(target));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') skip(state, rel, 'symlink-loop', 'the links form a cycle (ELOOP)');
    else if (code === 'ENOENT')
      skip(state, rel, 'unreadable', 'broken symbolic link (target does not exist)');
    else skip(state, rel, 'unreadable', errnoOf(error));
    return;
  }
  if (!isInside(target, state.rootReal)) {
    skip(state, rel, 'symlink-outside-root', `points to ${target}`);
    return;
  }
  if (isInsideVcsDirectory(relFromRoot(state, target))) {
    skip(state, rel, 'default-exclude', 'version control (symbolic link)');
    return;
  }
  if (info.isDirectory()) {
    const child = enterDirectory(state, frame, scope, basename(rel), rel, target, siblings);
    if (child === null) return;
    if (frame.abs === target || isInside(frame.abs, target)) {
      skip(state, rel + '/', 'symlink-loop', `points to its own ancestor ${relFromRoot(state, target)}/`);
      return;
    }
    state.deferred.push({ ...child, viaSymlink: true });
    return;
  }
  const problem = info.isFile() ? null : 'not a regular file';
  if (admitFile(state, frame, scope, basename(rel), rel, problem, basename(target))) {
    addCandidate(state, rel, target, info, true);
  }
}
