/**
 * Turns driver errors into StoreErrors that carry the failing SQL (never its parameters) and a
 * hint. Both drivers surface PostgreSQL's SQLSTATE as `code`.
 */
import { StoreError } from '../../core/index.js';

interface DriverErrorShape {
  readonly code?: unknown;
  readonly message?: unknown;
}

/** The SQLSTATE of a PostgreSQL error from either driver, if it has one. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as DriverErrorShape | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** First line of a statement, trimmed, so details stay readable. */
export function summarizeSql(sql: string): string {
  const compact = sql.replace(/\s+/g, ' ').trim();
  return compact.length > 240 ? compact.slice(0, 237) + '...' : compact;
}

/** Wraps anything a driver threw while running `sql`. StoreErrors pass through unchanged. */
export function wrapQueryError(error: unknown, sql: string): StoreError {
  if (error instanceof StoreError) return error;
  const state = sqlState(error);
  const message = error instanceof Error ? error.message : String(error);
  const details = { sql: summarizeSql(sql), sqlState: state ?? null };
  if (state === '2201B') {
    return new StoreError('INVALID_ARGUMENT', `Invalid regular expression: ${message}`, {
      details,
      hint: 'Check the path filter; it must be a valid glob.',
      cause: error,
    });
  }
  if (state === '57014') {
    return new StoreError('STORE_ERROR', `The database cancelled a statement that ran too long: ${message}`, {
      details,
      hint: 'Raise the statement timeout, or narrow the query.',
      cause: error,
    });
  }
  if (state?.startsWith('08') || state === '57P01' || state === '57P03') {
    return new StoreError('STORE_UNAVAILABLE', `Lost the connection to the database: ${message}`, {
      details,
      hint: 'Check that the database server is running and reachable.',
      cause: error,
    });
  }
  return new StoreError('STORE_ERROR', `Database error: ${message}`, { details, cause: error });
}
