/**
 * A small tree of errors with stable codes. Each carries what a user needs to fix the problem
 * (`details`) and a `hint` phrased as an action.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'PATH_NOT_FOUND'
  | 'NOT_A_DIRECTORY'
  | 'PATH_NOT_ALLOWED'
  | 'EMPTY_REPOSITORY'
  | 'REPOSITORY_NOT_FOUND'
  | 'NOT_INDEXED'
  | 'INVALID_GLOB'
  | 'INVALID_ARGUMENT'
  | 'STORE_UNAVAILABLE'
  | 'STORE_LOCKED'
  | 'STORE_ERROR'
  | 'MIGRATION_FAILED'
  | 'EXTENSION_MISSING'
  | 'EMBEDDING_FAILED'
  | 'EMBEDDING_MODEL_MISMATCH'
  | 'INDEXING_FAILED'
  | 'JOB_NOT_FOUND'
  | 'CANCELLED';

export class CodebaseError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { hint?: string; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
    this.details = Object.freeze({ ...options.details });
  }

  /** One line for a human: the message, then the hint. */
  toUserMessage(): string {
    return this.hint ? `${this.message} ${this.hint}` : this.message;
  }
}

export class ConfigError extends CodebaseError {
  constructor(message: string, options: { hint?: string; details?: Record<string, unknown> } = {}) {
    super('CONFIG_INVALID', message, options);
  }
}

export class StoreError extends CodebaseError {}
export class EmbeddingError extends CodebaseError {}
export class IndexingError extends CodebaseError {}
export class SearchError extends CodebaseError {}

/** Turns anything thrown into one readable line, never a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof CodebaseError) return error.toUserMessage();
  if (error instanceof Error) return error.message;
  return String(error);
}
