// Milliseconds per issue and per verify of the bench credential (bench/credential.mjs), both Data
// Integrity suites, for one build of microcred (median wall and CPU time per operation): `node scripts/one-pass-timing.mjs [dist dir]`
// (default ./dist; run `npx tsup` first). Small on purpose: one process, a short warm-up, then
// interleaved timed rounds, and the median round reported. Each issued proof must be the first
// one's and each verification verified, or it stops. Not the bench: no plain pipeline, no GC share.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadavg } from 'node:os';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { CREATED, NOW, SEED, unsignedCredential } from '../bench/credential.mjs';

const dist = resolve(process.argv[2] ?? 'dist');
const microcred = await import(pathToFileURL(`${dist}/index.js`).href);
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const PER_ROUND = Number(process.env.PER_ROUND ?? 60);

const pair = await Ed25519Multikey.generate({ seed: SEED });
const key = await microcred.importKey({
  publicKeyMultibase: pair.publicKeyMultibase,
  secretKeyMultibase: pair.secretKeyMultibase,
});
const loader = new microcred.DocumentLoader();
const credential = unsignedCredential(key.controller);
const now = new Date(CREATED);

const cases = {};
for (const suite of ['eddsa-rdfc-2022', 'Ed25519Signature2020']) {
  const signed = await microcred.issueCredential(credential, { key, loader, now, suite });
  const proofValue = signed.proof.proofValue;
  cases[`issue ${suite}`] = async () => {
    const out = await microcred.issueCredential(credential, { key, loader, now, suite });
    if (out.proof.proofValue !== proofValue) throw new Error(`issue ${suite}: a different proof`);
  };
  cases[`verify ${suite}`] = async () => {
    const report = await microcred.verifyCredential(signed, { loader, now: NOW });
    if (!report.verified) throw new Error(`verify ${suite}: ${JSON.stringify(report.checks.find((c) => c.problem))}`);
  };
}

for (const run of Object.values(cases)) for (let i = 0; i < 30; i++) await run(); // warm-up
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
const cpu = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(cases)) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    for (let i = 0; i < PER_ROUND; i++) await run();
    times[name].push((performance.now() - start) / PER_ROUND);
    const used = process.cpuUsage(startCpu);
    cpu[name].push((used.user + used.system) / 1000 / PER_ROUND);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `${dist} · load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
for (const [name, xs] of Object.entries(times))
  console.log(
    `${name.padEnd(30)} ${median(xs).toFixed(2)} ms wall, ${median(cpu[name]).toFixed(2)} ms CPU (rounds: ${xs.map((x) => x.toFixed(1)).join(' ')})`,
  );
