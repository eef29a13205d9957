// verifyMany / issueMany (microcred/node): the same answers as verifyCredential / issueCredential,
// in input order, whichever thread computed them; a thread that dies gives reports (verify) or
// per-item errors (issue), never an exception; small batches stay on the calling thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey, issueCredential, verifyCredential, type Key, type SignedCredential } from '../../src/index.js';
import { WorkerPool, issueMany, verifyMany } from '../../src/node.js';
import { NOW, clone, unsignedCredential } from '../helpers/credential.js';
import { buildWorkers } from './workerFile.js';

const ISSUED_AT = new Date('2026-01-15T09:00:00Z');
let workers: Awaited<ReturnType<typeof buildWorkers>>;
let key: Key;
let signed: SignedCredential[];

function draft(i: number) {
  return { ...unsignedCredential(key), id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}` };
}

beforeAll(async () => {
  workers = await buildWorkers();
  key = await generateKey();
  signed = [];
  for (let i = 0; i < 18; i++) signed.push(await issueCredential(draft(i), { key, now: ISSUED_AT }));
}, 60_000);

afterAll(() => workers?.remove());

describe('verifyMany', () => {
  it('gives, in input order, the reports verifyCredential gives: genuine, tampered and unreadable inputs alike', async () => {
    const tampered = clone(signed[3] as SignedCredential);
    tampered.name = 'Something else';
    const inputs: unknown[] = [...signed, tampered, '{ not json', 42];
    const reports = await verifyMany(inputs, { now: NOW, concurrency: 2, workerFile: workers.worker });
    expect(reports).toHaveLength(inputs.length);
    for (const [i, input] of inputs.entries()) expect(reports[i]).toEqual(await verifyCredential(input, { now: NOW }));
    expect(reports.filter((r) => r.verified)).toHaveLength(signed.length);
    expect(reports[signed.length]?.checks.find((c) => c.id === 'signature')?.outcome).toBe('failed');
  });

  it('a thread that dies: that input gets a report saying so (ERR_WORKER_FAILED), its neighbours their own', async () => {
    const inputs: unknown[] = [...signed.slice(0, 8), 'crash', ...signed.slice(8)];
    const reports = await verifyMany(inputs, { now: NOW, concurrency: 2, workerFile: workers.crashing });
    expect(reports).toHaveLength(inputs.length);
    expect(reports[8]).toMatchObject({
      verified: false,
      summary: 'could-not-check',
      checks: [{ outcome: 'could-not-check', problem: { code: 'ERR_WORKER_FAILED' } }],
    });
    const others = reports.filter((_, i) => i !== 8);
    expect(others.every((r) => r.verified)).toBe(true);
    expect(others.map((r) => r.credential?.id)).toEqual(signed.map((s) => s.id));
  });

  it('a small batch, or concurrency 1, runs on the calling thread (no worker file is loaded)', async () => {
    const missing = `${workers.worker}.missing.mjs`;
    const few = await verifyMany(signed.slice(0, 3), { now: NOW, workerFile: missing });
    expect(few.map((r) => r.verified)).toEqual([true, true, true]);
    const one = await verifyMany(signed, { now: NOW, concurrency: 1, workerFile: missing });
    expect(one.every((r) => r.verified)).toBe(true);
  });
});

describe('WorkerPool', () => {
  it('keeps its threads for several batches of both kinds; once closed, a batch starts its own', async () => {
    const pool = new WorkerPool({ concurrency: 2, workerFile: workers.worker });
    expect(pool.threads).toBe(2);
    try {
      const first = await verifyMany(signed, { now: NOW, pool });
      const issued = await issueMany(
        Array.from({ length: 18 }, (_, i) => draft(i)),
        { key, now: ISSUED_AT, pool },
      );
      const second = await verifyMany(signed, { now: NOW, pool });
      expect(first.every((r) => r.verified) && second.every((r) => r.verified)).toBe(true);
      expect(issued.map((r) => (r.ok ? r.credential : r.error))).toEqual(signed);
    } finally {
      await pool.close();
    }
    const after = await verifyMany(signed, { now: NOW, pool, concurrency: 2, workerFile: workers.worker });
    expect(after.every((r) => r.verified)).toBe(true);
  });
});

describe('issueMany', () => {
  it('issues, in input order, what issueCredential issues; a draft that cannot be issued gets its error in its place', async () => {
    const drafts = Array.from({ length: 18 }, (_, i) => draft(i)) as unknown[];
    drafts.splice(5, 0, { ...draft(99), validFrom: 'yesterday' });
    const results = await issueMany(drafts as never, {
      key,
      now: ISSUED_AT,
      concurrency: 2,
      workerFile: workers.worker,
    });
    expect(results).toHaveLength(drafts.length);
    const failed = results[5];
    expect(failed?.ok).toBe(false);
    if (failed && !failed.ok) expect(failed.error.code).toBe('ERR_DATE_INVALID');
    const issued = results.filter((r) => r.ok).map((r) => (r.ok ? r.credential : undefined));
    // Ed25519 is deterministic: the same key, draft and moment give the same credential, byte for byte.
    expect(issued).toEqual(signed);
  });

  it('a thread that dies: that draft gets ERR_WORKER_FAILED, the others are issued', async () => {
    const drafts: unknown[] = [...Array.from({ length: 17 }, (_, i) => draft(i)), 'crash'];
    const results = await issueMany(drafts as never, {
      key,
      now: ISSUED_AT,
      concurrency: 2,
      workerFile: workers.crashing,
    });
    expect(results.slice(0, 17).every((r) => r.ok)).toBe(true);
    const last = results[17];
    expect(last?.ok).toBe(false);
    if (last && !last.ok) expect(last.error.code).toBe('ERR_WORKER_FAILED');
  });
});
