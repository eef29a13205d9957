import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    alias: { '#runtime': fileURLToPath(new URL('./src/runtime/node.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    // jsonld caches processed contexts process-wide; separate processes keep test files independent.
    pool: 'forks',
    testTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
  },
});
