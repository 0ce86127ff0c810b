import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/core/index.js';
import { detectLanguage } from '../../src/scan/index.js';
import { refineLanguage } from '../../src/scan/language.js';

describe('detectLanguage', () => {
  it.each([
    ['src/a.ts', 'typescript'],
    ['src/a.d.ts', 'typescript'],
    ['lib/a.mts', 'typescript'],
    ['lib/a.cts', 'typescript'],
    ['ui/App.tsx', 'tsx'],
    ['a.js', 'javascript'],
    ['a.mjs', 'javascript'],
    ['a.cjs', 'javascript'],
    ['ui/App.jsx', 'javascript'],
    ['pkg/mod.py', 'python'],
    ['pkg/mod.pyi', 'python'],
    ['main.go', 'go'],
    ['lib.rs', 'rust'],
    ['Main.java', 'java'],
    ['x.c', 'c'],
    ['x.h', 'c'],
    ['x.cc', 'cpp'],
    ['x.cpp', 'cpp'],
    ['x.cxx', 'cpp'],
    ['x.hpp', 'cpp'],
    ['x.hh', 'cpp'],
    ['x.hxx', 'cpp'],
    ['Program.cs', 'csharp'],
    ['app.rb', 'ruby'],
    ['Rakefile', 'ruby'],
    ['Gemfile', 'ruby'],
    ['x.gemspec', 'ruby'],
    ['index.php', 'php'],
    ['Main.kt', 'kotlin'],
    ['build.gradle.kts', 'kotlin'],
    ['App.swift', 'swift'],
    ['A.scala', 'scala'],
    ['build.sc', 'scala'],
    ['run.sh', 'bash'],
    ['run.bash', 'bash'],
    ['.zshrc', 'bash'],
    ['README.md', 'markdown'],
    ['page.mdx', 'markdown'],
    ['package.json', 'json'],
    ['tsconfig.jsonc', 'json'],
    ['ci.yml', 'yaml'],
    ['ci.yaml', 'yaml'],
    ['Cargo.toml', 'toml'],
    ['index.html', 'html'],
    ['App.vue', 'vue'],
    ['src/lib/Counter.svelte', 'svelte'],
    ['src/pages/index.astro', 'astro'],
    ['a.css', 'css'],
    ['a.scss', 'css'],
    ['schema.sql', 'sql'],
    ['init.lua', 'lua'],
    ['main.dart', 'dart'],
    ['lib/app.ex', 'elixir'],
    ['test/app_test.exs', 'elixir'],
    ['Main.hs', 'haskell'],
    ['main.ml', 'ocaml'],
    ['main.mli', 'ocaml'],
    ['script.pl', 'perl'],
    ['Mod.pm', 'perl'],
    ['gitweb/gitweb.perl', 'perl'],
    ['t/basic.t', 'perl'],
    ['git-gui/lib/browser.tcl', 'tcl'],
    ['widgets.tk', 'tcl'],
    ['Sources/View.mm', 'objc'],
    ['src/Shapes.jl', 'julia'],
    ['src/queue_srv.erl', 'erlang'],
    ['include/records.hrl', 'erlang'],
    ['src/app/core.clj', 'clojure'],
    ['Deploy.ps1', 'powershell'],
    ['api/users.proto', 'protobuf'],
    ['analysis.R', 'r'],
    ['analysis.r', 'r'],
    ['main.zig', 'zig'],
    ['notes.txt', 'text'],
    ['docs/index.rst', 'text'],
    ['Dockerfile', 'text'],
    ['Makefile', 'text'],
    ['CMakeLists.txt', 'text'],
    ['.gitignore', 'text'],
    ['UPPER.PY', 'python'],
  ])('%s is %s', (path, language) => {
    expect(detectLanguage(path)).toBe(language);
    expect(LANGUAGES).toContain(language);
  });

  it.each([
    ['#!/usr/bin/env python3', 'python'],
    ['#!/usr/bin/python3.12 -u', 'python'],
    ['#!/bin/sh', 'bash'],
    ['#!/bin/bash -eu', 'bash'],
    ['#!/usr/bin/env zsh', 'bash'],
    ['#!/usr/bin/env node', 'javascript'],
    ['#!/usr/bin/env -S node --experimental-vm-modules', 'javascript'],
    ['#!/usr/bin/env -S deno run --allow-net', 'typescript'],
    ['#!/usr/bin/env ruby', 'ruby'],
    ['#!/usr/bin/perl -w', 'perl'],
    ['#!/usr/bin/env php', 'php'],
    ['#!/usr/bin/env Rscript', 'r'],
    ['#!/usr/bin/env lua5.4', 'lua'],
    ['#! /usr/bin/env elixir', 'elixir'],
    ['#!/usr/bin/env tclsh', 'tcl'],
    ['#!/usr/bin/wish8.6', 'tcl'],
    ['#!/usr/bin/env julia', 'julia'],
    ['#!/usr/bin/env escript', 'erlang'],
    ['#!/usr/bin/env pwsh', 'powershell'],
    ['#!/usr/bin/env unknown-interpreter', 'text'],
    ['no shebang here', 'text'],
    // editor modelines, as bash-completion's extension-less scripts carry
    ['# bash completion for lvm  -*- shell-script -*-', 'bash'],
    ['# -*- mode: python; coding: utf-8 -*-', 'python'],
    ['# vim: set ft=sh:', 'bash'],
    ['// -*- C++ -*-', 'cpp'],
    ['# -*- coding: utf-8 -*-', 'text'],
    ['a sentence with -*- in it', 'text'],
  ])('an extension-less script starting with %j is %s', (firstLine, language) => {
    expect(detectLanguage('bin/tool', firstLine)).toBe(language);
  });

  it('reads a modeline in the first five lines, as Vim does', () => {
    // git-flow's sourced scripts: `# $Id$`, then the modeline
    const head = ['#', '# $Id$', '# vim:et:ft=sh:sts=2:sw=2', 'cmd_default() {'];
    expect(detectLanguage('git-flow-feature', head.join('\n'))).toBe('bash');
    const late = ['# notes', '', '', '', '', '# vim: set ft=sh:'];
    expect(detectLanguage('NOTES', late.join('\n'))).toBe('text');
  });

  it('reads a shell script that re-executes itself under another interpreter as that language', () => {
    // gitk: the shell runs `exec wish`, Tcl skips the line after a comment ending in a backslash
    const gitk = ['#!/bin/sh', '# Tcl ignores the next line -*- tcl -*- \\', 'exec wish "$0" -- "$@"'];
    expect(detectLanguage('gitk', gitk.join('\n'))).toBe('tcl');
    expect(detectLanguage('tool', '#!/bin/sh\nexec wish "$0" -- "$@"')).toBe('tcl');
    const perl = ['#!/bin/sh', 'eval \'exec perl -x -wS $0 ${1+"$@"}\'', '  if 0;'];
    expect(detectLanguage('tool', perl.join('\n'))).toBe('perl');
    // A wrapper that runs another program is still a shell script.
    expect(detectLanguage('bin/start', '#!/bin/sh\nexec node server.js "$@"')).toBe('bash');
  });

  it('reads `.m` files as Objective-C or MATLAB, and Objective-C headers as such, by their content', () => {
    expect(
      refineLanguage('View.m', detectLanguage('View.m'), '#import "View.h"\n@implementation View\n@end\n'),
    ).toBe('objc');
    expect(
      refineLanguage('smooth.m', detectLanguage('smooth.m'), 'function y = smooth(x)\n  y = x;\nend\n'),
    ).toBe('matlab');
    expect(refineLanguage('foo.m', 'objc', '#include "foo.h"\nNSString* foo() { return @"Foo"; }\n')).toBe(
      'objc',
    );
    expect(refineLanguage('View.h', 'c', '#import <UIKit/UIKit.h>\n@interface View : UIView\n@end\n')).toBe(
      'objc',
    );
    expect(refineLanguage('list.h', 'c', 'struct list { int n; };\n')).toBe('c');
    expect(refineLanguage('vec.h', 'c', 'namespace geo {\ntemplate <class T> struct vec {};\n}\n')).toBe(
      'cpp',
    );
  });

  it('prefers a known extension over the shebang', () => {
    expect(detectLanguage('deploy.py', '#!/bin/bash')).toBe('python');
  });

  it('uses the shebang for an unknown extension', () => {
    expect(detectLanguage('cgi-bin/search.cgi', '#!/usr/bin/perl')).toBe('perl');
  });
});
