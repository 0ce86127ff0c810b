/**
 * Licence checks for corpus packages. Only permissive licences are accepted; anything copyleft,
 * unknown or ambiguous is left out (a false "no" costs a few pairs, a false "yes" is not allowed).
 */

const PERMISSIVE = [
  /^mit(-0|-style)?$/,
  /^expat$/,
  /^x11$/,
  /^isc$/,
  /^0bsd$/,
  /^bsd(-[0-9]-clause)?(-\w+)?$/,
  /^bsd-like$/,
  /^apache(-2(\.0)?)?$/,
  /^apache-2\.0(-with-llvm-exception)?$/,
  /^zlib$/,
  /^unlicense$/,
  /^cc0(-1\.0)?$/,
  /^public-domain$/,
  /^python(-2\.0)?$/,
  /^psf(-2(\.0)?)?$/,
  /^boost(-1\.0)?$/,
  /^bsl-1\.0$/,
  /^wtfpl$/,
  /^blueoak-1\.0\.0$/,
];

const COPYLEFT =
  /gpl|lgpl|agpl|mpl|epl|cddl|eupl|osl|sspl|cc-by-sa|cc-by-nc|copyleft|busl|commons-clause|proprietary/;

/** Normalises one licence name: `Apache License 2.0` → `apache-2.0`, `BSD 3-Clause` → `bsd-3-clause`. */
export function normaliseLicence(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/\blicen[cs]e\b/g, '')
    .replace(/\bversion\b/g, '')
    .replace(/\bv(?=\d)/g, '')
    .replace(/[()"',]/g, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/^the-/, '')
    .replace(/-+$/, '');
}

/** True for a single permissive licence name. */
export function isPermissiveName(name: string): boolean {
  const n = normaliseLicence(name);
  if (n === '' || COPYLEFT.test(n)) return false;
  return PERMISSIVE.some((re) => re.test(n));
}

/**
 * An SPDX-like expression (`MIT`, `(MIT OR Apache-2.0)`, `MIT AND ISC`): permissive when every
 * AND-term is, and at least one alternative of every OR is permissive (we may choose it).
 */
export function isPermissiveExpression(expression: string): boolean {
  const e = expression.replace(/[()]/g, ' ').trim();
  if (e === '') return false;
  return e
    .split(/\s+and\s+|\s*&\s*/i)
    .every((term) =>
      term.split(/\s+or\s+|\s*\|\s*|\s*\/\s*/i).some((alt) => isPermissiveName(alt.replace(/\+$/, ''))),
    );
}

/** The licence of an npm package.json (`license`, or the legacy `licenses` array). */
export function npmLicence(pkg: Record<string, unknown>): string | null {
  const l = pkg['license'];
  if (typeof l === 'string') return l;
  if (l && typeof l === 'object' && typeof (l as { type?: unknown }).type === 'string') {
    return (l as { type: string }).type;
  }
  const ls = pkg['licenses'];
  if (Array.isArray(ls)) {
    const names = ls.map((x) => (x && typeof x === 'object' ? (x as { type?: unknown }).type : x));
    if (names.every((n) => typeof n === 'string')) return names.join(' OR ');
  }
  return null;
}

/**
 * Licence of a Debian package from its machine-readable `copyright` file (DEP-5). Looks at every
 * `Files:` paragraph except `debian/*` (the packaging, which we do not use). Returns the distinct
 * licences and whether all of them are permissive; a non-DEP-5 file is treated as unknown.
 */
export function debianLicence(copyright: string): { licences: string[]; permissive: boolean } {
  if (!/^Format:\s*\S+/m.test(copyright)) return { licences: ['unknown (not DEP-5)'], permissive: false };
  const licences = new Set<string>();
  let allPermissive = true;
  for (const para of copyright.split(/\n\s*\n/)) {
    const files = /^Files:\s*([\s\S]*?)(?=^\S|$(?![\s\S]))/m.exec(para)?.[1];
    const licence = /^License:\s*(.*)$/m.exec(para)?.[1]?.trim();
    if (files === undefined || licence === undefined) continue;
    const patterns = files.split(/\s+/).filter(Boolean);
    if (patterns.length > 0 && patterns.every((p) => p.startsWith('debian/'))) continue;
    licences.add(licence);
    if (!isPermissiveExpression(licence)) allPermissive = false;
  }
  if (licences.size === 0) return { licences: ['unknown'], permissive: false };
  return { licences: [...licences].sort(), permissive: allPermissive };
}
