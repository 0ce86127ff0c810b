import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChunker } from '../../src/chunk/index.js';
import type { Chunker } from '../../src/chunk/index.js';
import type { Chunk, Language } from '../../src/core/index.js';

let chunker: Chunker;
beforeAll(async () => {
  chunker = await createChunker();
});
afterAll(() => chunker.close());

/** `start-end kind symbol` per chunk, as in language-helpers.ts. */
function rows(chunks: readonly Chunk[]): string[] {
  return chunks.map((c) => `${c.startLine}-${c.endLine} ${c.kind} ${c.symbol}`);
}

function chunk(language: Language, lines: readonly string[], options?: { maxChunkLines: number }) {
  return options
    ? createChunker(options).then((c) => {
        const out = c.chunkSync(`file.${language}`, language, lines.join('\n'));
        c.close();
        return out;
      })
    : Promise.resolve(chunker.chunkSync(`file.${language}`, language, lines.join('\n')));
}

describe('definitions found by line patterns, where there is no grammar', () => {
  it('Perl: subs are named in their package, POD above a sub leads it, `__END__` ends the code', async () => {
    const perl = [
      '#!/usr/bin/perl', // 1
      'package Git::Repo;', // 2
      'use strict;', // 3
      '', // 4
      '=item command_output_pipe ( COMMAND )', // 5
      '', // 6
      'Runs a command and returns a pipe; braces in docs { are not counted.', // 7
      '', // 8
      '=cut', // 9
      '', // 10
      'sub command_output_pipe {', // 11
      '  my ($self, @cmd) = @_;', // 12
      '  my $re = qr/\\{/; my %h = (a => "}");', // 13
      '  return _pipe($self, "-|", @cmd);', // 14
      '}', // 15
      '', // 16
      '# Closes what command_output_pipe opened.', // 17
      'sub close_pipe { my ($fh) = @_; close $fh }', // 18
      '', // 19
      'package main;', // 20
      'print Git::Repo->new->command_output_pipe("log");', // 21
      '__END__', // 22
      'sub not_code {', // 23
      '}', // 24
    ];
    // A package that fits is one chunk, as a small class is.
    expect(rows(await chunk('perl', perl))).toEqual(['1-18 module Git::Repo', '20-24 module main']);
    expect(rows(await chunk('perl', perl, { maxChunkLines: 12 }))).toEqual([
      '1-3 module Git::Repo',
      '5-15 function Git::Repo.command_output_pipe',
      '17-18 function Git::Repo.close_pipe',
      '20-24 module main',
    ]);
  });

  it('Tcl: procs, namespaces and the methods of a class, whose braces span the whole file', async () => {
    const tcl = [
      'namespace eval ::util {', // 1
      '  proc join_path {a b} {', // 2
      '    return "$a/$b"', // 3
      '  }', // 4
      '}', // 5
      '', // 6
      'class browser {', // 7
      'field w', // 8
      '', // 9
      'constructor new {commit {path {}}} {', // 10
      '  set w [toplevel .b]', // 11
      '}', // 12
      '', // 13
      '# Moves the selection.', // 14
      'method _move {dir} {', // 15
      '  if {$dir > 0} { incr sel }', // 16
      '}', // 17
      '}', // 18
      '', // 19
      'proc main {} { browser::new HEAD }', // 20
    ];
    expect(rows(await chunk('tcl', tcl))).toEqual([
      // A namespace of one definition is named after it, as with a grammar.
      '1-5 function util.join_path',
      '7-18 class browser',
      '20-20 function main',
    ]);
    expect(rows(await chunk('tcl', tcl, { maxChunkLines: 4 }))).toEqual([
      '1-1 namespace util',
      '2-5 function util.join_path',
      '7-8 class browser',
      '10-12 constructor browser.new',
      '14-18 method browser._move',
      '20-20 function main',
    ]);
  });

  it('R: functions, R6 classes and their methods; a nested function stays in its parent', async () => {
    const r = [
      "#' Scales a vector.", // 1
      'rescale <- function(x, to = c(0, 1)) {', // 2
      '  helper = function(v) v / max(v)', // 3
      '  helper(x) * diff(to)', // 4
      '}', // 5
      '', // 6
      'Person <- R6Class("Person",', // 7
      '  public = list(', // 8
      '    name = NULL,', // 9
      '    initialize = function(name) {', // 10
      '      self$name <- name', // 11
      '    },', // 12
      '    greet = function() {', // 13
      '      cat("Hello, {", self$name, "\\n")', // 14
      '    }', // 15
      '  )', // 16
      ')', // 17
    ];
    expect(rows(await chunk('r', r))).toEqual(['1-5 function rescale', '7-17 class Person']);
    expect(rows(await chunk('r', r, { maxChunkLines: 4 }))).toEqual([
      // Too long, but a tail shorter than five rows joins the piece before it.
      '1-5 function rescale',
      '7-9 class Person',
      '10-12 constructor Person.initialize',
      '13-17 method Person.greet',
    ]);
  });

  it("R: ggplot2's ggproto objects hold their methods as an R6 class does", async () => {
    const r = [
      'StatSmooth <- ggproto("StatSmooth", Stat,', // 1
      '  setup_params = function(data, params) {', // 2
      '    params', // 3
      '  },', // 4
      '  required_aes = c("x", "y")', // 5
      ')', // 6
    ];
    expect(rows(await chunk('r', r, { maxChunkLines: 3 }))).toEqual([
      '1-1 class StatSmooth',
      '2-4 method StatSmooth.setup_params',
      '5-6 class StatSmooth',
    ]);
  });

  it('SQL: a table ends at its semicolon, so the statements after it are not part of it', async () => {
    const sql = [
      '-- Accounts of the service.', // 1
      'CREATE TABLE IF NOT EXISTS users (', // 2
      '  id serial PRIMARY KEY,', // 3
      "  name text NOT NULL DEFAULT ';'", // 4
      ');', // 5
      'INSERT INTO users (name) VALUES (1);', // 6
      '', // 7
      'create or replace function touch_user(uid int) returns void as $$', // 8
      'begin', // 9
      '  update users set seen = now() where id = uid;', // 10
      'end;', // 11
      '$$ language plpgsql;', // 12
      '', // 13
      'CREATE UNIQUE INDEX users_name ON users (name);', // 14
    ];
    expect(rows(await chunk('sql', sql))).toEqual([
      '1-5 type users',
      '6-6 code null',
      '8-12 function touch_user',
      '14-14 variable users_name',
    ]);
  });

  it('OCaml: top-level lets, types and modules, with their doc comments', async () => {
    const ml = [
      '(** A queue of jobs. *)', // 1
      'type job = { id : int; run : unit -> unit }', // 2
      '', // 3
      '(* Runs every job,', // 4
      '   oldest first. *)', // 5
      'let rec run_all = function', // 6
      '  | [] -> ()', // 7
      '  | j :: rest -> let () = j.run () in run_all rest', // 8
      '', // 9
      'module Pool = struct', // 10
      '  let create n = Array.make n None', // 11
      'end', // 12
      '', // 13
      'let ( >>= ) m f = Option.bind m f', // 14
    ];
    expect(rows(await chunk('ocaml', ml))).toEqual([
      '1-2 type job',
      '4-8 function run_all',
      '10-12 module Pool',
      '14-14 function >>=',
    ]);
  });

  it('Dart: classes, constructors, getters and methods, but not calls or control flow', async () => {
    const dart = [
      "import 'package:flutter/widgets.dart';", // 1
      '', // 2
      '/// Shows a counter.', // 3
      'class Counter extends StatelessWidget {', // 4
      '  const Counter({super.key, required this.count});', // 5
      '', // 6
      '  final int count;', // 7
      '  int get doubled => count * 2;', // 8
      '', // 9
      '  @override', // 10
      '  Widget build(BuildContext context) {', // 11
      "    if (count > 0) print('{');", // 12
      '    return Text(', // 13
      "      '$count',", // 14
      '    );', // 15
      '  }', // 16
      '}', // 17
      '', // 18
      'Future<void> main() async {', // 19
      '  runApp(Counter(count: 1));', // 20
      '}', // 21
    ];
    expect(rows(await chunk('dart', dart))).toEqual([
      '1-1 code null',
      '3-17 class Counter',
      '19-21 function main',
    ]);
    expect(rows(await chunk('dart', dart, { maxChunkLines: 4 }))).toEqual([
      '1-1 code null',
      '3-4 class Counter',
      '5-5 constructor Counter.Counter',
      // A field between members joins the next one.
      '7-8 method Counter.doubled',
      '10-17 method Counter.build',
      '19-21 function main',
    ]);
  });

  it('Dart: a named constructor is named after what it makes, a call statement is no header', async () => {
    const dart = [
      'class Point {', // 1
      '  Point.origin() : x = 0, y = 0;', // 2
      '  final int x, y;', // 3
      '  Point(this.x, this.y) {', // 4
      '    assert(x >= 0);', // 5
      '    Logger(x);', // 6
      '  }', // 7
      '}', // 8
    ];
    expect(rows(await chunk('dart', dart, { maxChunkLines: 3 }))).toEqual([
      '1-1 class Point',
      '2-3 constructor Point.origin',
      '4-8 constructor Point.Point',
    ]);
  });

  it('Objective-C: interfaces, implementations and methods named by their selectors', async () => {
    const m = [
      '#import "Button.h"', // 1
      '', // 2
      '@implementation Button', // 3
      '', // 4
      '// Sets the title shown in one state.', // 5
      '- (void)setTitle:(NSString *)title forState:(UIControlState)state {', // 6
      '    self.titles[@(state)] = title;', // 7
      '}', // 8
      '', // 9
      '+ (instancetype)button {', // 10
      '    return [[self alloc] init];', // 11
      '}', // 12
      '', // 13
      '@end', // 14
    ];
    expect(rows(await chunk('objc', m, { maxChunkLines: 4 }))).toEqual([
      '1-1 code null',
      '3-3 class Button',
      '5-8 method Button.setTitle:forState:',
      '10-14 method Button.button',
    ]);
  });

  it('Objective-C: a C function at the top level is a function; a prototype or a macro call is not', async () => {
    const m = [
      'NSString *EXDigest(NSData *data);', // 1
      'RCT_EXPORT_MODULE()', // 2
      '', // 3
      'static NSString *EXDigest(NSData *data)', // 4
      '{', // 5
      '  return [data base64EncodedStringWithOptions:0];', // 6
      '}', // 7
    ];
    expect(rows(await chunk('objc', m))).toEqual(['1-2 code null', '4-7 function EXDigest']);
  });

  it('Julia and MATLAB: a body is what is indented under the header, with its `end`', async () => {
    const jl = [
      'module Shapes', // 1
      '', // 2
      '# The area of a circle.', // 3
      'function area(c::Circle)', // 4
      '    return pi * c.r^2', // 5
      'end', // 6
      '', // 7
      'perimeter(c::Circle) = 2pi * c.r', // 8
      '', // 9
      'end', // 10
    ];
    // Julia does not indent a module's body: the module is its header, its functions stand alone.
    expect(rows(await chunk('julia', jl))).toEqual([
      '1-1 module Shapes',
      '3-6 function area',
      '8-10 function perimeter',
    ]);
    const matlab = [
      'function y = smooth(x, n)',
      '  % Moving average.',
      '  y = filter(ones(1, n) / n, 1, x);',
      'end',
    ];
    expect(rows(await chunk('matlab', matlab))).toEqual(['1-4 function smooth']);
  });

  it('PowerShell, Clojure, Erlang and Protocol Buffers', async () => {
    const ps = [
      '<#',
      '.SYNOPSIS',
      'Gets a user.',
      '#>',
      'function Get-User {',
      '  param($Name)',
      '  Get-ADUser $Name',
      '}',
    ];
    expect(rows(await chunk('powershell', ps))).toEqual(['1-8 function Get-User']);
    const clj = [
      '(ns app.core', // 1
      '  (:require [clojure.string :as str]))', // 2
      '', // 3
      ';; Greets someone, ignoring ")" in strings.', // 4
      '(defn greet [name]', // 5
      '  (str "Hello, (" name ")"))', // 6
    ];
    expect(rows(await chunk('clojure', clj))).toEqual(['1-2 module app.core', '4-6 function greet']);
    const erl = [
      '-module(queue_srv).', // 1
      '', // 2
      '%% Adds an item; an empty queue starts one.', // 3
      'push(Item, []) ->', // 4
      '    [Item];', // 5
      'push(Item, Queue) ->', // 6
      '    Queue ++ [Item].', // 7
      '', // 8
      'size(Queue) -> length(Queue).', // 9
    ];
    expect(rows(await chunk('erlang', erl))).toEqual([
      '1-1 code null',
      '3-7 function push',
      '9-9 function size',
    ]);
    const proto = [
      'syntax = "proto3";', // 1
      '', // 2
      'service Users {', // 3
      '  // Looks a user up by id.', // 4
      '  rpc GetUser(GetUserRequest) returns (User);', // 5
      '  rpc Watch(WatchRequest) returns (stream User) {', // 6
      '    option deadline = 30;', // 7
      '  }', // 8
      '}', // 9
      '', // 10
      'message User {', // 11
      '  string id = 1;', // 12
      '}', // 13
    ];
    expect(rows(await chunk('protobuf', proto, { maxChunkLines: 4 }))).toEqual([
      '1-1 code null',
      '3-3 interface Users',
      '4-5 method Users.GetUser',
      '6-9 method Users.Watch',
      '11-13 struct User',
    ]);
  });

  it('a body whose bracket never closes runs to the next definition, and no line is left out', async () => {
    const perl = [
      'sub broken {',
      '  if ($x) {',
      '    return 1;',
      '}',
      '',
      'sub next_one {',
      '  return 2;',
      '}',
    ];
    expect(rows(await chunk('perl', perl))).toEqual(['1-4 function broken', '6-8 function next_one']);
  });

  it('every body unbalanced (a heredoc with a brace in each sub): each still ends at the next header', async () => {
    const perl: string[] = [];
    for (let i = 0; i < 500; i++)
      perl.push(`sub f${i} {`, '  my $x = <<"EOF";', '  {', 'EOF', '  return $x;', '');
    const chunks = await chunk('perl', perl);
    expect(chunks).toHaveLength(500);
    expect(chunks[0]).toMatchObject({ startLine: 1, endLine: 5, symbol: 'f0' });
    expect(chunks[499]).toMatchObject({ startLine: 2995, endLine: 2999, symbol: 'f499' });
  });

  it('a file with no header is windowed as before', async () => {
    const perl = Array.from({ length: 80 }, (_, i) => `print "line ${i}\\n";`);
    const chunks = await chunk('perl', perl);
    expect(chunks.every((c) => c.kind === 'window' && c.symbol === null)).toBe(true);
    expect(chunks[0]!.startLine).toBe(1);
    expect(chunks[chunks.length - 1]!.endLine).toBe(80);
  });
});
