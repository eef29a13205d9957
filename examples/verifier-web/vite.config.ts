// The verifier page, built with Vite. The library is imported from the source (`microcred`), with the
// WebCrypto runtime (`#runtime`): the same code the package ships for browsers, contexts included.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Writes precache.json, the list of every file the build made: the service worker keeps them all at
 * install, so the parts of microcred that load on first use (image readers, rarer suites, schemas)
 * are there offline too, not only those the visitor happened to need while online.
 */
function precacheList(): Plugin {
  return {
    name: 'precache-list',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).sort();
      this.emitFile({ type: 'asset', fileName: 'precache.json', source: JSON.stringify(files) });
    },
  };
}

export default defineConfig({
  plugins: [precacheList()],
  root: here('.'),
  // Relative asset URLs: the built page works from any folder of a site (or a file server's subpath).
  base: './',
  resolve: {
    alias: {
      'microcred/element': here('../../src/element/index.ts'),
      microcred: here('../../src/index.ts'),
      '#runtime': here('../../src/runtime/browser.ts'),
    },
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    // The verifier is one large module (JSON-LD, the bundled contexts and schemas): say so only past 3 MB.
    chunkSizeWarningLimit: 3000,
  },
});
