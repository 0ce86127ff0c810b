import { describe, expect, it } from 'vitest';
import { decodeText, isBinary } from '../../src/scan/index.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('isBinary', () => {
  it('treats a NUL byte in the first 8 KiB as binary', () => {
    expect(isBinary(Buffer.from('hello\0world'))).toBe(true);
  });

  it('looks only at the first 8 KiB', () => {
    const late = Buffer.concat([Buffer.alloc(9000, 'a'), Buffer.from([0])]);
    expect(isBinary(late)).toBe(false);
  });

  it('treats a high share of control characters as binary', () => {
    const noisy = Buffer.from(Array.from({ length: 100 }, (_, i) => (i % 4 === 0 ? 0x01 : 0x41)));
    expect(isBinary(noisy)).toBe(true);
  });

  it('accepts text with tabs, CRLF, form feeds, ANSI colours and non-ASCII bytes', () => {
    expect(isBinary(Buffer.from('a\tb\r\n\f\u001b[31mred\u001b[0m caf\u00e9 \u4e2d\u6587\n'))).toBe(false);
    expect(isBinary(bytes(0x63, 0x61, 0x66, 0xe9))).toBe(false);
  });

  it('accepts UTF-16 text with a byte order mark despite its NUL bytes', () => {
    expect(isBinary(Buffer.concat([bytes(0xff, 0xfe), Buffer.from('abc', 'utf16le')]))).toBe(false);
  });

  it('accepts an empty file', () => {
    expect(isBinary(bytes())).toBe(false);
  });
});

describe('decodeText', () => {
  it('decodes valid UTF-8 and strips its byte order mark', () => {
    expect(decodeText(Buffer.from('\ufeffhé 中文'))).toBe('hé 中文');
  });

  it('falls back to windows-1252 for bytes that are not UTF-8', () => {
    expect(decodeText(bytes(0x93, 0x71, 0x94, 0x20, 0x96, 0x20, 0xe9, 0xff))).toBe(
      '\u201cq\u201d \u2013 \u00e9\u00ff',
    );
  });

  it('decodes legacy CJK text in the encoding its first lines declare', () => {
    const sjis = bytes(0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea); // 日本語 in Shift_JIS
    const eucJp = bytes(0xc6, 0xfc, 0xcb, 0xdc, 0xb8, 0xec); // 日本語 in EUC-JP
    const gbk = bytes(0xd6, 0xd0, 0xce, 0xc4); // 中文 in GBK
    const file = (head: string, body: Uint8Array, tail = '') =>
      Buffer.concat([Buffer.from(head), body, Buffer.from(tail)]);
    expect(decodeText(file('# -*- coding: cp932 -*-\n# ', sjis, '\nx = 1\n'))).toBe(
      '# -*- coding: cp932 -*-\n# 日本語\nx = 1\n',
    );
    expect(decodeText(file('/* vim: set fenc=euc-jp: */\n// ', eucJp))).toBe(
      '/* vim: set fenc=euc-jp: */\n// 日本語',
    );
    expect(decodeText(file('<?xml version="1.0" encoding="Shift_JIS"?>\n<a>', sjis, '</a>'))).toBe(
      '<?xml version="1.0" encoding="Shift_JIS"?>\n<a>日本語</a>',
    );
    expect(decodeText(file('<meta charset=gb2312>', gbk))).toBe('<meta charset=gb2312>中文');
    expect(decodeText(file('# -*- coding: euc-japan-unix -*-\n', eucJp))).toContain('日本語');
    // Ruby's and Python's `encoding:` spelling, Python's alias
    expect(decodeText(file('# encoding: eucjp\n# ', eucJp))).toBe('# encoding: eucjp\n# 日本語');
  });

  it('reads undeclared, unknown or wrongly declared 8-bit text as windows-1252', () => {
    const sjis = bytes(0x93, 0xfa, 0x96, 0x7b);
    expect(decodeText(Buffer.concat([Buffer.from('// '), sjis]))).toBe('// \u201c\u00fa\u2013{');
    expect(decodeText(Buffer.concat([Buffer.from('# coding: klingon\n'), bytes(0xe9)]))).toBe(
      '# coding: klingon\né',
    );
    expect(decodeText(Buffer.concat([Buffer.from('# coding: utf-8\n'), bytes(0xe9)]))).toBe(
      '# coding: utf-8\né',
    );
    // a declaration readable as ASCII is no UTF-16 text
    expect(decodeText(Buffer.concat([Buffer.from('<meta charset="utf-16"><p>caf'), bytes(0xe9)]))).toBe(
      '<meta charset="utf-16"><p>café',
    );
  });

  it('decodes UTF-16 LE and BE by their byte order mark', () => {
    expect(decodeText(Buffer.concat([bytes(0xff, 0xfe), Buffer.from('x€', 'utf16le')]))).toBe('x€');
    expect(decodeText(Buffer.concat([bytes(0xfe, 0xff), Buffer.from('x€', 'utf16le').swap16()]))).toBe('x€');
  });

  it('never throws, whatever the bytes', () => {
    for (let seed = 0; seed < 200; seed++) {
      const random = Uint8Array.from({ length: 64 }, (_, i) => (seed * 31 + i * 17) % 256);
      expect(typeof decodeText(random)).toBe('string');
    }
    expect(decodeText(bytes(0xff, 0xfe, 0x41))).toBeTypeOf('string'); // odd-length UTF-16
  });
});
