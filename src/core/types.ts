/**
 * Domain types shared by every stage. Nothing here does I/O.
 */

/** Languages the product knows by name. `text` is the fallback for any other text file. */
export const LANGUAGES = [
  'typescript',
  'tsx',
  'javascript',
  'python',
  'go',
  'rust',
  'java',
  'c',
  'cpp',
  'csharp',
  'ruby',
  'php',
  'kotlin',
  'swift',
  'scala',
  'bash',
  'markdown',
  'json',
  'yaml',
  'toml',
  'html',
  'css',
  'sql',
  'lua',
  'dart',
  'elixir',
  'haskell',
  'ocaml',
  'perl',
  'r',
  'tcl',
  'objc',
  'julia',
  'matlab',
  'powershell',
  'clojure',
  'erlang',
  'protobuf',
  'vue',
  'svelte',
  'astro',
  'zig',
  'text',
] as const;
export type Language = (typeof LANGUAGES)[number];

/** What a chunk is: a syntactic definition, a markdown section, or a fallback window of lines. */
export type ChunkKind =
  | 'function'
  | 'method'
  | 'constructor'
  | 'class'
  | 'interface'
  | 'struct'
  | 'enum'
  | 'trait'
  | 'impl'
  | 'type'
  | 'module'
  | 'namespace'
  | 'constant'
  | 'variable'
  | 'macro'
  | 'code'
  | 'section'
  | 'window';

/** A chunk as the chunker produces it (before hashing and storage). Lines are 1-based, inclusive. */
export interface Chunk {
  readonly startLine: number;
  readonly endLine: number;
  readonly kind: ChunkKind;
  /** Qualified symbol name such as `Router.handle`, or null for anonymous code. */
  readonly symbol: string | null;
  readonly content: string;
}

/** A file that survived path-level filtering during the walk. */
export interface ScannedFile {
  /** Path relative to the repository root, with forward slashes. */
  readonly path: string;
  readonly absPath: string;
  readonly size: number;
  /** When the file last changed: its ctime (`changeTimeMs`), in milliseconds. */
  readonly changedMs: number;
}

/** Why a file was left out of the index. */
export type SkipReason =
  | 'ignored' // .gitignore, .git/info/exclude, .codebase-mcpignore
  | 'default-exclude' // built-in excludes: VCS, node_modules, build output, lock files, media...
  | 'secret' // .env*, keys, certificates
  | 'too-large'
  | 'binary'
  | 'symlink-outside-root'
  | 'symlink-loop'
  | 'unreadable'
  | 'not-matching-filter';

export interface SkippedFile {
  readonly path: string;
  readonly reason: SkipReason;
  readonly detail?: string;
}

/** A file that could not be processed (read, parsed, stored); the run goes on without it. */
export interface FailedFile {
  readonly path: string;
  readonly reason: string;
}

/** Status of an indexing job, as stored and reported. */
export const JOB_STATUSES = [
  'pending',
  'running',
  'completed',
  'completed_with_errors',
  'failed',
  'cancelled',
  'interrupted',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export type JobPhase = 'queued' | 'scanning' | 'indexing' | 'embedding' | 'finalizing' | 'done';
