/**
 * The directory walk: reads each directory once, applies ignore files and built-in excludes to
 * every entry, stats candidate files, and defers symbolic links to directories so that each real
 * directory is walked at most once, in a deterministic order.
 */
import { lstatSync } from 'node:fs';
import type { Dirent, Stats } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { isVirtualenvListing } from './default-excludes.js';
import { addCandidate, admitFile, enterDirectory } from './entry-rules.js';
import { GITIGNORE, MCPIGNORE, readIgnoreFiles } from './ignore-files.js';
import { extendScope, isReincluded } from './ignore-rules.js';
import type { IgnoreFileContent, IgnoreScope } from './ignore-rules.js';
import { visitSymlink } from './symlinks.js';
import { cancelled, errnoOf, relFromRoot, skip } from './walk-state.js';
import type { DirFrame, WalkState } from './walk-state.js';

const STAT_BATCH = 256;

/** Walks one directory and, concurrently, everything below it except deferred symlinked directories. */
export async function walkDirectory(state: WalkState, frame: DirFrame): Promise<void> {
  if (state.signal?.aborted) throw cancelled();
  const label = frame.rel === '' ? '.' : frame.rel + '/';
  if (state.visited.has(frame.abs)) {
    skip(
      state,
      label,
      'default-exclude',
      `same directory as ${relFromRoot(state, frame.abs)}/ (already scanned)`,
    );
    return;
  }
  state.visited.add(frame.abs);

  let entries: Dirent[];
  try {
    entries = await state.limiter.run(() => readdir(frame.abs, { withFileTypes: true }));
  } catch (error) {
    skip(state, label, 'unreadable', errnoOf(error));
    return;
  }
  state.directories++;
  const names = entries.map((entry) => entry.name);
  if (frame.rel !== '' && isVirtualenvListing(names) && !isReincluded(frame.scope, frame.rel, true)) {
    skip(state, label, 'default-exclude', 'virtualenv');
    return;
  }
  const scope = await scopeFor(state, frame, new Set(names));

  const tasks: Promise<void>[] = [];
  const files: [rel: string, abs: string][] = [];
  for (const entry of entries) {
    const rel = frame.rel === '' ? entry.name : `${frame.rel}/${entry.name}`;
    const abs = join(frame.abs, entry.name);
    if (entry.isDirectory()) {
      const child = enterDirectory(state, frame, scope, entry.name, rel, abs, names);
      if (child !== null) tasks.push(walkDirectory(state, child));
    } else if (entry.isSymbolicLink()) {
      if (!state.followSymlinks) skip(state, rel, 'default-exclude', 'symbolic link (followSymlinks is off)');
      else tasks.push(visitSymlink(state, frame, scope, rel, abs, names));
    } else if (
      admitFile(state, frame, scope, entry.name, rel, entry.isFile() ? null : 'not a regular file')
    ) {
      files.push([rel, abs]);
    }
  }
  tasks.push(statFiles(state, files, frame.viaSymlink));
  await Promise.all(tasks);
}

async function scopeFor(state: WalkState, frame: DirFrame, names: ReadonlySet<string>): Promise<IgnoreScope> {
  const originRel = (frame.scope.base + frame.rel).replace(/\/$/, '');
  const files: IgnoreFileContent[] =
    names.has(GITIGNORE) || names.has(MCPIGNORE)
      ? await state.limiter.run(() => readIgnoreFiles(frame.abs, originRel, names))
      : [];
  if (frame.rel === '' && !frame.viaSymlink && state.extraIgnore.length > 0) {
    files.push({ origin: 'extraIgnore', source: 'mcp', content: state.extraIgnore.join('\n') });
  }
  return extendScope(frame.scope, originRel, files);
}

/**
 * Stats files synchronously, yielding to the event loop every STAT_BATCH files: a thread-pool
 * round trip per file costs several times the stat itself (see docs/notes/scan.md).
 */
async function statFiles(
  state: WalkState,
  files: readonly [string, string][],
  viaSymlink: boolean,
): Promise<void> {
  for (let i = 0; i < files.length; i++) {
    if (i > 0 && i % STAT_BATCH === 0) await yieldToEventLoop();
    const [rel, abs] = files[i] as [string, string];
    let info: Stats;
    try {
      info = lstatSync(abs);
    } catch (error) {
      skip(state, rel, 'unreadable', errnoOf(error));
      continue;
    }
    addCandidate(state, rel, abs, info, viaSymlink);
  }
}
