/**
 * Turns a definition forest into chunks. Definitions that fit stay whole; oversized ones split at
 * their child definitions (header and fields keep the container's kind and symbol) or, without
 * children, into line windows cut at statement starts. Code between definitions (imports,
 * constants, module-level statements) is merged into `code` chunks up to the size limit, so no
 * non-blank line is ever left out.
 */
import type { Chunk, ChunkKind } from '../core/index.js';
import { CLASS_LIKE } from './definitions.js';
import type { Definition } from './definitions.js';
import { fits, splitRows } from './lines.js';
import type { LineTable, SizeLimits } from './lines.js';

/** Size rules of syntax-aware chunking. */
export interface SegmentOptions extends SizeLimits {
  /** Constants/variables shorter than this merge with neighbouring code; shorter tails join the piece before. */
  readonly minLines: number;
}

interface Owner {
  readonly kind: ChunkKind;
  readonly symbol: string | null;
  /** Preferred cut rows for code that belongs to the owner. */
  readonly rows: () => readonly number[];
}

type Piece =
  | { readonly def: Definition; start: number; end: number }
  | { readonly def: null; start: number; end: number };

const MERGEABLE = new Set<ChunkKind>(['constant', 'variable']);
/** Containers whose short type members are associated types, not definitions looked up alone. */
const MEMBER_TYPE_OWNERS = new Set<ChunkKind>(['impl', 'trait']);
/** Lines that only close something: `}`, `};`, `end`, Objective-C's `@end`, `)`, `esac`… */
const CLOSING = /^\s*(?:[}\])>;,]+|@?end|fi|done|esac|\*\/)?[\s;,}\])]*$/;

export class Segmenter {
  constructor(
    private readonly table: LineTable,
    private readonly options: SegmentOptions,
  ) {}

  /** Chunks for rows a..b holding `defs`; code outside them belongs to `owner`. */
  emit(a: number, b: number, defs: readonly Definition[], owner: Owner, out: Chunk[]): void {
    let pieces = this.pieces(a, b, defs);
    if (owner.kind !== 'code') pieces = this.absorbShortGaps(pieces, owner.kind);
    let group: Piece[] = [];
    const flush = () => {
      if (group.length > 0) this.emitGroup(group, owner, out);
      group = [];
    };
    for (const piece of pieces) {
      if (piece.def === null || this.mergeable(piece, owner.kind)) {
        if (group.length > 0 && !fits(this.table, group[0]!.start, piece.end, this.options)) flush();
        group.push(piece);
        continue;
      }
      flush();
      this.emitDefinition(piece.def, piece.start, piece.end, out);
    }
    flush();
  }

  /**
   * Short constants and variables merge with their neighbours; so do short associated types (Rust's
   * `type Error = Error;` in an impl), and any short member of a value (a Lua table's one-line
   * `E = function() … end` entries), which is one entry among others.
   */
  private mergeable(piece: Piece, owner: ChunkKind): boolean {
    return (
      piece.def !== null &&
      (MERGEABLE.has(piece.def.kind) ||
        MERGEABLE.has(owner) ||
        (piece.def.kind === 'type' && MEMBER_TYPE_OWNERS.has(owner))) &&
      piece.end - piece.start + 1 < this.options.minLines
    );
  }

  /** Definitions and the code between them, in order, without overlaps; closing-only code joins a neighbour. */
  private pieces(a: number, b: number, defs: readonly Definition[]): Piece[] {
    const pieces: Piece[] = [];
    let cursor = a;
    const gap = (s: number, e: number) => {
      const fs = this.table.firstContent(s, e);
      if (fs >= 0) pieces.push({ def: null, start: fs, end: this.table.lastContent(s, e) });
    };
    for (const def of defs) {
      const start = Math.max(def.start, cursor);
      const end = Math.min(def.end, b);
      if (start > end) continue; // shares its only line with the previous definition: already covered
      gap(cursor, start - 1);
      pieces.push({ def, start, end });
      cursor = end + 1;
    }
    gap(cursor, b);

    const merged: Piece[] = [];
    for (const piece of pieces) {
      const prev = merged[merged.length - 1];
      if (piece.def === null && prev && this.closingOnly(piece)) {
        prev.end = piece.end;
        continue;
      }
      if (prev && prev.def === null && this.closingOnly(prev) && merged.length === 1) {
        piece.start = prev.start;
        merged.pop();
      }
      merged.push(piece);
    }
    return merged;
  }

  /**
   * Inside a split definition, a few lines between two members (`// End constructors`, a lone field)
   * would be a chunk of their own with the container's symbol, which outranks the container's real
   * start for a query naming it. They join the next member (or the one before, at the end) when the
   * result still fits. The header before the first member stays: it is that real start.
   */
  private absorbShortGaps(pieces: Piece[], owner: ChunkKind): Piece[] {
    const out: Piece[] = [];
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      const prev = out[out.length - 1];
      const next = pieces[i + 1];
      const short = piece.def === null && piece.end - piece.start + 1 < this.options.minLines;
      if (short && prev?.def) {
        if (
          next?.def &&
          !this.mergeable(next, owner) &&
          fits(this.table, piece.start, next.end, this.options)
        ) {
          next.start = piece.start;
          continue;
        }
        if (!this.mergeable(prev, owner) && fits(this.table, prev.start, piece.end, this.options)) {
          prev.end = piece.end;
          continue;
        }
      }
      out.push(piece);
    }
    return out;
  }

  private closingOnly(piece: Piece): boolean {
    for (let r = piece.start; r <= piece.end; r++) if (!CLOSING.test(this.table.lines[r] ?? '')) return false;
    return true;
  }

  private emitGroup(group: readonly Piece[], owner: Owner, out: Chunk[]): void {
    const start = group[0]!.start;
    const end = group[group.length - 1]!.end;
    const defs = group.filter((p) => p.def !== null);
    let kind: ChunkKind = owner.kind;
    let symbol = owner.symbol;
    if (group.length === 1 && defs.length === 1) {
      kind = defs[0]!.def!.kind;
      symbol = defs[0]!.def!.symbol;
    } else if (defs.length === 1 && owner.symbol === null) {
      symbol = defs[0]!.def!.symbol;
    }
    if (fits(this.table, start, end, this.options)) {
      out.push(this.table.chunk(start, end, kind, symbol));
      return;
    }
    for (const [s, e] of splitRows(
      this.table,
      start,
      end,
      this.options,
      owner.rows(),
      this.options.minLines,
    )) {
      out.push(this.table.chunk(s, e, kind, symbol));
    }
  }

  private emitDefinition(def: Definition, start: number, end: number, out: Chunk[]): void {
    const named = wrapped(def);
    // A namespace holding several types is no unit of meaning: its types are chunked one by one.
    const transparent = named.kind === 'namespace' && named.children.length > 1;
    if (!transparent && fits(this.table, start, end, this.options)) {
      out.push(this.table.chunk(start, end, named.kind, named.symbol));
      return;
    }
    if (def.children.length > 0) {
      this.emit(start, end, def.children, { kind: def.kind, symbol: def.symbol, rows: def.rows }, out);
      return;
    }
    const header = def.header;
    const from = this.headerPiece(start, Math.min(header, end));
    const doc = from > start ? splitRows(this.table, start, from - 1, this.options) : [];
    // A cut right above the header would leave its doc comment a piece of its own.
    const rows = def.rows().filter((r) => r > header);
    for (const [s, e] of [
      ...doc,
      ...splitRows(this.table, from, end, this.options, rows, this.options.minLines),
    ]) {
      out.push(this.table.chunk(s, e, def.kind, def.symbol));
    }
  }

  /**
   * First row of the piece holding a split definition's header (on row `header`, below its leading
   * doc comment from `start`). A doc comment that fits a chunk starts it; a longer one (Neovim's
   * LuaDoc of every option) would fill whole pieces and leave the header its last lines only, so
   * the header takes the end of it, up to half a chunk, and its beginning goes to pieces of its own.
   */
  private headerPiece(start: number, header: number): number {
    if (header <= start || fits(this.table, start, header - 1, this.options)) return start;
    const half = {
      maxLines: Math.floor(this.options.maxLines / 2),
      maxChars: Math.floor(this.options.maxChars / 2),
    };
    let from = header;
    while (from > start && fits(this.table, from - 1, header - 1, half)) from--;
    return from - start < this.options.minLines ? start : from;
  }
}

/** Kinds that name a type or a container of definitions. */
const TYPE_KINDS: ReadonlySet<ChunkKind> = new Set([...CLASS_LIKE, 'type', 'module', 'namespace']);

/**
 * `namespace Acme.Io { class Reader {…} }`, `module Hashie; class Clash …`: a namespace that wraps
 * one definition, or a module that wraps one type, is named (and kinded) after it, so a file kept
 * whole still answers to its type's name. A module of one function (Elixir's `defmodule` with one
 * `def`) keeps the module's name: that is what its users call it by.
 */
function wrapped(def: Definition): Definition {
  let d = def;
  while (
    d.children.length === 1 &&
    (d.kind === 'namespace' || (d.kind === 'module' && TYPE_KINDS.has(d.children[0]!.kind)))
  )
    d = d.children[0]!;
  return d;
}
