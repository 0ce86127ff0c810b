import { afterEach, describe, expect, it } from 'vitest';
import { scanRepository } from '../../src/scan/index.js';
import type { ScanResult } from '../../src/scan/index.js';
import { createTree } from './support/tree.js';
import type { Entry, Tree } from './support/tree.js';

const trees: Tree[] = [];
afterEach(async () => {
  await Promise.all(trees.splice(0).map((tree) => tree.remove()));
});

async function scan(entries: Record<string, Entry>): Promise<ScanResult> {
  const tree = await createTree(entries);
  trees.push(tree);
  return scanRepository(tree.root);
}

const skipOf = (result: ScanResult, path: string) => result.skipped.find((entry) => entry.path === path);

describe('scanRepository built-in excludes', () => {
  it.each([
    ['.git/', 'version control', '.git/objects/ab'],
    ['.hg/', 'version control', '.hg/store/data'],
    ['.svn/', 'version control', '.svn/wc.db'],
    ['node_modules/', 'dependencies', 'node_modules/react/index.js'],
    ['web/bower_components/', 'dependencies', 'web/bower_components/x.js'],
    ['vendor/', 'dependencies', 'vendor/github.com/pkg/errors/errors.go'],
    ['dist/', 'build output (at the repository root)', 'dist/index.js'],
    ['build/', 'build output (at the repository root)', 'build/lib/a.py'],
    ['out/', 'build output (at the repository root)', 'out/main.js'],
    ['target/', 'build output (at the repository root)', 'target/debug/build.rs'],
    ['.next/', 'build output', '.next/server/page.js'],
    ['.nuxt/', 'build output', '.nuxt/app.js'],
    ['coverage/', 'coverage report (at the repository root)', 'coverage/lcov.info'],
    ['pkg/__pycache__/', 'build output', 'pkg/__pycache__/mod.cpython-312.pyc'],
    ['.gradle/', 'build output', '.gradle/8.0/file.lock'],
    ['mylib.egg-info/', 'build output', 'mylib.egg-info/PKG-INFO'],
    ['.venv/', 'virtualenv', '.venv/lib/site.py'],
    ['venv/', 'virtualenv', 'venv/lib/site.py'],
    ['.cache/', 'cache', '.cache/data.json'],
    ['.pytest_cache/', 'cache', '.pytest_cache/v/cache/nodeids'],
    ['.mypy_cache/', 'cache', '.mypy_cache/3.12/x.json'],
    ['.tox/', 'cache', '.tox/py312/log.txt'],
    ['infra/.terraform/', 'cache', 'infra/.terraform/providers/x.tf'],
  ])('skips %s (%s) as one entry without listing its files', async (dir, detail, file) => {
    const result = await scan({ [file]: 'content', 'src/main.ts': 'export {}' });
    expect(result.files.map((f) => f.path)).toEqual(['src/main.ts']);
    expect(result.skipped).toEqual([{ path: dir, reason: 'default-exclude', detail }]);
  });

  it('indexes source folders named build, dist, out, target, coverage below the root', async () => {
    const result = await scan({
      'src/pip/_internal/operations/build/build_tracker.py': 'class BuildTracker: pass',
      'src/pip/_internal/operations/build/wheel.py': 'def build_wheel(): pass',
      'lib/dist/x.js': 'x',
      'java/com/acme/out/Writer.java': 'class Writer {}',
      'src/target/aim.go': 'package target',
      'src/coverage/report.py': 'def report(): pass',
      'pyproject.toml': '[project]',
    });
    expect(result.files.map((f) => f.path)).toEqual([
      'java/com/acme/out/Writer.java',
      'lib/dist/x.js',
      'pyproject.toml',
      'src/coverage/report.py',
      'src/pip/_internal/operations/build/build_tracker.py',
      'src/pip/_internal/operations/build/wheel.py',
      'src/target/aim.go',
    ]);
    expect(result.skipped).toEqual([]);
  });

  it('skips build, dist, target and coverage next to a project manifest at any depth', async () => {
    const result = await scan({
      'packages/foo/package.json': '{}',
      'packages/foo/src/index.ts': 'export {}',
      'packages/foo/dist/index.js': 'bundle',
      'packages/foo/coverage/lcov.info': 'TN:',
      'crates/bar/Cargo.toml': '[package]',
      'crates/bar/target/debug/out.rs': 'x',
      'app/build.gradle.kts': 'plugins {}',
      'app/build/generated/R.java': 'class R {}',
      'tools/Tool.csproj': '<Project />',
      'tools/out/Tool.cs': 'x',
    });
    expect(result.files.map((f) => f.path)).toEqual([
      'app/build.gradle.kts',
      'crates/bar/Cargo.toml',
      'packages/foo/package.json',
      'packages/foo/src/index.ts',
      'tools/Tool.csproj',
    ]);
    expect(result.skipped).toEqual([
      { path: 'app/build/', reason: 'default-exclude', detail: 'build output (next to build.gradle.kts)' },
      { path: 'crates/bar/target/', reason: 'default-exclude', detail: 'build output (next to Cargo.toml)' },
      {
        path: 'packages/foo/coverage/',
        reason: 'default-exclude',
        detail: 'coverage report (next to package.json)',
      },
      {
        path: 'packages/foo/dist/',
        reason: 'default-exclude',
        detail: 'build output (next to package.json)',
      },
      { path: 'tools/out/', reason: 'default-exclude', detail: 'build output (next to Tool.csproj)' },
    ]);
  });

  it('brings back a soft-excluded build folder with `!build/` in .codebase-mcpignore', async () => {
    const result = await scan({ '.codebase-mcpignore': '!build/\n', 'build/gen.py': 'x', 'a.py': 'y' });
    expect(result.files.map((f) => f.path)).toEqual(['.codebase-mcpignore', 'a.py', 'build/gen.py']);
  });

  it('recognises a virtualenv by its pyvenv.cfg whatever the directory is called', async () => {
    const result = await scan({ 'env/pyvenv.cfg': 'home = /usr/bin', 'env/lib/x.py': '', 'app.py': '' });
    expect(result.files.map((f) => f.path)).toEqual(['app.py']);
    expect(skipOf(result, 'env/')).toEqual({ path: 'env/', reason: 'default-exclude', detail: 'virtualenv' });
  });

  it('skips bin/ and obj/ next to a .NET project file, and keeps bin/ scripts elsewhere', async () => {
    const result = await scan({
      'App/App.csproj': '<Project />',
      'App/Program.cs': 'class P {}',
      'App/bin/Debug/App.deps.json': '{}',
      'App/obj/project.assets.json': '{}',
      'bin/release.sh': '#!/bin/sh\necho release',
    });
    expect(result.files.map((f) => f.path)).toEqual(['App/App.csproj', 'App/Program.cs', 'bin/release.sh']);
    expect(skipOf(result, 'App/bin/')?.detail).toBe('.NET build output');
    expect(skipOf(result, 'App/obj/')?.detail).toBe('.NET build output');
  });

  it.each([
    ['package-lock.json', 'lock file'],
    ['yarn.lock', 'lock file'],
    ['pnpm-lock.yaml', 'lock file'],
    ['Cargo.lock', 'lock file'],
    ['poetry.lock', 'lock file'],
    ['Gemfile.lock', 'lock file'],
    ['composer.lock', 'lock file'],
    ['go.sum', 'lock file'],
    ['app.min.js', 'minified'],
    ['style.min.css', 'minified'],
    ['app.js.map', 'source map'],
    ['logo.png', 'image'],
    ['icon.svg', 'image'],
    ['clip.mp4', 'media'],
    ['release.tar.gz', 'archive'],
    ['lib.jar', 'archive'],
    ['font.woff2', 'font'],
    ['tool.exe', 'binary'],
    ['libx.so', 'binary'],
    ['Main.class', 'binary'],
    ['mod.pyc', 'binary'],
    ['spec.pdf', 'document'],
    ['report.docx', 'document'],
    ['data.sqlite', 'data'],
    ['model.onnx', 'data'],
  ])('skips %s as %s', async (name, detail) => {
    const result = await scan({ [`assets/${name}`]: 'not really binary', 'keep.ts': 'x' });
    expect(result.files.map((f) => f.path)).toEqual(['keep.ts']);
    expect(result.skipped).toEqual([{ path: `assets/${name}`, reason: 'default-exclude', detail }]);
  });

  it.each([
    ['.env', 'credentials file'],
    ['.env.local', 'environment file'],
    ['.env.production', 'environment file'],
    ['prod.env', 'environment file'],
    ['server.pem', 'key or certificate'],
    ['server.key', 'key or certificate'],
    ['cert.p12', 'key or certificate'],
    ['cert.pfx', 'key or certificate'],
    ['release.keystore', 'key or certificate'],
    ['id_rsa', 'ssh key'],
    ['id_ed25519.pub', 'ssh key'],
    ['.npmrc', 'credentials file'],
    ['.netrc', 'credentials file'],
    ['terraform.tfstate', 'terraform state'],
  ])('skips %s as a secret', async (name, detail) => {
    const result = await scan({ [`config/${name}`]: 'TOKEN=abc', 'keep.ts': 'x' });
    expect(result.files.map((f) => f.path)).toEqual(['keep.ts']);
    expect(result.skipped).toEqual([{ path: `config/${name}`, reason: 'secret', detail }]);
  });

  it('keeps .env templates, which document variables without values', async () => {
    const result = await scan({
      '.env.example': 'API_KEY=',
      '.env.sample': 'A=',
      '.env.local.template': 'B=',
    });
    expect(result.files.map((f) => f.path)).toEqual(['.env.example', '.env.local.template', '.env.sample']);
  });

  it('counts skipped entries by reason', async () => {
    const result = await scan({ 'node_modules/a.js': '', '.env': '', 'yarn.lock': '', 'a.ts': '' });
    expect(result.skippedCounts).toMatchObject({ 'default-exclude': 2, secret: 1, ignored: 0 });
  });
});
