/**
 * Measures the built-in embedder on one core: load time, and chunks per second (tokenisation
 * included) on 40-line chunks of real code.
 *
 *   node --import tsx model/bench-runtime.ts [model.bin] [source dir]...
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadBuiltinModel } from '../src/embed/builtin-model.js';
import { BuiltinVectorizer, resolveBuiltinModelPath } from '../src/embed/builtin.js';

const ROOT = resolve(import.meta.dirname, '..');

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) yield* files(p);
    else if (/\.(ts|js|py|go|rs|rb)$/.test(name) && !name.endsWith('.min.js') && st.size < 500_000) yield p;
  }
}

async function main(): Promise<void> {
  const modelPath = process.argv[2] ?? resolveBuiltinModelPath();
  const dirs =
    process.argv.length > 3 ? process.argv.slice(3) : [join(ROOT, 'src'), join(ROOT, 'node_modules', 'zod')];
  const chunks: string[] = [];
  for (const dir of dirs) {
    for (const f of files(dir)) {
      const lines = readFileSync(f, 'utf8').split('\n');
      for (let i = 0; i < lines.length && chunks.length < 20_000; i += 40)
        chunks.push(lines.slice(i, i + 40).join('\n'));
    }
  }
  const t0 = performance.now();
  const model = await loadBuiltinModel(modelPath);
  const v = new BuiltinVectorizer(model);
  const loadMs = performance.now() - t0;
  // Cold pass (empty identifier cache), then a warm pass.
  for (const pass of ['cold', 'warm']) {
    const s = performance.now();
    const cpu = process.cpuUsage();
    let sink = 0;
    for (const c of chunks) sink += v.embed(c)[0]!;
    const dt = (performance.now() - s) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const chars = Math.round(chunks.reduce((a, c) => a + c.length, 0) / chunks.length);
    process.stdout.write(
      `${pass}: ${chunks.length} chunks (${chars} chars avg): ${Math.round(chunks.length / dt)} chunks/s wall, ` +
        `${Math.round(chunks.length / cpuSeconds)} chunks per CPU-second${sink > 1e9 ? '!' : ''}\n`,
    );
  }
  process.stdout.write(
    `model: ${modelPath} ${statSync(modelPath).size} bytes, load ${loadMs.toFixed(0)} ms, ` +
      `${model.metadata.vocabularySize} terms × ${model.metadata.dimensions} dims\n`,
  );
}

await main();
