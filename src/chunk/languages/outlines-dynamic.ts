/**
 * Line patterns of dynamic languages without a grammar in the image (src/chunk/outline.ts): Perl's
 * `sub` in its `package`, Tcl's `proc` and the methods of its classes, R's `name <- function` and
 * its class systems, Julia's and MATLAB's `function … end`, PowerShell's `function`, Clojure's
 * `(defn …)`, Erlang's function clauses.
 */
import type { OutlineSpec } from '../outline.js';
import { withoutHashComment, withoutStrings } from './outline-text.js';

export const perl: OutlineSpec = {
  headers: [
    {
      pattern: /^\s*(?:package|class)\s+(?<name>[A-Za-z_][\w:]*)(?:\s+v?[\d._]+)?\s*;/,
      kind: 'module',
      body: 'scope',
    },
    {
      pattern: /^\s*(?:package|class)\s+(?<name>[A-Za-z_][\w:]*)(?:\s+v?[\d._]+)?\s*\{/,
      kind: 'module',
      body: '{',
    },
    {
      pattern: /^\s*(?:(?:my|our|state)\s+)?(?:sub|method)\s+(?<name>[A-Za-z_][\w:']*)/,
      kind: 'function',
      body: '{',
    },
  ],
  comment: /^\s*#/,
  block: { open: /^=[a-zA-Z]/, close: /^=cut\b/ },
  end: /^__(?:END|DATA)__\s*$/,
  bracketText: withoutHashComment,
};

export const tcl: OutlineSpec = {
  headers: [
    { pattern: /^\s*namespace\s+eval\s+(?:::)?(?<name>[\w:]+)\s*\{/, kind: 'namespace', body: '{' },
    {
      pattern:
        /^\s*(?:(?:::)?itcl::|(?:::)?snit::)?(?:class|type|widget|widgetadaptor)\s+(?:::)?(?<name>[\w:]+)\s*\{/,
      kind: 'class',
      body: '{',
    },
    {
      pattern: /^\s*(?:::)?oo::(?:class\s+create|define)\s+(?:::)?(?<name>[\w:]+)/,
      kind: 'class',
      body: '{',
    },
    { pattern: /^\s*proc\s+(?:::)?(?<name>[\w:]+)/, kind: 'function', body: '{' },
    {
      pattern: /^\s*(?:(?:public|private|protected)\s+)?(?:method|typemethod)\s+(?<name>[\w:]+)/,
      kind: 'method',
      body: '{',
    },
    {
      pattern: /^\s*(?:(?:public|private|protected)\s+)?constructor(?:\s+(?<name>\w+)(?=\s))?/,
      kind: 'constructor',
      body: '{',
      naming: (m) => m.groups!['name'] ?? 'constructor',
    },
    { pattern: /^\s*destructor\b/, kind: 'method', body: '{', naming: () => 'destructor' },
  ],
  comment: /^\s*#/,
  // Tcl counts every brace that is not escaped, in strings and comments too: so does this.
  bracketText: (line) => line.replace(/\\./g, ''),
};

const R_ASSIGN = String.raw`\s*(?:<<?-|=)\s*`;

export const r: OutlineSpec = {
  headers: [
    {
      pattern: new RegExp(String.raw`^\s*(?<name>[\w.]+)${R_ASSIGN}(?:R6::)?(?:R6Class|ggproto|proto)\s*\(`),
      kind: 'class',
      body: '(',
    },
    {
      pattern: new RegExp(
        String.raw`^\s*(?:[\w.]+${R_ASSIGN})?(?:setClass|setRefClass)\s*\(\s*["'](?<name>[\w.]+)`,
      ),
      kind: 'class',
      body: '(',
    },
    { pattern: /^\s*(?:setGeneric|setMethod)\s*\(\s*["'](?<name>[\w.<-]+)/, kind: 'function', body: '(' },
    {
      pattern: new RegExp(String.raw`^\s*(?<name>[\w.]+|\x60[^\x60]+\x60)${R_ASSIGN}function\s*\(`),
      kind: 'function',
      body: '{',
    },
  ],
  comment: /^\s*#/,
  bracketText: withoutHashComment,
};

/** A Julia or MATLAB body closes with `end` at the header's indentation (`'indent'`). */
export const julia: OutlineSpec = {
  headers: [
    { pattern: /^\s*(?:bare)?module\s+(?<name>\w+)/, kind: 'module', body: 'indent' },
    {
      pattern: /^\s*(?:mutable\s+)?struct\s+(?<name>\w+)|^\s*abstract\s+type\s+(?<type>\w+)/,
      kind: 'struct',
      body: 'indent',
    },
    {
      pattern: /^\s*(?:function|macro)\s+(?:[\w.]+\.)?(?<name>[\w!]+|\([^)]*\))/,
      kind: 'function',
      body: 'indent',
    },
    // Short form at the top level: `area(c::Circle) = π * c.r^2`.
    {
      pattern: /^(?<name>[A-Za-z_][\w!]*)(?:\{[^}]*\})?\([^)]*\)\s*(?:where\s.*)?=(?![=>])/,
      kind: 'function',
      body: 'indent',
    },
  ],
  comment: /^\s*#(?!=)/,
  block: { open: /^\s*#=/, close: /=#/ },
};

export const matlab: OutlineSpec = {
  headers: [
    { pattern: /^\s*classdef\s+(?:\([^)]*\)\s*)?(?<name>\w+)/, kind: 'class', body: 'indent' },
    {
      pattern: /^\s*function\s+(?:\[[^\]]*\]\s*=\s*|\w+\s*=\s*)?(?:(?:get|set)\.)?(?<name>[\w.]+)/,
      kind: 'function',
      body: 'indent',
    },
  ],
  comment: /^\s*%(?!\{)/,
  block: { open: /^\s*%\{\s*$/, close: /^\s*%\}\s*$/ },
};

export const powershell: OutlineSpec = {
  headers: [
    { pattern: /^\s*class\s+(?<name>\w+)/i, kind: 'class', body: '{' },
    { pattern: /^\s*enum\s+(?<name>\w+)/i, kind: 'enum', body: '{' },
    {
      pattern: /^\s*(?:function|filter|workflow)\s+(?:(?:global|script|private):)?(?<name>[\w-]+)/i,
      kind: 'function',
      body: '{',
    },
  ],
  comment: /^\s*#/,
  block: { open: /^\s*<#/, close: /#>/ },
  bracketText: withoutHashComment,
};

/** Removes character literals (`\(`), strings and `;` comments from a Clojure row. */
function clojureCode(line: string): string {
  return line
    .replace(/\\./g, '')
    .replace(/"[^"]*"/g, '""')
    .replace(/;.*$/, '');
}

const CLOJURE_NAME = String.raw`\s+(?:\^\S+\s+)*(?<name>[^\s()\[\]{}"]+)`;

export const clojure: OutlineSpec = {
  headers: [
    { pattern: new RegExp(`^\\(ns${CLOJURE_NAME}`), kind: 'module', body: '(' },
    { pattern: new RegExp(`^\\((?:defprotocol|definterface)${CLOJURE_NAME}`), kind: 'interface', body: '(' },
    { pattern: new RegExp(`^\\((?:defrecord|deftype)${CLOJURE_NAME}`), kind: 'struct', body: '(' },
    {
      pattern: new RegExp(`^\\((?:defn-?|defmacro|defmulti|defmethod|deftest)${CLOJURE_NAME}`),
      kind: 'function',
      body: '(',
    },
    { pattern: new RegExp(`^\\((?:def|defonce)${CLOJURE_NAME}`), kind: 'variable', body: '(' },
  ],
  comment: /^\s*;/,
  bracketText: clojureCode,
};

/** Erlang: each clause starts with the function's name; the last one ends in `.`. */
export const erlang: OutlineSpec = {
  headers: [
    { pattern: /^-record\(\s*(?<name>\w+)/, kind: 'struct', body: 'until', until: /\.\s*$/ },
    { pattern: /^-type\s+(?<name>\w+)/, kind: 'type', body: 'until', until: /\.\s*$/ },
    { pattern: /^(?<name>[a-z][\w@]*|'[^']+')\s*\(/, kind: 'function', body: 'until', until: /\.\s*$/ },
  ],
  comment: /^\s*%|^-(?:spec|doc)\b/,
  bracketText: (line) => withoutStrings(line).replace(/%.*$/, ''),
};
