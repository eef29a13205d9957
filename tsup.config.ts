import { join } from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

/** Modules of src/ that microcred/node and microcred/postgres import from the main entry rather than bundle. */
const FROM_MAIN_ENTRY = [join('src', 'errors.js'), join('src', 'competency', 'define.js'), join('src', 'index.js')];

/**
 * Modules of src/ that microcred/http imports from the main entry: the errors, and the verifier with
 * its loader, so that a DocumentLoader made with `microcred` is the one class the handler knows.
 */
const HTTP_FROM_MAIN_ENTRY = [
  join('src', 'errors.js'),
  join('src', 'contexts', 'documentLoader.js'),
  join('src', 'verify', 'verifyCredential.js'),
];

/** An esbuild plugin resolving `modules` to the package's own main entry (`microcred`) instead of bundling them again. */
function fromMainEntry(modules: string[]): Plugin {
  return {
    name: 'from-main-entry',
    setup(build) {
      build.onResolve({ filter: /\.js$/ }, (args) => {
        const target = join(args.resolveDir, args.path);
        return modules.some((module) => target.endsWith(module)) ? { path: 'microcred', external: true } : undefined;
      });
    },
  };
}

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      'runtime/node': 'src/runtime/node.ts',
      'runtime/browser': 'src/runtime/browser.ts',
      // microcred/verify: the verifier alone (no YAML parser, issuing or competency model), for sites.
      verify: 'src/verifyEntry.ts',
    },
    format: ['esm', 'cjs'],
    dts: { entry: { index: 'src/index.ts', verify: 'src/verifyEntry.ts' } },
    target: 'node20',
    platform: 'neutral',
    // Chosen at run time through package.json "imports" conditions (node vs browser).
    external: ['#runtime'],
    clean: true,
    // No source maps in the package: the bundles are not minified (a stack trace into dist/ reads as
    // the source does), maps with their embedded sources were 3.4 of the 5.3 MB unpacked, and maps
    // without them point at src/ files the package does not ship (bundlers such as Vite warn).
    sourcemap: false,
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
    // What the main entry exports is taken from it (a self-reference, `microcred`), not bundled again:
    // MicrocredError, so that `instanceof MicrocredError` holds for the errors this entry throws, and
    // the definition parser (ajv, yaml and the schema) that loadCompetency calls.
    esbuildPlugins: [fromMainEntry(FROM_MAIN_ENTRY)],
    sourcemap: false,
  },
  {
    // microcred/http: the verifier service as a Fetch-API handler; Node-only for its status list folder.
    entry: { http: 'src/http/index.ts' },
    format: ['esm', 'cjs'],
    dts: { entry: { http: 'src/http/index.ts' } },
    target: 'node20',
    platform: 'node',
    external: ['#runtime'],
    esbuildPlugins: [fromMainEntry(HTTP_FROM_MAIN_ENTRY)],
    sourcemap: false,
  },
  {
    // The module every worker thread of verifyMany / issueMany loads (src/parallel/pool.ts finds it
    // beside node.js and node.cjs). An ES module only: worker threads load one whatever the caller is.
    // It takes the library from the main entry (`microcred`) like microcred/node.
    entry: { worker: 'src/parallel/worker.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    external: ['#runtime', 'microcred'],
    esbuildPlugins: [
      {
        name: 'from-main-entry',
        setup(build) {
          build.onResolve({ filter: /\.js$/ }, (args) => {
            const target = join(args.resolveDir, args.path);
            return FROM_MAIN_ENTRY.some((module) => target.endsWith(module))
              ? { path: 'microcred', external: true }
              : undefined;
          });
        },
      },
    ],
    sourcemap: false,
  },
  {
    // microcred/element: the <microcred-verifier> custom element, for browsers. The library itself is
    // taken from the main entry (`microcred`), so a page that also imports microcred holds one copy.
    // Its own tsconfig adds the DOM library, whose types the rest of src/ must not see.
    entry: { element: 'src/element/index.ts' },
    format: ['esm', 'cjs'],
    dts: { entry: { element: 'src/element/index.ts' } },
    tsconfig: 'src/element/tsconfig.json',
    target: 'es2022',
    platform: 'browser',
    external: ['#runtime', 'microcred'],
    esbuildPlugins: [fromMainEntry([join('src', 'index.js')])],
    sourcemap: false,
  },
  {
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    external: ['#runtime'],
    banner: { js: '#!/usr/bin/env node' },
    sourcemap: false,
  },
]);
