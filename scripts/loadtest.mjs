// A load test of `microcred serve` (not a unit test): starts the built CLI's service on 127.0.0.1 in
// its own process, then keeps N clients posting a mix of credentials for a fixed time, and reports
// requests/s, latency percentiles, errors and the server's memory after warm-up against the end.
//
//   npm run loadtest                         # build, then 10 s with 8 clients after a 3 s warm-up
//   node scripts/loadtest.mjs --duration 30 --clients 16 --warmup 5
//
// Every answer is checked: a request counts as an error unless it is 200 and its report says what
// that credential is (verified, or not for the tampered ones). A fast wrong answer is not a success.
// Exit status 1 when any request failed.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setInterval, clearInterval } from 'node:timers';
import { bakeCredential, generateKey, issueCredential } from '../dist/index.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    clients: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '3' },
  },
});
const DURATION_MS = Number(values.duration) * 1000;
const CLIENTS = Number(values.clients);
const WARMUP_MS = Number(values.warmup) * 1000;

const root = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** The requests the clients pick from, each with the verdict its report must give. */
async function requestMix() {
  const key = await generateKey();
  const now = new Date(Date.now() - 60_000);
  const draft = {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Formative Assessment Practice',
    issuer: { id: key.controller, type: ['Profile'], name: 'Example District PD' },
    credentialSubject: {
      type: ['AchievementSubject'],
      id: 'did:example:teacher-42',
      achievement: {
        id: 'https://pd.example.org/achievements/formative-assessment',
        type: ['Achievement'],
        name: 'Formative Assessment',
        description: 'Uses formative assessment to adjust instruction.',
        criteria: { narrative: 'A reviewed lesson plan and classroom evidence.' },
        achievementType: 'MicroCredential',
      },
    },
  };
  const signed = await issueCredential(structuredClone(draft), { key, now });
  const jwt = await issueCredential(structuredClone(draft), { key, now, format: 'jwt' });
  const png = bakeCredential(new Uint8Array(readFileSync(root('examples/badge/microcred-badge.png'))), signed);
  const json = (body) => ({ body: JSON.stringify(body), type: 'application/json' });
  // Weighted: mostly JSON credentials, valid and tampered, then tokens and baked images.
  return [
    ...Array(4).fill({ name: 'valid json', ...json({ verifiableCredential: signed }), verified: true }),
    ...Array(3).fill({
      name: 'tampered json',
      ...json({ verifiableCredential: { ...signed, name: 'Forged' } }),
      verified: false,
    }),
    ...Array(2).fill({ name: 'valid jwt', body: jwt, type: 'application/jwt', verified: true }),
    { name: 'baked png', body: png, type: 'image/png', verified: true },
  ];
}

/** Starts `microcred serve --port 0` and resolves with its URL and process once it listens. */
function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [root('dist/cli/main.js'), 'serve', '--port', '0', '--host', '127.0.0.1'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const onData = (chunk) => {
      out += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        // The access log is one line per request: drain it without keeping it.
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve({ child, url });
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
  });
}

/** The resident memory of a process, in MiB (from ps, so that it is the server's own, not this process's). */
function rssMiB(pid) {
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
}

async function client(url, mix, until, record) {
  let i = Math.floor(Math.random() * mix.length);
  while (Date.now() < until) {
    const item = mix[i++ % mix.length];
    const started = performance.now();
    let ok = false;
    let why = '';
    try {
      const response = await globalThis.fetch(`${url}/credentials/verify`, {
        method: 'POST',
        headers: { 'content-type': item.type },
        body: item.body,
      });
      const report = await response.json();
      ok = response.status === 200 && report.verified === item.verified;
      if (!ok) why = `${item.name}: HTTP ${response.status}, verified ${report.verified}`;
    } catch (error) {
      why = `${item.name}: ${error.message}`;
    }
    record(performance.now() - started, ok, why);
  }
}

function percentile(sorted, p) {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const mix = await requestMix();
const { child, url } = await startServer();
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
try {
  // Warm-up: the same load, not counted (the first verifications compile the schema and warm caches).
  await Promise.all(Array.from({ length: CLIENTS }, () => client(url, mix, Date.now() + WARMUP_MS, () => {})));
  const rssAfterWarmup = rssMiB(child.pid);
  const latencies = [];
  const errors = new Map();
  const samples = [];
  const sampler = setInterval(() => samples.push(rssMiB(child.pid)), 1000);
  const started = performance.now();
  const until = Date.now() + DURATION_MS;
  await Promise.all(
    Array.from({ length: CLIENTS }, () =>
      client(url, mix, until, (ms, ok, why) => {
        latencies.push(ms);
        if (!ok) errors.set(why, (errors.get(why) ?? 0) + 1);
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const rssAtEnd = rssMiB(child.pid);
  latencies.sort((a, b) => a - b);
  const failed = [...errors.values()].reduce((a, b) => a + b, 0);
  const fmt = (n) => n.toFixed(1);
  console.log(
    `microcred serve on ${url}: ${CLIENTS} clients for ${fmt(seconds)} s after a ${WARMUP_MS / 1000} s warm-up`,
  );
  console.log(`  mix: ${[...new Set(mix.map((m) => m.name))].join(', ')} (4:3:2:1)`);
  console.log(`  requests   ${latencies.length} (${fmt(latencies.length / seconds)}/s)`);
  console.log(
    `  latency    p50 ${fmt(percentile(latencies, 50))} ms, p95 ${fmt(percentile(latencies, 95))} ms, p99 ${fmt(percentile(latencies, 99))} ms, max ${fmt(latencies.at(-1) ?? NaN)} ms`,
  );
  console.log(
    `  errors     ${failed}${failed ? ` (${[...errors].map(([why, n]) => `${n}× ${why}`).join('; ')})` : ''}`,
  );
  console.log(
    `  server RSS ${fmt(rssAfterWarmup)} MiB after warm-up, ${fmt(rssAtEnd)} MiB at the end (peak ${fmt(Math.max(rssAfterWarmup, ...samples, rssAtEnd))} MiB)`,
  );
  process.exitCode = failed > 0 ? 1 : 0;
} finally {
  stop();
}
