#!/usr/bin/env node
// Adds lockfile entries for the optional platform packages of @rollup that this machine's registry
// does not serve (404), so that npm >= 11 `npm ci` accepts the lockfile. Usage: node scripts/fix-lockfile.cjs package-lock.json (run after every npm install)
const fs = require('fs');
const file = process.argv[2];
const l = JSON.parse(fs.readFileSync(file, 'utf8'));
let n = 0;
for (const [key, pkg] of Object.entries({ ...l.packages })) {
  if (!/node_modules\/rollup$/.test(key)) continue;
  for (const [name, ver] of Object.entries(pkg.optionalDependencies || {})) {
    const k = key.replace(/rollup$/, name);
    if (l.packages[k]) continue;
    const [os, cpu, abi] = name
      .split('/')[1]
      .replace(/^rollup-/, '')
      .split('-');
    const e = { version: ver, cpu: [cpu], dev: true, license: 'MIT', optional: true, os: [os] };
    if (abi && os === 'linux') e.libc = [abi.includes('musl') ? 'musl' : 'glibc'];
    l.packages[k] = e;
    n++;
  }
}
const sorted = {};
for (const k of Object.keys(l.packages).sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))))
  sorted[k] = l.packages[k];
l.packages = sorted;
fs.writeFileSync(file, JSON.stringify(l, null, 2) + '\n');
console.error(`added ${n} entries`);
