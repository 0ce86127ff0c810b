import { describe, expect, it } from 'vitest';
import { extractPairs, pairLanguage } from '../../model/extract-pairs.js';
import { debianLicence, isPermissiveExpression, npmLicence } from '../../model/licence.js';
import { isReservedPackage, isReservedPath, reservedNames } from '../../model/reserved.js';

describe('corpus licences', () => {
  it('accepts permissive licences and refuses copyleft or unknown ones', () => {
    for (const ok of [
      'MIT',
      'ISC',
      'Apache-2.0',
      'BSD-3-Clause',
      '(MIT OR Apache-2.0)',
      'MIT AND ISC',
      'Expat',
    ]) {
      expect(isPermissiveExpression(ok), ok).toBe(true);
    }
    for (const no of [
      'GPL-3.0',
      'LGPL-2.1+',
      'MPL-2.0',
      'AGPL-3.0-only',
      'MIT AND GPL-2.0',
      'UNLICENSED',
      '',
    ]) {
      expect(isPermissiveExpression(no), no).toBe(false);
    }
    expect(isPermissiveExpression('GPL-2.0 OR MIT')).toBe(true); // we may choose MIT
    expect(npmLicence({ license: { type: 'MIT' } })).toBe('MIT');
  });

  it('reads Debian DEP-5 copyright files, ignoring the debian/ packaging paragraph', () => {
    const dep5 = (licence: string): string =>
      `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n` +
      `Files: *\nCopyright: someone\nLicense: ${licence}\n\nFiles: debian/*\nLicense: GPL-2+\n`;
    expect(debianLicence(dep5('Expat'))).toEqual({ licences: ['Expat'], permissive: true });
    expect(debianLicence(dep5('LGPL-3')).permissive).toBe(false);
    expect(debianLicence('This package is free software; see /usr/share/common-licenses.').permissive).toBe(
      false,
    );
  });
});

describe('reserved projects', () => {
  const reserved = reservedNames('/nonexistent');

  it('leaves out reserved packages by name and vendored copies by path', () => {
    expect(isReservedPackage('python3-flask-sqlalchemy', reserved)).toBe(true);
    expect(isReservedPackage('librust-serde-json-dev', reserved)).toBe(true);
    expect(isReservedPackage('php-guzzlehttp-psr7', reserved)).toBe(true);
    expect(isReservedPackage('python3-attr', reserved)).toBe(false);
    expect(isReservedPath('usr/lib/python3/dist-packages/pip/_vendor/requests/api.py', reserved)).toBe(true);
    expect(isReservedPath('usr/share/cargo/registry/tokio-1.24.2/src/lib.rs', reserved)).toBe(true);
    expect(isReservedPath('usr/share/gocode/src/github.com/spf13/cobra/command.go', reserved)).toBe(true);
    expect(isReservedPath('usr/lib/python3/dist-packages/attr/_make.py', reserved)).toBe(false);
  });
});

describe('pair extraction', () => {
  it('pairs a Python docstring with the function, without the docstring', () => {
    const src = [
      'def parse_header(line, strict=False):',
      '    """Parse one HTTP header line into a name and a value.',
      '',
      '    Args:',
      '        line: the raw line',
      '    """',
      '    name, _, value = line.partition(":")',
      '    return name.strip(), value.strip()',
      '',
      'x = 1',
    ].join('\n');
    const pairs = extractPairs(src, 'python');
    expect(pairs).toHaveLength(1);
    expect(pairs[0]!.doc).toBe('Parse one HTTP header line into a name and a value.');
    expect(pairs[0]!.code).toContain('return name.strip()');
    expect(pairs[0]!.code).not.toContain('Parse one');
    expect(pairs[0]!.code).not.toContain('x = 1');
  });

  it('pairs comments above Go funcs, Rust fns and Ruby defs, and JSDoc above functions', () => {
    const go =
      '// Sum adds all the numbers in the slice together.\nfunc Sum(xs []int) int {\n\tt := 0\n\tfor _, x := range xs {\n\t\tt += x\n\t}\n\treturn t\n}\n';
    // Go's convention of starting with the function name is dropped: queries do not do that.
    expect(extractPairs(go, 'go')[0]).toMatchObject({ doc: 'adds all the numbers in the slice together.' });
    const rust =
      '/// Returns the largest element of the slice.\n#[inline]\npub fn max_of(xs: &[i32]) -> i32 {\n    let mut m = xs[0];\n    for x in xs { if *x > m { m = *x; } }\n    m\n}\n';
    expect(extractPairs(rust, 'rust')[0]!.code).toContain('pub fn max_of');
    const ruby =
      '  # Formats the amount as a currency string.\n  def format_money(amount)\n    sym = "$"\n    "#{sym}#{amount}"\n  end\n';
    expect(extractPairs(ruby, 'ruby')[0]!.doc).toBe('Formats the amount as a currency string.');
    const js =
      '/**\n * Debounces a callback so it runs once after calls stop.\n * @param {Function} fn\n */\nexport function debounce(fn, ms) {\n  let t;\n  return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); };\n}\n';
    const pair = extractPairs(js, 'javascript')[0]!;
    expect(pair.doc).toBe('Debounces a callback so it runs once after calls stop.');
    expect(pair.code.startsWith('export function debounce')).toBe(true);
    expect(pairLanguage('lib/index.d.ts')).toBeNull();
    expect(pairLanguage('src/app.min.js')).toBeNull();
  });
});
