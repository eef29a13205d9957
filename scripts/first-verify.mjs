#!/usr/bin/env node
// node scripts/first-verify.mjs [--runs N] [--dist path/to/dist] [--json]
//
// What a fresh Node process pays before its first answer: importing the package, then the first
// verification (every cold cache: the JSON Schema check, context processing, key import), then a
// second one for comparison. Each run is a new `node` process; the figures are medians over the
// runs (wall clock, and the process's CPU time, which a busy machine disturbs less). Needs the built package (`npm run build`); `--dist` measures another build (e.g. main's).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CREATED, NOW, unsignedCredential } from '../bench/credential.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
};
const runs = Number(option('--runs', '7'));
const dist = resolve(option('--dist', join(ROOT, 'dist')));
const entry = pathToFileURL(join(dist, 'index.js')).href;

// The credential, signed once here (a separate process from the ones measured).
const { generateKey, issueCredential, DocumentLoader } = await import(entry);
const key = await generateKey();
const signed = await issueCredential(unsignedCredential(key.controller), {
  key,
  loader: new DocumentLoader(),
  now: new Date(CREATED),
});

const dir = mkdtempSync(join(os.tmpdir(), 'microcred-first-'));
const input = join(dir, 'signed.json');
writeFileSync(input, JSON.stringify(signed));
// The child: timings from its own clock, the import included; the result is checked.
const child = `
const { readFileSync } = await import('node:fs');
const signed = JSON.parse(readFileSync(${JSON.stringify(input)}, 'utf8'));
const c0 = process.cpuUsage();
const t0 = performance.now();
const microcred = await import(${JSON.stringify(entry)});
const t1 = performance.now();
const c1 = process.cpuUsage();
const first = await microcred.verifyCredential(signed, { now: new Date(${JSON.stringify(NOW.toISOString())}) });
const t2 = performance.now();
const c2 = process.cpuUsage();
const second = await microcred.verifyCredential(signed, { now: new Date(${JSON.stringify(NOW.toISOString())}) });
const t3 = performance.now();
const c3 = process.cpuUsage();
if (!first.verified || !second.verified) throw new Error('not verified: ' + JSON.stringify(first.checks.filter((c) => c.outcome !== 'passed')));
const cpu = (a, b) => (b.user + b.system - a.user - a.system) / 1000;
console.log(JSON.stringify({ importMs: t1 - t0, firstVerifyMs: t2 - t1, secondVerifyMs: t3 - t2, processMs: t3, importCpuMs: cpu(c0, c1), firstVerifyCpuMs: cpu(c1, c2), secondVerifyCpuMs: cpu(c2, c3) }));
`;

const samples = [];
try {
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8' });
    samples.push(JSON.parse(out.trim().split('\n').pop()));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const median = (name) => {
  const values = samples.map((s) => s[name]).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)];
};
const result = {
  dist,
  runs,
  node: process.version,
  loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
  cpus: os.availableParallelism(),
  importMs: median('importMs'),
  firstVerifyMs: median('firstVerifyMs'),
  secondVerifyMs: median('secondVerifyMs'),
  processMs: median('processMs'),
  importCpuMs: median('importCpuMs'),
  firstVerifyCpuMs: median('firstVerifyCpuMs'),
  secondVerifyCpuMs: median('secondVerifyCpuMs'),
};
if (args.includes('--json')) console.log(JSON.stringify(result, null, 2));
else {
  console.log(
    `${dist} — median of ${runs} fresh processes, Node ${process.version}, load ${result.loadAverage.join(' ')}`,
  );
  console.log(`  import the package   ${result.importMs.toFixed(1)} ms (CPU ${result.importCpuMs.toFixed(1)} ms)`);
  console.log(
    `  first verification   ${result.firstVerifyMs.toFixed(1)} ms (CPU ${result.firstVerifyCpuMs.toFixed(1)} ms; schema check included)`,
  );
  console.log(
    `  second verification  ${result.secondVerifyMs.toFixed(1)} ms (CPU ${result.secondVerifyCpuMs.toFixed(1)} ms)`,
  );
  console.log(`  process start to end ${result.processMs.toFixed(1)} ms`);
}
