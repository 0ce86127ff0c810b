import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChunker } from '../../src/chunk/index.js';
import type { Chunker } from '../../src/chunk/index.js';
import type { Language } from '../../src/core/index.js';

let chunker: Chunker;
beforeAll(async () => {
  chunker = await createChunker();
});
afterAll(() => chunker.close());

async function rows(language: Language, path: string, text: string): Promise<string[]> {
  await chunker.load(language);
  return chunker
    .chunkSync(path, language, text)
    .map((c) => `${c.startLine}-${c.endLine} ${c.kind} ${c.symbol}`);
}

describe('C/C++ export and inline macros', () => {
  it('keeps `SPDLOG_INLINE Type Class::name(…)` definitions named and inside their namespace', async () => {
    const text = [
      'namespace spdlog {', //                                         1
      '',
      'SPDLOG_INLINE logger::logger(const logger &other)', //          3
      '    : name_(other.name_)',
      '{}',
      '',
      'SPDLOG_INLINE void logger::swap(spdlog::logger &other) SPDLOG_NOEXCEPT', // 7
      '{',
      '    name_.swap(other.name_);',
      '}',
      '',
      'SPDLOG_INLINE level::level_enum logger::level() const', //     12
      '{',
      '    return level_;',
      '}',
      '} // namespace spdlog',
    ].join('\n');
    const out = await rows('cpp', 'logger-inl.h', text);
    expect(out).toContain('3-5 constructor spdlog.logger.logger');
    expect(out).toContain('7-10 method spdlog.logger.swap');
    expect(out, out.join('; ')).toContain('12-16 method spdlog.logger.level');
  });

  it('reads `class SPDLOG_API logger` as the class logger', async () => {
    const text = [
      'namespace spdlog {',
      'class SPDLOG_API logger',
      '{',
      'public:',
      '    void flush();',
      '    bool should_log(level::level_enum msg_level) const',
      '    {',
      '        return msg_level >= level_;',
      '    }',
      '};',
      '}',
    ].join('\n');
    const out = await rows('cpp', 'logger.h', text);
    expect(out.some((r) => / class spdlog\.logger$/.test(r))).toBe(true);
  });

  it('reads a namespace opened by a macro alone on its line (`RAPIDJSON_NAMESPACE_BEGIN`)', async () => {
    const text = [
      'RAPIDJSON_NAMESPACE_BEGIN',
      '',
      'template<typename CharType = char>',
      'struct UTF8 {',
      '    static unsigned Take(unsigned c) {',
      '        return c;',
      '    }',
      '};',
      '',
      'RAPIDJSON_NAMESPACE_END',
    ].join('\n');
    const out = await rows('cpp', 'encodings.h', text);
    expect(out).toContain('3-8 struct UTF8');
  });

  it('keeps a macro on the line above a C function in the function (`LZ4_FORCE_INLINE`)', async () => {
    const text = [
      '/* copy 8 bytes at a time */',
      'LZ4_FORCE_INLINE',
      'void LZ4_wildCopy8(void* dst, const void* src, void* end)',
      '{',
      '    do { memcpy(dst, src, 8); } while (dst < end);',
      '}',
      '',
      'LZ4LIB_API int LZ4_compressBound(int isize) { return isize + 16; }',
      '',
      'LARGE_INTEGER counter;',
    ].join('\n');
    const out = await rows('c', 'lz4.c', text);
    expect(out[0]).toBe('1-6 function LZ4_wildCopy8');
    expect(out).toContain('8-8 function LZ4_compressBound');
  });
});

describe('Haskell leading comments and pragmas', () => {
  it('keeps the signature and Haddock above SPECIALISE pragmas with the equation', async () => {
    const text = [
      'module M where',
      '',
      '-- | Parse a signed number.',
      'signed :: Num a => Parser a -> Parser a',
      '{-# SPECIALISE signed :: Parser Int -> Parser Int #-}',
      'signed p = negate <$> p',
    ].join('\n');
    expect(await rows('haskell', 'M.hs', text)).toContain('3-6 function signed');
  });

  it('takes a Haddock comment one blank line above the signature', async () => {
    const text = [
      'module Main where',
      '',
      'data X = X',
      '',
      '-- | Name of the executable.',
      '',
      'self :: String',
      'self = "json2yaml"',
    ].join('\n');
    const out = await rows('haskell', 'Main.hs', text);
    expect(out, out.join('; ')).toContain('5-8 function self');
  });
});
