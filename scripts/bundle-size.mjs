#!/usr/bin/env node
// Prints what a browser downloads for microcred: the gzipped size of the whole `microcred` entry and
// of the verify-only `microcred/verify`, each bundled for browsers (esbuild, minified, `#runtime` as
// the WebCrypto runtime) with code splitting, so the suites and schemas loaded on first use are
// chunks of their own: what loads up front, what the first Open Badge verified adds (its JSON
// Schema and status list chunks), and every chunk that may load on demand.
//
//   node scripts/bundle-size.mjs [--top N]     (npm run build prints it too)
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The budget of the verify-only entry's up-front download, gzipped (test/api/bundleSize.test.ts holds it). */
export const VERIFY_BUDGET_BYTES = 120 * 1024;

/**
 * Bundles `entry` (a path under the package root) for browsers and measures it: `entry` and `total`
 * gzipped bytes, the inputs of the up-front part with their minified bytes, and every input bundled.
 */
export async function measure(entry) {
  const outdir = mkdtempSync(join(tmpdir(), 'microcred-size-'));
  try {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: [entry],
      bundle: true,
      write: false,
      minify: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      outdir,
      metafile: true,
      logLevel: 'silent',
      alias: { '#runtime': join(ROOT, 'src', 'runtime', 'browser.ts') },
    });
    const gzipped = new Map(
      result.outputFiles.map((f) => [relative(ROOT, f.path), gzipSync(f.contents, { level: 9 }).length]),
    );
    const outputs = result.metafile.outputs;
    // What loads with a module: its file and the chunks it imports statically, transitively.
    const withStatic = (...modules) => {
      const files = new Set();
      const stack = Object.keys(outputs).filter((o) => modules.includes(outputs[o].entryPoint));
      while (stack.length > 0) {
        const output = stack.pop();
        if (files.has(output)) continue;
        files.add(output);
        for (const i of outputs[output].imports) if (i.kind === 'import-statement') stack.push(i.path);
      }
      return files;
    };
    const sum = (files) => [...files].reduce((n, file) => n + (gzipped.get(file) ?? 0), 0);
    const upFront = withStatic(entry);
    // The first verification of an Open Badge (eddsa-rdfc-2022, with a status entry) also loads the
    // chunks of the JSON Schema check and of the status list reader.
    const firstBadge = sum(withStatic(entry, 'src/verify/schemaRun.ts', 'src/verify/readStatusList.ts'));
    const inputs = new Map();
    for (const output of upFront)
      for (const [input, { bytesInOutput }] of Object.entries(outputs[output].inputs))
        inputs.set(input, (inputs.get(input) ?? 0) + bytesInOutput);
    return {
      entry: sum(upFront),
      firstBadge,
      total: sum(gzipped.keys()),
      chunks: gzipped.size,
      inputs,
      bundled: Object.keys(result.metafile.inputs),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The package (or src/ file) an input belongs to, for a summary of what is big. */
function owner(input) {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return pkg ? pkg[1] : input.split('/').slice(0, 2).join('/');
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 0;
  for (const [name, entry] of [
    ['microcred', 'src/index.ts'],
    ['microcred/verify', 'src/verifyEntry.ts'],
  ]) {
    const size = await measure(entry);
    const budget = entry === 'src/verifyEntry.ts' ? ` (budget ${kb(VERIFY_BUDGET_BYTES)})` : '';
    console.log(
      `${name.padEnd(17)} up front ${kb(size.entry)} gzipped${budget}; with the first badge verified ${kb(size.firstBadge)}; with every on-demand chunk ${kb(size.total)} (${size.chunks} files)`,
    );
    if (top > 0) {
      const byOwner = new Map();
      for (const [input, bytes] of size.inputs) byOwner.set(owner(input), (byOwner.get(owner(input)) ?? 0) + bytes);
      for (const [who, bytes] of [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, top))
        console.log(`    ${kb(bytes).padStart(9)} minified  ${who}`);
    }
  }
}
