/**
 * Path-level rules for one directory entry: built-in excludes, ignore files, the include filter,
 * the size limit. Each rejection is recorded in the scan's skipped list.
 */
import type { Stats } from 'node:fs';
import { defaultDirectoryExclusion, defaultFileExclusion } from './default-excludes.js';
import type { DefaultExclusion } from './default-excludes.js';
import { isReincluded, testIgnored } from './ignore-rules.js';
import type { IgnoreScope } from './ignore-rules.js';
import { skip } from './walk-state.js';
import { changeTimeMs } from './types.js';
import type { DirFrame, WalkState } from './walk-state.js';

/** Decides whether a directory is walked; returns its frame, or null after recording the skip. */
export function enterDirectory(
  state: WalkState,
  parent: DirFrame,
  scope: IgnoreScope,
  name: string,
  rel: string,
  abs: string,
  siblings: readonly string[],
): DirFrame | null {
  let exclusion = defaultDirectoryExclusion(name, { siblings, atRoot: parent.rel === '' });
  // An include glob that names the directory (`build/**`) asks for it: only hard excludes stay.
  if (exclusion !== null && !exclusion.hard && state.include?.names(rel)) exclusion = null;
  if (!admit(state, scope, rel + '/', rel, true, exclusion)) return null;
  const included = parent.included || state.include === null || state.include.test(rel);
  return { abs, rel, scope, included, viaSymlink: parent.viaSymlink };
}

/**
 * Path-level checks of a non-directory entry: built-in excludes, ignore files, the include
 * filter. `problem` is set for entries that are not regular files (FIFOs, sockets, devices).
 */
export function admitFile(
  state: WalkState,
  frame: DirFrame,
  scope: IgnoreScope,
  name: string,
  rel: string,
  problem: string | null,
  targetName?: string,
): boolean {
  let exclusion = defaultFileExclusion(name);
  if (exclusion === null && targetName !== undefined) exclusion = defaultFileExclusion(targetName);
  if (!admit(state, scope, rel, rel, false, exclusion)) return false;
  if (!frame.included && state.include !== null && !state.include.test(rel)) {
    skip(state, rel, 'not-matching-filter');
    return false;
  }
  if (problem !== null) {
    skip(state, rel, 'unreadable', problem);
    return false;
  }
  return true;
}

function admit(
  state: WalkState,
  scope: IgnoreScope,
  label: string,
  rel: string,
  isDir: boolean,
  exclusion: DefaultExclusion | null,
): boolean {
  if (exclusion?.hard) {
    skip(state, label, exclusion.reason, exclusion.detail);
    return false;
  }
  const verdict = testIgnored(scope, rel, isDir);
  if (verdict.ignored) {
    skip(state, label, 'ignored', verdict.rule);
    return false;
  }
  if (exclusion !== null && !isReincluded(scope, rel, isDir)) {
    skip(state, label, exclusion.reason, exclusion.detail);
    return false;
  }
  return true;
}

export function addCandidate(
  state: WalkState,
  rel: string,
  abs: string,
  info: Stats,
  viaSymlink: boolean,
): void {
  if (!info.isFile()) {
    skip(state, rel, 'unreadable', 'not a regular file');
  } else if (info.size > state.maxFileBytes) {
    skip(state, rel, 'too-large', `${info.size} bytes > limit of ${state.maxFileBytes} bytes`);
  } else {
    state.candidates.push({
      path: rel,
      absPath: abs,
      size: info.size,
      changedMs: changeTimeMs(info),
      viaSymlink,
    });
  }
}
