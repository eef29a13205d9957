// issueBatch allocates status entries a chunk at a time: one store call for many credentials, the
// same entries back for a re-run with the same ids, nothing spent on a template every row fails on,
// and one call per credential for a store without allocateMany.
import { describe, expect, it } from 'vitest';
import {
  generateKey,
  issueBatch,
  MemoryStatusStore,
  StatusRegistry,
  verifyCredential,
  type BatchResult,
  type BatchRow,
  type Key,
  type SignedCredential,
  type StatusStore,
} from '../../src/index.js';
import { NOW, unsignedCredential } from '../helpers/credential.js';

async function collect(it: AsyncIterable<BatchResult>): Promise<BatchResult[]> {
  const out: BatchResult[] = [];
  for await (const r of it) out.push(r);
  return out;
}

/** A memory store that counts the calls made to it; `bulk: false` hides allocateMany, as a custom store might. */
function countingStore(bulk: boolean): { store: StatusStore; calls: { allocate: number; allocateMany: number[] } } {
  const inner = new MemoryStatusStore();
  const calls = { allocate: 0, allocateMany: [] as number[] };
  const store: StatusStore = {
    allocate: (...args) => {
      calls.allocate++;
      return inner.allocate(...args);
    },
    ...(bulk
      ? {
          allocateMany: (ids: readonly string[], requests: Parameters<NonNullable<StatusStore['allocateMany']>>[1]) => {
            calls.allocateMany.push(ids.length);
            return inner.allocateMany(ids, requests);
          },
        }
      : {}),
    setStatus: (...args) => inner.setStatus(...args),
    allocations: (id) => inner.allocations(id),
    getList: (id) => inner.getList(id),
    listIds: () => inner.listIds(),
    close: () => inner.close(),
  };
  return { store, calls };
}

function setup(key: Key, store: StatusStore, listLength = 131_072) {
  const template = unsignedCredential(key);
  delete template.id;
  const registry = new StatusRegistry({
    store,
    key,
    listBaseUrl: 'https://pd.example.org/status',
    listLength,
    allowSmallLists: true,
  });
  return { template, registry };
}

describe('issueBatch with status entries allocated in bulk', () => {
  it('allocates a chunk in one store call; each credential verifies with its entries, and revocation shows', async () => {
    const key = await generateKey();
    const { store, calls } = countingStore(true);
    const { template, registry } = setup(key, store, 64);
    // 300 rows: a chunk of 256 and one of 44; lists of 64 roll over inside each chunk.
    const rows: BatchRow[] = Array.from({ length: 300 }, (_, i) => ({ did: `did:example:t${i}` }));
    const results = await collect(issueBatch(rows, { template, key, status: registry, format: 'jwt' }));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(calls.allocate).toBe(0);
    expect(calls.allocateMany).toEqual([256, 44]);
    const places = results.flatMap((r) => (r.ok ? r.status.map((s) => s.id) : []));
    expect(places).toHaveLength(600);
    expect(new Set(places).size).toBe(600);
    for (const ref of await store.listIds()) expect((await store.getList(ref.id))?.allocated).toBeLessThanOrEqual(64);
    expect((await store.listIds()).length).toBe(10);

    const last = results[299]!;
    if (!last.ok) return expect.fail('row 300 failed');
    await registry.revoke(last.id);
    const report = await verifyCredential(last.credential, { status: registry });
    expect(
      report.checks.find((c) => c.id === 'status'),
      JSON.stringify(report.checks.find((c) => c.id === 'status')),
    ).toMatchObject({ outcome: 'failed' });
    const first = results[0]!;
    if (!first.ok) return expect.fail('row 1 failed');
    const fine = await verifyCredential(first.credential, { status: registry });
    expect(fine.verified, JSON.stringify(fine.checks.filter((c) => c.outcome !== 'passed'))).toBe(true);
  });

  it('a re-run with the same ids gets the same entries and spends no new index', async () => {
    const key = await generateKey();
    const { store } = countingStore(true);
    const { template, registry } = setup(key, store);
    const rows: BatchRow[] = Array.from({ length: 12 }, (_, i) => ({
      did: `did:example:r${i}`,
      id: `urn:uuid:0000-${i}`,
    }));
    const controller = new AbortController();
    const firstRun: BatchResult[] = [];
    await expect(
      (async () => {
        for await (const r of issueBatch(rows, {
          template,
          key,
          now: NOW,
          status: registry,
          signal: controller.signal,
        })) {
          firstRun.push(r);
          if (firstRun.length === 5) controller.abort(new Error('killed'));
        }
      })(),
    ).rejects.toThrow('killed');
    const again = await collect(issueBatch(rows, { template, key, now: NOW, status: registry }));
    const entries = (r: BatchResult) => (r.ok ? r.status.map((s) => s.id) : []);
    expect(again.slice(0, 5).map(entries)).toEqual(firstRun.map(entries));
    for (const ref of await store.listIds()) expect((await store.getList(ref.id))?.allocated).toBe(12);
    expect(new Set(again.flatMap(entries)).size).toBe(24);
    const signed = again[11]!;
    expect(signed.ok && (signed.credential as SignedCredential).credentialStatus).toEqual(signed.ok && signed.status);
  });

  it('spends no index on rows the template makes invalid, and allocates from the first valid one on', async () => {
    const key = await generateKey();
    const { store, calls } = countingStore(true);
    const { template, registry } = setup(key, store);
    const rows: BatchRow[] = [
      { did: 'did:example:bad', fields: { validFrom: 'not a date' } },
      { did: 'did:example:ok1' },
      { did: 'did:example:ok2', id: 'not a uri' },
      { did: 'did:example:ok3' },
    ];
    const results = await collect(issueBatch(rows, { template, key, now: NOW, status: registry }));
    expect(results.map((r) => r.ok)).toEqual([false, true, false, true]);
    // One bulk call, for rows 2 and 4 (row 1 was refused before asking; row 3's id is not a URI).
    expect(calls.allocateMany).toEqual([2]);
    for (const ref of await store.listIds()) expect((await store.getList(ref.id))?.allocated).toBe(2);
    expect(results[2]!.ok || results[2]!.error.details.path).toBe('id');

    const { store: idle, calls: none } = countingStore(true);
    const broken = setup(key, idle).registry;
    const refused = await collect(
      issueBatch([{ did: 'did:example:a' }, { did: 'did:example:b' }], {
        template: { ...template, validFrom: 'not a date' },
        key,
        status: broken,
      }),
    );
    expect(refused.every((r) => !r.ok)).toBe(true);
    expect(none.allocateMany).toEqual([]);
    expect(await idle.listIds()).toEqual([]);
  });

  it('falls back to one allocation per credential and purpose for a store without allocateMany', async () => {
    const key = await generateKey();
    const { store, calls } = countingStore(false);
    const { template, registry } = setup(key, store);
    const rows: BatchRow[] = Array.from({ length: 6 }, (_, i) => ({ did: `did:example:f${i}` }));
    const results = await collect(issueBatch(rows, { template, key, now: NOW, status: registry }));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(calls.allocate).toBe(12);
    expect(new Set(results.flatMap((r) => (r.ok ? r.status.map((s) => s.id) : []))).size).toBe(12);
    // The registry's own bulk method falls back the same way, and agrees with what was handed out.
    const ids = results.map((r) => (r.ok ? r.id : ''));
    const entries = await registry.entriesForMany(ids);
    expect(entries).toEqual(results.map((r) => (r.ok ? r.status : [])));
    expect(calls.allocate).toBe(24);
    await expect(registry.entriesForMany(['urn:uuid:x', 'nope'])).rejects.toMatchObject({
      code: 'ERR_FIELD_INVALID',
      details: { path: 'ids[1]' },
    });
  });
});
