/** The grammar registry: which product languages have a tree-sitter table. */
import type { Language } from '../../core/index.js';
import { c, cpp } from './c.js';
import { elixir, haskell } from './functional.js';
import { go } from './go.js';
import { java, kotlin, scala } from './jvm.js';
import { bash, csharp, php, ruby, swift } from './others.js';
import { python } from './python.js';
import { rust } from './rust.js';
import { lua, zig } from './systems.js';
import type { LanguageSpec } from './spec.js';
import { javascript, tsx, typescript } from './web.js';

export type { LanguageSpec } from './spec.js';

export const LANGUAGE_SPECS: Readonly<Partial<Record<Language, LanguageSpec>>> = Object.freeze({
  typescript,
  tsx,
  javascript,
  python,
  go,
  rust,
  java,
  c,
  cpp,
  csharp,
  ruby,
  php,
  kotlin,
  swift,
  scala,
  bash,
  lua,
  elixir,
  haskell,
  zig,
});

/** Languages the chunker parses with tree-sitter; others are windowed (markdown by headings). */
export const SYNTAX_LANGUAGES = Object.freeze(Object.keys(LANGUAGE_SPECS) as Language[]);
