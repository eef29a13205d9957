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
    // microcred/node: the Node-only parts (the file status store), kept out of the browser-safe entry.
    // microcred/postgres: the PostgreSQL status store; `pg` stays external (an optional peer dependency).
    entry: { node: 'src/node.ts', postgres: 'src/postgres/index.ts' },
    format: ['esm', 'cjs'],
    dts: { entry: { node: 'src/node.ts', postgres: 'src/postgres/index.ts' } },
    target: 'node20',
    platform: 'node',
    external: ['#runtime'],
    // MicrocredError comes from the main entry (a self-reference), not a bundled copy, so that
    // `instanceof MicrocredError` holds for the errors this entry throws.
    esbuildPlugins: [
      {
        name: 'errors-from-main-entry',
        setup(build) {
          build.onResolve({ filter: /\/errors\.js$/ }, () => ({ path: 'microcred', external: true }));
        },
      },
    ],
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
