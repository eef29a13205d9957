import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';

export default defineConfig({
  resolve: {
    alias: { '#runtime': fileURLToPath(new URL('./src/runtime/node.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    // jsonld caches processed contexts process-wide; separate processes keep test files independent.
    pool: 'forks',
    // vitest's default leaves one core idle (cores - 1): on a 2-core CI machine that is one file at
    // a time. The heavy suites (test/hardening) are split into files so that every core has work.
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
  },
});
