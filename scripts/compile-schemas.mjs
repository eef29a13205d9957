#!/usr/bin/env node
// npm run schemas: writes src/schemas/compiled/*.ts, the bundled OB 3.0 JSON Schemas compiled ahead
// of time into ajv standalone code (src/schemas/standaloneSource.ts says how). Run it after changing
// a bundled schema or ajv's version; test/schemas/standalone.test.ts fails until it is run.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'src', 'schemas', 'compiled');

// The generator is TypeScript: bundle it (its dependencies stay external) and import the result
// from inside the project (scratch/ is ignored by git), where its imports resolve to node_modules.
mkdirSync(join(ROOT, 'scratch'), { recursive: true });
const dir = mkdtempSync(join(ROOT, 'scratch', 'schemas-'));
try {
  const bundle = join(dir, 'standaloneSource.mjs');
  await build({
    entryPoints: [join(ROOT, 'src', 'schemas', 'standaloneSource.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: bundle,
    logLevel: 'error',
  });
  const { COMPILED_FILES, standaloneSource } = await import(pathToFileURL(bundle).href);
  for (const [name, file] of Object.entries(COMPILED_FILES)) {
    const source = standaloneSource(name);
    writeFileSync(join(OUT, file), source);
    console.log(`${join('src', 'schemas', 'compiled', file)}: ${(source.length / 1024).toFixed(0)} KB`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
