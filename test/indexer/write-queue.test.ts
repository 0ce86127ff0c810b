import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskWindow } from '../../src/indexer/task-window.js';
import { WriteQueue } from '../../src/indexer/write-queue.js';
import { openStore, termVector, type FileWrite, type Store } from '../../src/store/index.js';

let store: Store;
let n = 0;
beforeAll(async () => {
  store = await openStore({ url: 'memory://' });
});
afterAll(async () => {
  await store.close();
});

const file = (i: number, chunks = 1): FileWrite => ({
  path: `src/f${i}.ts`,
  hash: `h${i}`,
  size: 10,
  changedMs: 1,
  language: 'typescript',
  chunks: Array.from({ length: chunks }, (_, c) => ({
    startLine: c + 1,
    endLine: c + 1,
    kind: 'function' as const,
    symbol: null,
    content: `token${i} shared`,
    hash: `c${i}-${c}`,
    length: 2,
    terms: termVector([
      { term: `token${i}`, tf: 1 },
      { term: 'shared', tf: 1 },
    ]),
  })),
});

/** The real store, recording each batch's size; `gate` holds writes back until it resolves. */
function recording(gate?: Promise<void>): { store: Store; batches: number[]; committed: number[] } {
  const batches: number[] = [];
  const committed: number[] = [];
  const wrapped = Object.create(store) as Store;
  wrapped.writeFiles = async (repositoryId, files) => {
    batches.push(files.length);
    await gate;
    await store.writeFiles(repositoryId, files);
    committed.push(files.length);
  };
  return { store: wrapped, batches, committed };
}

async function repository(): Promise<number> {
  const project = await store.getOrCreateProject(`queue${++n}`);
  return (await store.getOrCreateRepository(project.id, `/queue${n}`)).id;
}

describe('WriteQueue', () => {
  it('writes batches that start small and double up to the largest size, and every file lands', async () => {
    const id = await repository();
    const rec = recording();
    const queue = new WriteQueue(rec.store, id, {
      firstFiles: 3,
      maxFiles: 20,
      firstChunks: 1000,
      maxChunks: 1000,
    });
    for (let i = 0; i < 60; i++) await queue.add(file(i));
    await queue.drain();
    expect(rec.batches).toEqual([3, 6, 12, 20, 19]);
    expect((await store.getRepository(id))!.chunkCount).toBe(60);
    expect(await store.listFiles(id)).toHaveLength(60);
  });

  it('closes a batch early when it holds enough chunks', async () => {
    const id = await repository();
    const rec = recording();
    const queue = new WriteQueue(rec.store, id, {
      firstFiles: 100,
      maxFiles: 100,
      firstChunks: 10,
      maxChunks: 10,
    });
    for (let i = 0; i < 6; i++) await queue.add(file(i, 4));
    await queue.drain();
    expect(rec.batches).toEqual([3, 3]);
  });

  it('keeps accepting files while a batch is written, and holds the caller back only when the next batch is full too', async () => {
    const id = await repository();
    let open!: () => void;
    const rec = recording(new Promise<void>((resolve) => (open = resolve)));
    const queue = new WriteQueue(rec.store, id, {
      firstFiles: 2,
      maxFiles: 2,
      firstChunks: 100,
      maxChunks: 100,
    });
    await queue.add(file(0));
    await queue.add(file(1)); // batch 1 is being written (held at the gate) ...
    await queue.add(file(2));
    let held = true;
    const fourth = queue.add(file(3)).then(() => (held = false)); // ... batch 2 is full: wait
    await new Promise((resolve) => setImmediate(resolve));
    expect(rec.committed).toEqual([]);
    expect(held).toBe(true);
    open();
    await fourth;
    expect(rec.committed.length).toBeGreaterThanOrEqual(1);
    await queue.drain();
    expect(rec.committed).toEqual([2, 2]);
  });

  it('stops writing after a failed write and reports the failure when drained', async () => {
    const queue = new WriteQueue(store, 987_654, {
      firstFiles: 1,
      maxFiles: 1,
      firstChunks: 10,
      maxChunks: 10,
    });
    await queue.add(file(0)); // no such repository: the write fails ...
    await queue.add(file(1)); // ... and add never rejects
    await expect(queue.drain()).rejects.toThrow();
    expect(queue.failed).toBe(true);
  });
});

describe('TaskWindow', () => {
  it('keeps at most `limit` tasks in flight and waits for all of them', async () => {
    const window = new TaskWindow(3);
    let active = 0;
    let peak = 0;
    let done = 0;
    const task = async () => {
      peak = Math.max(peak, ++active);
      await new Promise((resolve) => setImmediate(resolve));
      active--;
      done++;
    };
    for (let i = 0; i < 20; i++) await window.add(task());
    await window.idle();
    expect(peak).toBe(3);
    expect(done).toBe(20);
  });

  it('also stops adding once the weights in flight reach the weight limit', async () => {
    const window = new TaskWindow(100, 10);
    const finishers: (() => void)[] = [];
    const started: number[] = [];
    const add = async (weight: number) => {
      started.push(weight);
      await window.add(new Promise<void>((resolve) => finishers.push(resolve)), weight);
    };
    await add(4);
    await add(4);
    let third = false;
    const adding = add(4).then(() => (third = true)); // 12 ≥ 10: waits until one settles
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([4, 4, 4]);
    expect(third).toBe(false);
    finishers[0]!();
    await adding;
    expect(third).toBe(true);
    // A single task heavier than the limit still runs, alone.
    const heavy = new TaskWindow(100, 10);
    let done = false;
    const heavyAdded = heavy.add(
      new Promise<void>((resolve) => setImmediate(resolve)).then(() => void (done = true)),
      50,
    );
    await heavyAdded;
    expect(done).toBe(true);
    for (const finish of finishers) finish();
    await window.idle();
  });

  it('stops waiting for the tasks in flight when the signal aborts', async () => {
    const window = new TaskWindow(10);
    await window.add(new Promise<void>(() => {})); // never settles
    const controller = new AbortController();
    const idle = window.idle(controller.signal);
    let returned = false;
    void idle.then(() => (returned = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(returned).toBe(false);
    controller.abort();
    await idle;
    expect(returned).toBe(true);
  });

  it('rethrows the first failure once the others have finished', async () => {
    const window = new TaskWindow(2);
    await window.add(Promise.reject(new Error('first')));
    await window.add(Promise.reject(new Error('second')));
    expect(window.failed).toBe(true);
    await expect(window.idle()).rejects.toThrow('first');
  });
});
