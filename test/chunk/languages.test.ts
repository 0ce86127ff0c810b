import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Chunker } from '../../src/chunk/index.js';
import type { Language } from '../../src/core/index.js';
import { FIXTURES, rows, withChunkers, type Row } from './language-helpers.js';

interface Case {
  readonly language: Language;
  readonly file: string;
  /** Chunks with the default options (definitions fit whole). */
  readonly whole: Row[];
  /** Chunks with maxChunkLines 4, which splits every container at its members. */
  readonly split: Row[];
}

const CASES: Case[] = [
  {
    language: 'typescript',
    file: 'sample.ts',
    whole: [
      '1-4 code null',
      '6-20 class Router',
      '22-24 interface Handler',
      '26-26 type Method',
      '28-30 function parseQuery',
      '32-34 function loadConfig',
      // A namespace that wraps one definition is named after it.
      '36-40 function Internal.helper',
      '42-45 enum Color',
    ],
    split: [
      '1-4 code null',
      '6-9 class Router',
      '11-14 method Router.add',
      '16-20 method Router.handle',
      '22-24 interface Handler',
      '26-26 type Method',
      '28-30 function parseQuery',
      '32-34 function loadConfig',
      '36-36 namespace Internal',
      '37-40 function Internal.helper',
      '42-45 enum Color',
    ],
  },
  {
    language: 'tsx',
    file: 'sample.tsx',
    whole: [
      '1-1 code null',
      '3-5 interface Props',
      '7-10 function Card',
      '12-16 class Panel',
      '18-18 code null',
    ],
    split: [
      '1-1 code null',
      '3-5 interface Props',
      '7-10 function Card',
      '12-12 class Panel',
      '13-16 method Panel.render',
      '18-18 code null',
    ],
  },
  {
    language: 'javascript',
    file: 'sample.js',
    whole: [
      '1-2 code null',
      '4-16 class Cache',
      '18-20 function resolveFile',
      '22-22 function double',
      '24-24 code null',
    ],
    split: [
      '1-2 code null',
      '4-7 class Cache',
      '8-11 constructor Cache.constructor',
      '13-16 method Cache.get',
      '18-20 function resolveFile',
      '22-22 function double',
      '24-24 code null',
    ],
  },
  {
    language: 'python',
    file: 'sample.py',
    whole: ['1-5 code null', '8-21 class Item', '24-26 function load_items', '29-30 code null'],
    split: [
      '1-5 code null',
      '8-13 class Item',
      '15-17 method Item.restock',
      '19-21 method Item.empty',
      '24-26 function load_items',
      '29-30 code null',
    ],
  },
  {
    language: 'go',
    file: 'sample.go',
    whole: [
      '1-8 code null',
      '10-14 struct Server',
      '16-19 interface Handler',
      '21-25 method Server.Start',
      '27-30 function New',
    ],
    split: [
      '1-8 code null',
      '10-14 struct Server',
      '16-19 interface Handler',
      '21-25 method Server.Start',
      '27-30 function New',
    ],
  },
  {
    language: 'rust',
    file: 'sample.rs',
    whole: [
      '1-3 code MAX_SIZE',
      '5-9 struct Store',
      '11-20 impl Store',
      '22-24 trait Backend',
      '26-29 enum Mode',
      '31-34 function main',
    ],
    split: [
      '1-3 code MAX_SIZE',
      '5-9 struct Store',
      '11-11 impl Store',
      '12-15 method Store.new',
      '17-20 method Store.get',
      '22-24 trait Backend',
      '26-29 enum Mode',
      '31-34 function main',
    ],
  },
  {
    language: 'java',
    file: 'Sample.java',
    whole: ['1-4 code null', '6-29 class Cart', '31-34 enum Currency'],
    split: [
      '1-4 code null',
      '6-11 class Cart',
      '13-14 constructor Cart.Cart',
      '16-20 method Cart.add',
      '22-24 method Cart.size',
      '26-29 interface Cart.Listener',
      '31-34 enum Currency',
    ],
  },
  {
    language: 'c',
    file: 'sample.c',
    whole: [
      '1-4 code null',
      '6-10 struct buffer',
      '12-12 type buffer_t',
      '14-20 function buffer_append',
      '22-25 function copy_name',
      '27-31 function main',
    ],
    split: [
      '1-4 code null',
      '6-10 struct buffer',
      '12-12 type buffer_t',
      '14-20 function buffer_append',
      '22-25 function copy_name',
      '27-31 function main',
    ],
  },
  {
    language: 'cpp',
    file: 'sample.cpp',
    // A namespace of several definitions is no unit of meaning: its members are chunked one by one.
    whole: [
      '1-2 code null',
      '4-4 namespace geo',
      '6-15 class geo.Shape',
      '17-20 struct geo.Point',
      '22-24 method geo.Shape.perimeter',
      '26-31 function geo.clamp',
      '33-35 function main',
    ],
    split: [
      '1-2 code null',
      '4-4 namespace geo',
      '6-8 class geo.Shape',
      // The one-line `area()` declaration joins a member rather than stand alone as `geo.Shape`.
      '9-10 method geo.Shape.~Shape',
      '12-15 method geo.Shape.name',
      '17-20 struct geo.Point',
      '22-24 method geo.Shape.perimeter',
      '26-29 function geo.clamp',
      '31-31 namespace geo',
      '33-35 function main',
    ],
  },
  {
    language: 'csharp',
    file: 'sample.cs',
    whole: [
      '1-2 code null',
      '4-5 namespace Shop.Billing',
      '6-22 class Shop.Billing.Invoice',
      '24-27 interface Shop.Billing.IPayable',
      '29-30 enum Shop.Billing.Status',
    ],
    split: [
      '1-2 code null',
      '4-5 namespace Shop.Billing',
      '6-9 class Shop.Billing.Invoice',
      // Properties are definitions: `Invoice.Total`.
      '10-10 variable Shop.Billing.Invoice.Total',
      '12-15 constructor Shop.Billing.Invoice.Invoice',
      '17-22 method Shop.Billing.Invoice.Discount',
      '24-27 interface Shop.Billing.IPayable',
      '29-30 enum Shop.Billing.Status',
    ],
  },
  {
    language: 'ruby',
    file: 'sample.rb',
    // A module that wraps one class is named after the class.
    whole: ['1-1 code null', '3-21 class Billing.Invoice', '23-25 function helper', '27-27 code null'],
    split: [
      '1-1 code null',
      '3-3 module Billing',
      '4-6 class Billing.Invoice',
      '8-10 constructor Billing.Invoice.initialize',
      '12-15 method Billing.Invoice.total',
      '17-21 method Billing.Invoice.load',
      '23-25 function helper',
      '27-27 code null',
    ],
  },
  {
    language: 'php',
    file: 'sample.php',
    whole: [
      '1-5 code null',
      '7-24 class UserController',
      '26-29 interface Auditable',
      '31-34 function format_name',
      '36-36 code null',
    ],
    split: [
      '1-5 code null',
      '7-12 class UserController',
      '14-17 constructor UserController.__construct',
      '19-24 method UserController.show',
      '26-29 interface Auditable',
      '31-34 function format_name',
      '36-36 code null',
    ],
  },
  {
    language: 'kotlin',
    file: 'sample.kt',
    whole: [
      // a top-level property is a definition; short, it joins the imports and names them
      '1-5 code LIMIT',
      '7-14 class UserRepository',
      '16-16 class User',
      '18-21 interface Database',
      '23-27 class Registry',
      '29-31 function main',
    ],
    split: [
      '1-3 code null',
      '5-5 variable LIMIT',
      '7-8 class UserRepository',
      '9-11 method UserRepository.find',
      '13-14 method UserRepository.count',
      '16-16 class User',
      '18-21 interface Database',
      '23-23 class Registry',
      '24-27 method Registry.register',
      '29-31 function main',
    ],
  },
  {
    language: 'swift',
    file: 'sample.swift',
    whole: [
      '1-3 code null',
      '5-17 class Client',
      '19-22 struct Point',
      '24-26 interface Cacheable',
      '28-32 impl Point',
      '34-36 function greet',
    ],
    split: [
      '1-3 code null',
      '5-7 class Client',
      '9-11 constructor Client.init',
      '13-17 method Client.fetch',
      '19-22 struct Point',
      '24-26 interface Cacheable',
      '28-28 impl Point',
      '29-32 method Point.length',
      '34-36 function greet',
    ],
  },
  {
    language: 'scala',
    file: 'sample.scala',
    whole: [
      '1-3 code null',
      '5-14 class Cart',
      '16-18 class Cart',
      '20-22 trait Pricing',
      '24-24 class Item',
    ],
    split: [
      '1-3 code null',
      '5-7 class Cart',
      '9-11 method Cart.add',
      '13-14 method Cart.size',
      '16-18 class Cart',
      '20-22 trait Pricing',
      '24-24 class Item',
    ],
  },
  {
    language: 'bash',
    file: 'sample.sh',
    whole: ['1-4 code null', '6-9 function log', '11-14 function build', '16-16 code null'],
    split: ['1-4 code null', '6-9 function log', '11-14 function build', '16-16 code null'],
  },
  {
    language: 'lua',
    file: 'sample.lua',
    whole: [
      '1-2 code null',
      '4-7 method M.load',
      '9-11 method M.setup',
      '13-15 function helper',
      '17-19 method M.config',
      // A table bound to a name is a definition.
      '21-28 variable M.handlers',
      '30-35 variable defaults',
      '37-38 code null',
    ],
    split: [
      '1-2 code null',
      '4-7 method M.load',
      '9-11 method M.setup',
      '13-15 function helper',
      '17-19 method M.config',
      '21-21 variable M.handlers',
      // Its function-valued fields are its methods.
      '22-26 method M.handlers.show',
      '27-28 method M.handlers.hide',
      '30-35 variable defaults',
      '37-38 code null',
    ],
  },
  {
    language: 'elixir',
    file: 'sample.ex',
    whole: ['1-28 module Plug.Conn'],
    split: [
      '1-5 module Plug.Conn',
      '7-11 function Plug.Conn.assign',
      '13-13 function Plug.Conn.run_before_send',
      '15-19 macro Plug.Conn.__using__',
      '21-23 interface Plug.Conn.Size',
      '25-28 impl Plug.Conn.Size',
    ],
  },
  {
    language: 'haskell',
    file: 'sample.hs',
    whole: [
      '1-6 code null',
      // The Haddock comment the grammar puts inside the imports leads the type below it.
      '8-9 type X',
      '11-12 type WindowSet',
      '14-14 type Layout',
      '16-17 interface Message',
      '19-20 impl Message',
      '22-24 function runX',
      // Two equations, one function.
      '26-28 function helper',
    ],
    split: [
      '1-6 code null',
      '8-9 type X',
      '11-12 type WindowSet',
      '14-14 type Layout',
      '16-17 interface Message',
      '19-20 impl Message',
      '22-24 function runX',
      '26-28 function helper',
    ],
  },
  {
    language: 'zig',
    file: 'sample.zig',
    whole: [
      '1-1 code null',
      '3-10 struct Arg',
      '12-12 enum Kind',
      '14-17 function parse',
      '19-19 function helper',
      '21-23 function test_parse_works',
    ],
    split: [
      '1-1 code null',
      '3-5 struct Arg',
      '7-10 constructor Arg.init',
      '12-12 enum Kind',
      '14-17 function parse',
      '19-19 function helper',
      '21-23 function test_parse_works',
    ],
  },
];

describe('definition chunks in each of the 20 languages', () => {
  let whole: Chunker;
  let split: Chunker;
  withChunkers(
    CASES.map((c) => c.language),
    (w, s) => ([whole, split] = [w, s]),
  );

  for (const c of CASES) {
    const text = () => readFileSync(`${FIXTURES}${c.file}.fixture`, 'utf8');

    it(`${c.language}: keeps each definition whole with its doc comment and names it`, () => {
      expect(rows(whole, c.language, text())).toEqual(c.whole);
    });

    it(`${c.language}: splits containers at members with qualified symbols`, () => {
      expect(rows(split, c.language, text())).toEqual(c.split);
    });

    it(`${c.language}: chunk content is exactly the source lines`, () => {
      const source = text().split('\n');
      for (const chunk of split.chunkSync('x', c.language, text())) {
        expect(chunk.content).toBe(source.slice(chunk.startLine - 1, chunk.endLine).join('\n'));
      }
    });
  }
});
