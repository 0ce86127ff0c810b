/**
 * Language detection: by file name, then extension, then (for files the extension says nothing
 * about) the shebang line or an editor modeline. Anything else that is text is `text`.
 */
import type { Language } from '../core/index.js';

const BY_EXTENSION: Readonly<Record<string, Language>> = {
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'tsx',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  py: 'python',
  pyi: 'python',
  pyw: 'python',
  go: 'go',
  rs: 'rust',
  java: 'java',
  c: 'c',
  // `.h` is C by extension; readSourceFile upgrades it to cpp when the content is clearly C++.
  h: 'c',
  cc: 'cpp',
  cpp: 'cpp',
  cxx: 'cpp',
  'c++': 'cpp',
  hpp: 'cpp',
  hh: 'cpp',
  hxx: 'cpp',
  'h++': 'cpp',
  ipp: 'cpp',
  inl: 'cpp',
  cs: 'csharp',
  csx: 'csharp',
  rb: 'ruby',
  rake: 'ruby',
  gemspec: 'ruby',
  ru: 'ruby',
  php: 'php',
  phtml: 'php',
  kt: 'kotlin',
  kts: 'kotlin',
  swift: 'swift',
  scala: 'scala',
  sc: 'scala',
  sh: 'bash',
  bash: 'bash',
  zsh: 'bash',
  ksh: 'bash',
  md: 'markdown',
  mdx: 'markdown',
  markdown: 'markdown',
  json: 'json',
  jsonc: 'json',
  json5: 'json',
  yaml: 'yaml',
  yml: 'yaml',
  toml: 'toml',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  // Single-file components: their script blocks are parsed as TypeScript (src/chunk/component.ts).
  vue: 'vue',
  svelte: 'svelte',
  astro: 'astro',
  css: 'css',
  scss: 'css',
  sass: 'css',
  less: 'css',
  sql: 'sql',
  lua: 'lua',
  dart: 'dart',
  ex: 'elixir',
  exs: 'elixir',
  hs: 'haskell',
  lhs: 'haskell',
  ml: 'ocaml',
  mli: 'ocaml',
  pl: 'perl',
  pm: 'perl',
  // git's scripts (`gitweb/gitweb.perl`, `git-cvsserver.perl`)
  perl: 'perl',
  // Perl's test scripts (`t/basic.t`), in every CPAN distribution
  t: 'perl',
  r: 'r',
  tcl: 'tcl',
  tk: 'tcl',
  itcl: 'tcl',
  tm: 'tcl',
  // `.m` is Objective-C or MATLAB: refineLanguage reads the content.
  m: 'objc',
  mm: 'objc',
  jl: 'julia',
  erl: 'erlang',
  hrl: 'erlang',
  clj: 'clojure',
  cljs: 'clojure',
  cljc: 'clojure',
  ps1: 'powershell',
  psm1: 'powershell',
  proto: 'protobuf',
  zig: 'zig',
};

const BY_FILE_NAME: Readonly<Record<string, Language>> = {
  rakefile: 'ruby',
  gemfile: 'ruby',
  guardfile: 'ruby',
  podfile: 'ruby',
  vagrantfile: 'ruby',
  brewfile: 'ruby',
  fastfile: 'ruby',
  pipfile: 'toml',
  '.bashrc': 'bash',
  '.bash_profile': 'bash',
  '.bash_aliases': 'bash',
  '.zshrc': 'bash',
  '.zprofile': 'bash',
  '.profile': 'bash',
  'cmakelists.txt': 'text',
  '.babelrc': 'json',
};

/** Interpreter names after `#!` (or after `/usr/bin/env`), without a version suffix. */
const BY_INTERPRETER: Readonly<Record<string, Language>> = {
  sh: 'bash',
  bash: 'bash',
  dash: 'bash',
  zsh: 'bash',
  ksh: 'bash',
  ash: 'bash',
  python: 'python',
  pypy: 'python',
  node: 'javascript',
  nodejs: 'javascript',
  bun: 'javascript',
  deno: 'typescript',
  'ts-node': 'typescript',
  tsx: 'typescript',
  ruby: 'ruby',
  perl: 'perl',
  php: 'php',
  lua: 'lua',
  luajit: 'lua',
  rscript: 'r',
  elixir: 'elixir',
  runhaskell: 'haskell',
  runghc: 'haskell',
  ocaml: 'ocaml',
  swift: 'swift',
  kotlin: 'kotlin',
  scala: 'scala',
  dart: 'dart',
  tclsh: 'tcl',
  wish: 'tcl',
  expect: 'tcl',
  julia: 'julia',
  escript: 'erlang',
  pwsh: 'powershell',
  bb: 'clojure',
  octave: 'matlab',
};

/** The language the file name alone implies, or null when it implies none (`text` by default). */
export function languageFromPath(path: string): Language | null {
  const name = (path.slice(path.lastIndexOf('/') + 1) || path).toLowerCase();
  const byName = BY_FILE_NAME[name];
  if (byName !== undefined) return byName;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null; // no extension, or a dotfile such as `.gitignore`
  return BY_EXTENSION[name.slice(dot + 1)] ?? null;
}

/** The language a `#!` line names, or null. Handles `/usr/bin/env [-S] python3 -u` and versions. */
export function languageFromShebang(firstLine: string): Language | null {
  if (!firstLine.startsWith('#!')) return null;
  const words = firstLine.slice(2).trim().split(/\s+/);
  let command = words[0] ?? '';
  let rest = words.slice(1);
  if (command.endsWith('/env') || command === 'env') {
    rest = rest.filter((word) => !word.startsWith('-') && !word.includes('='));
    command = rest[0] ?? '';
  }
  const base = command.slice(command.lastIndexOf('/') + 1).toLowerCase();
  // python3, python3.12, perl5, ruby2.7 → python, perl, ruby
  const bare = base.replace(/[\d.]+$/, '');
  return BY_INTERPRETER[bare] ?? BY_INTERPRETER[base] ?? null;
}

/** Editor modes (Emacs `-*- mode -*-`, Vim `ft=`) beyond the interpreters' own names. */
const BY_MODE: Readonly<Record<string, Language>> = {
  'shell-script': 'bash',
  cperl: 'perl',
  tcl: 'tcl',
  js: 'javascript',
  javascript: 'javascript',
  typescript: 'typescript',
  c: 'c',
  'c++': 'cpp',
  cpp: 'cpp',
  go: 'go',
  rust: 'rust',
  java: 'java',
  makefile: 'text',
};

/**
 * The language an editor modeline on `line` names, or null: bash-completion's
 * `# bash completion for lvm  -*- shell-script -*-`, `-*- mode: python; coding: utf-8 -*-`,
 * `# vim: set ft=sh:`. Extensionless scripts often carry one instead of a shebang.
 */
export function languageFromModeline(line: string): Language | null {
  const mode =
    /-\*-\s*(?:[^*]*?\bmode:\s*)?([\w+-]+)[^*]*-\*-/i.exec(line)?.[1] ??
    /\b(?:vim?|ex):.*?\b(?:ft|filetype)=([\w+-]+)/.exec(line)?.[1];
  if (!mode) return null;
  const name = mode.toLowerCase();
  return BY_MODE[name] ?? BY_INTERPRETER[name] ?? null;
}

/** Lines at the top of a file where an editor modeline counts (Vim reads the first five). */
const MODELINE_LINES = 5;

/**
 * Detects the language of a file from its path (name, then extension) and, when the path says
 * nothing, from `head`, the start of its text: the shebang, or an editor modeline in its first
 * lines (git-flow's sourced `git-flow-feature` starts `# $Id$`, then `# vim:et:ft=sh:sts=2:sw=2`).
 * Falls back to `text`.
 */
export function detectLanguage(path: string, head?: string): Language {
  const fromPath = languageFromPath(path);
  if (fromPath !== null) return fromPath;
  if (head === undefined) return 'text';
  const lines = head.split('\n', MODELINE_LINES).map((line) => line.slice(0, 256).replace(/\r$/, ''));
  const fromShebang = languageFromShebang(lines[0]!);
  if (fromShebang !== null && fromShebang !== 'bash') return fromShebang;
  for (const line of lines) {
    // A shell script that re-executes itself under another interpreter is that interpreter's
    // script: gitk's `#!/bin/sh`, `# Tcl ignores the next line -*- tcl -*- \`, `exec wish "$0"`.
    const mode = languageFromModeline(line) ?? (fromShebang ? languageFromExec(line) : null);
    if (mode !== null) return mode;
  }
  return fromShebang ?? 'text';
}

/**
 * The interpreter a shell line `exec wish "$0" "$@"` hands this very script (`$0`) to, or null; a
 * wrapper that runs something else (`exec node server.js`) stays a shell script.
 */
function languageFromExec(line: string): Language | null {
  const command = /^\s*(?:eval\s+['"])?exec\s+(\S+)\s.*["'\s]\$\{?0\b/.exec(line)?.[1];
  if (command === undefined) return null;
  const base = command.slice(command.lastIndexOf('/') + 1).toLowerCase();
  return BY_INTERPRETER[base.replace(/[\d.]+$/, '')] ?? null;
}

const CPP_HEADER_MARKERS =
  /^\s*(?:namespace\s+[\w:]+\s*\{|template\s*<|class\s+\w+[^;]*\{|(?:public|private|protected)\s*:|using\s+namespace\s)|std::|#include\s*<(?:iostream|string|vector|memory|map|algorithm)>/m;
/** MATLAB has no preprocessor and no `@"…"` strings. */
const C_PREPROCESSOR = /^\s*#\s*(?:include|import|if|ifdef|ifndef|define|pragma)\b|@"/m;
const OBJC_MARKERS = /^\s*(?:@(?:interface|implementation|protocol|end|import)\b|#import\s)/m;

/**
 * What the content says where the extension is ambiguous: a `.h` file is C unless it is clearly
 * C++ (namespaces, templates, classes, std::) or Objective-C (`@interface`, `#import`); a `.m` file
 * is Objective-C with those markers or a C preprocessor line, and MATLAB without.
 */
export function refineLanguage(path: string, language: Language, text: string): Language {
  const extension = language === 'objc' ? '.m' : language === 'c' ? '.h' : null;
  if (extension === null || !path.toLowerCase().endsWith(extension)) return language;
  const head = text.slice(0, 64 * 1024);
  if (OBJC_MARKERS.test(head)) return 'objc';
  if (language === 'objc') return C_PREPROCESSOR.test(head) ? 'objc' : 'matlab';
  return CPP_HEADER_MARKERS.test(head) ? 'cpp' : 'c';
}
