// The worker module of verifyMany / issueMany built from the TypeScript sources for the tests (the
// package loads dist/worker.js, which needs `npm run build`). Bundled with esbuild into
// test/scratch/ (ignored by git), where its imports resolve to the project's node_modules.
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the worker once per test file; returns its path, the path of a worker that crashes on the
 * input "crash", and `remove` to delete both.
 */
export async function buildWorkers(): Promise<{ worker: string; crashing: string; remove: () => void }> {
  const dir = `${ROOT}test/scratch/parallel-${process.pid}`;
  mkdirSync(dir, { recursive: true });
  const worker = `${dir}/worker.mjs`;
  await build({
    entryPoints: [`${ROOT}src/parallel/worker.ts`],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    alias: { '#runtime': `${ROOT}src/runtime/node.ts` },
    outfile: worker,
    logLevel: 'error',
  });
  const crashing = `${dir}/crashing.mjs`;
  // A thread that ends abruptly (process.exit in a worker thread ends that thread) on one input.
  writeFileSync(
    crashing,
    `import run from './worker.mjs';
export default async function (task) {
  if ((task.inputs ?? task.drafts).includes('crash')) process.exit(1);
  return run(task);
}
`,
  );
  return { worker, crashing, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
