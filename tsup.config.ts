import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // postgres: the `microcred/postgres` entry, built with the main one so that both share one copy
    // of MicrocredError (`instanceof` and isMicrocredError work across them, in ESM and in CommonJS:
    // splitting is on for both formats); `pg` stays external (a peer dependency).
    entry: { index: 'src/index.ts', postgres: 'src/postgres/index.ts', 'runtime/node': 'src/runtime/node.ts', 'runtime/browser': 'src/runtime/browser.ts' },
    format: ['esm', 'cjs'],
    dts: { entry: { index: 'src/index.ts', postgres: 'src/postgres/index.ts' } },
    target: 'node20',
    platform: 'neutral',
    // Chosen at run time through package.json "imports" conditions (node vs browser).
    external: ['#runtime'],
    splitting: true,
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
