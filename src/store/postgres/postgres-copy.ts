/**
 * `COPY … FROM STDIN` for node-postgres without another dependency: a submittable query (the
 * interface `client.query(submittable)` drives, as pg-copy-streams does) that sends one buffer as
 * the copy data. Used for binary COPY of vectors, 10–25× faster than float text
 * (docs/notes/vectors.md).
 */

/** The part of node-postgres' Connection a COPY needs. */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** What node-postgres' `Client.query` accepts besides text: anything with `submit`. */
export interface CopyTarget {
  query(submittable: CopyFromQuery): unknown;
}

export class CopyFromQuery {
  readonly done: Promise<void>;
  #resolve!: () => void;
  #reject!: (error: unknown) => void;
  #failed = false;

  constructor(
    readonly text: string,
    private readonly data: Uint8Array,
  ) {
    this.done = new Promise<void>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    connection.sendCopyFromChunk(Buffer.from(this.data.buffer, this.data.byteOffset, this.data.byteLength));
    connection.endCopyFrom();
  }

  handleError(error: unknown): void {
    this.#failed = true;
    this.#reject(error);
  }

  handleReadyForQuery(): void {
    if (!this.#failed) this.#resolve();
  }

  handleCommandComplete(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/** Runs `sql` (a `COPY … FROM STDIN`) on one client with `data` as the input. */
export async function copyFrom(client: CopyTarget, sql: string, data: Uint8Array): Promise<void> {
  const query = new CopyFromQuery(sql, data);
  client.query(query);
  await query.done;
}
