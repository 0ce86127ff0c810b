/**
 * Content checks on raw bytes: binary detection, decoding that never throws, private keys and
 * minified/generated text.
 */
import { TextDecoder } from 'node:util';
import type { Language } from '../core/index.js';

/** How many leading bytes the binary check looks at (git and ripgrep use the same window). */
export const BINARY_SNIFF_BYTES = 8 * 1024;
/** Above this share of control characters in the sniffed window, a file is binary. */
const CONTROL_RATIO = 0.1;

type Bom = 'utf-8' | 'utf-16le' | 'utf-16be' | null;

function bomOf(bytes: Uint8Array): Bom {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * True when the bytes look binary: a NUL byte in the first 8 KiB, or more than 10% control
 * characters there (tab, newlines, form feed and escape do not count). UTF-16 text with a byte
 * order mark is text, even though it is full of NUL bytes.
 */
export function isBinary(bytes: Uint8Array): boolean {
  const bom = bomOf(bytes);
  if (bom === 'utf-16le' || bom === 'utf-16be') return false;
  const end = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < end; i++) {
    const byte = bytes[i] as number;
    if (byte === 0) return true;
    // 0x09-0x0d: \t \n \v \f \r; 0x1b: ESC (ANSI colours in logs).
    if ((byte < 0x20 && (byte < 0x09 || byte > 0x0d) && byte !== 0x1b) || byte === 0x7f) control++;
  }
  return end > 0 && control / end > CONTROL_RATIO;
}

let fatalUtf8: TextDecoder | undefined;

/**
 * Decodes file bytes to a string, never throwing: UTF-8 (BOM stripped) when valid, UTF-16 LE/BE
 * when a byte order mark says so, otherwise the encoding the file declares at its top (`# -*-
 * coding: cp932 -*-`, `vim: fenc=euc-jp`, `<?xml … encoding="Shift_JIS"?>`, `<meta charset=gbk>`)
 * when the platform knows it, else windows-1252 (the superset of latin1 that editors and browsers
 * assume for 8-bit text). Undeclared legacy CJK text is not guessed at: German in windows-1252 is
 * valid Shift_JIS as often as not.
 */
export function decodeText(bytes: Uint8Array): string {
  const bom = bomOf(bytes);
  if (bom === 'utf-16le' || bom === 'utf-16be') {
    return new TextDecoder(bom, { ignoreBOM: false }).decode(bytes);
  }
  const body = bom === 'utf-8' ? bytes.subarray(3) : bytes;
  fatalUtf8 ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    return fatalUtf8.decode(body);
  } catch {
    return declaredDecoder(body)?.decode(body) ?? decodeWindows1252(body);
  }
}

/** Where an encoding declaration may be: the first lines of a file (PEP 263 allows two). */
const DECLARATION_BYTES = 1024;
const DECLARATION = /(?:coding[:=]|\bfenc=|\bcharset=)[ \t]*["']?([A-Za-z][-\w]*)/;
/** Python and Emacs names that are not WHATWG labels. */
const ENCODING_ALIASES: Readonly<Record<string, string>> = {
  cp932: 'shift_jis',
  'shift-jis': 'shift_jis',
  'japanese-shift-jis': 'shift_jis',
  'euc-japan': 'euc-jp',
  eucjp: 'euc-jp',
  ujis: 'euc-jp',
  'japanese-iso-8bit': 'euc-jp',
  cp936: 'gbk',
  cp949: 'euc-kr',
  cp950: 'big5',
  'latin-1': 'latin1',
};

/** A decoder for the legacy encoding the text declares near its top, if the platform has one. */
function declaredDecoder(bytes: Uint8Array): TextDecoder | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, DECLARATION_BYTES));
  const found = DECLARATION.exec(head.toString('latin1'));
  if (!found) return undefined;
  const name = found[1]!.toLowerCase().replace(/-(?:unix|dos|mac)$/, '');
  for (const label of [ENCODING_ALIASES[name], name, name.replace(/_/g, '-')]) {
    if (!label) continue;
    try {
      const decoder = new TextDecoder(label);
      // A file that declares UTF-8 but is not: the windows-1252 reading keeps every byte. A declaration
      // readable as ASCII is no UTF-16 text, whatever it says.
      return decoder.encoding === 'utf-8' || decoder.encoding.startsWith('utf-16') ? undefined : decoder;
    } catch {
      // not a label this platform decodes
    }
  }
  return undefined;
}

/** windows-1252 code points of bytes 0x80-0x9f (the five unassigned ones map to themselves). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

/** Node's TextDecoder treats windows-1252 as ISO-8859-1 in some versions; this table does not. */
function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) =>
    String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80] as number),
  );
}

const PRIVATE_KEY = /^\s*-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;

/** True when the text is a PEM/OpenSSH/PGP private key (it starts with `-----BEGIN … PRIVATE KEY`). */
export function isPrivateKey(text: string): boolean {
  return PRIVATE_KEY.test(text.slice(0, 256));
}

/** Lines longer than this make a file minified/generated, whatever its average. */
export const MAX_LINE_CHARS = 5000;
/** An average line length above this (in files of at least 2 KiB) makes it minified. */
export const MAX_AVERAGE_LINE_CHARS = 300;
const MIN_SIZE_FOR_AVERAGE = 2048;

/** Prose and plain text may have long paragraphs on one line; they are not checked. */
const PROSE: ReadonlySet<Language> = new Set<Language>(['markdown', 'text']);

/**
 * Returns a detail such as `minified (longest line 48213 chars)` when the text looks minified or
 * machine-generated on one line, or null. Markdown and plain text are never flagged.
 */
export function minifiedDetail(text: string, language: Language): string | null {
  if (PROSE.has(language) || text.length <= MAX_AVERAGE_LINE_CHARS) return null;
  let lines = 0;
  let longest = 0;
  let start = 0;
  for (;;) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    longest = Math.max(longest, end - start);
    lines++;
    if (newline === -1) break;
    start = newline + 1;
  }
  if (longest > MAX_LINE_CHARS) return `minified (longest line ${longest} chars)`;
  const average = text.length / lines;
  if (text.length >= MIN_SIZE_FOR_AVERAGE && average > MAX_AVERAGE_LINE_CHARS) {
    return `minified (average line ${Math.round(average)} chars)`;
  }
  return null;
}
