import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts', 'runtime/node': 'src/runtime/node.ts', 'runtime/browser': 'src/runtime/browser.ts' },
    format: ['esm', 'cjs'],
    dts: { entry: { index: 'src/index.ts' } },
    target: 'node20',
    platform: 'neutral',
    // Chosen at run time through package.json "imports" conditions (node vs browser).
    external: ['#runtime'],
    clean: true,
    sourcemap: true,
  },
  {
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    external: ['#runtime'],
    banner: { js: '#!/usr/bin/env node' },
    sourcemap: true,
  },
]);
