import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helpText } from '../../src/cli/index.js';

const README = resolve(import.meta.dirname, '../../README.md');

describe('README "Command line"', () => {
  it('lists the usage of every command exactly as --help prints it, and the global flags', async () => {
    const readme = await readFile(README, 'utf8');
    const section = readme.slice(readme.indexOf('## Command line'));
    const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!.trim().split('\n');
    const help = helpText().split('\n');
    const usage = help.slice(help.indexOf('Usage:') + 1, help.indexOf('', help.indexOf('Usage:')));
    expect(block).toEqual(usage.map((l) => l.trim()));
    const globals = help.find((l) => l.startsWith('Global flags:'))!;
    const prose = section.slice(0, section.indexOf('\n## '));
    for (const flag of globals.match(/--[\w-]+/g)!) expect(prose).toContain(`\`${flag}`);
  });
});
