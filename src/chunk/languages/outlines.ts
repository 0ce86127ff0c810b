/**
 * Languages the image carries no grammar for, chunked by definition-line patterns
 * (src/chunk/outline.ts). Each table names what a reader would look a definition up by.
 */
import type { Language } from '../../core/index.js';
import type { OutlineSpec } from '../outline.js';
import { clojure, erlang, julia, matlab, perl, powershell, r, tcl } from './outlines-dynamic.js';
import { dart, objc, ocaml, protobuf, sql } from './outlines-static.js';

/** Languages chunked by line patterns; any other language without a grammar is windowed. */
export const OUTLINE_SPECS: Readonly<Partial<Record<Language, OutlineSpec>>> = Object.freeze({
  perl,
  tcl,
  r,
  sql,
  ocaml,
  dart,
  objc,
  julia,
  matlab,
  powershell,
  clojure,
  erlang,
  protobuf,
});
