/**
 * Builds the image once for all container tests, from the working tree's Dockerfile, and hands
 * the build time to the tests. Fails with instructions when no Docker API is reachable.
 */
import type { TestProject } from 'vitest/node';
import { docker, IMAGE, report } from './docker.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Wall time of the image build in global setup, and how many layers came from the cache. */
    imageBuild: { ms: number; cachedSteps: number };
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const version = await docker(['version', '--format', '{{.Server.Version}}']);
  if (version.code !== 0) {
    throw new Error(
      `No Docker API reachable (${version.stderr.trim()}). Run scripts/containers.sh setup && scripts/containers.sh up first.`,
    );
  }
  report('docker server', version.stdout.trim());
  const build = await docker(['build', '--target', 'runtime', '-t', IMAGE, '.'], { timeoutMs: 1_200_000 });
  if (build.code !== 0)
    throw new Error(
      `docker build failed (${build.code}):\n${build.stdout.slice(-4000)}\n${build.stderr.slice(-4000)}`,
    );
  const cachedSteps = (build.stdout.match(/Using cache/g) ?? []).length;
  report(
    'image build',
    `${(build.ms / 1000).toFixed(1)} s (${cachedSteps} steps from the layer cache${cachedSteps === 0 ? ': cold' : ''})`,
  );
  project.provide('imageBuild', { ms: build.ms, cachedSteps });
}
