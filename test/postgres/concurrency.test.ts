import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createPostgresStatusStore, type StatusAllocation, type StatusStore } from '../../src/postgres/index.js';
import { listIdSource, setIndexes } from './lists.js';
import { dropSchemas, newSchema, server, serverUrl } from './server.js';

const CONNECTIONS = 8;

describe.skipIf(server.skip)('PostgreSQL status store under concurrency', () => {
  const pools: pg.Pool[] = [];
  // Per test, so that in CI a missing server fails every test rather than skipping them.
  beforeEach(() => {
    const url = serverUrl();
    while (pools.length < CONNECTIONS) pools.push(new pg.Pool({ connectionString: url, max: 4 }));
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await dropSchemas();
  });

  /** One store per pool, all on one schema: like eight processes sharing a database. */
  async function storesOn(schema: string): Promise<StatusStore[]> {
    return Promise.all(pools.map((pool) => createPostgresStatusStore({ pool, schema })));
  }

  it('bulk allocations from eight pools at once never share an index, and roll over to one new list at a time', async () => {
    const stores = await storesOn(newSchema());
    const ids = listIdSource();
    const options = { ...ids, listLength: 256 };
    const requests = [
      { purpose: 'revocation' as const, options },
      { purpose: 'suspension' as const, options },
    ];
    // 8 pools × 3 chunks × 50 credentials = 1,200 per purpose on lists of 256: several rollovers mid-chunk.
    const chunks = Array.from({ length: 24 }, (_, c) => Array.from({ length: 50 }, (_, i) => `urn:uuid:b${c}-${i}`));
    const held = (
      await Promise.all(chunks.map((chunk, c) => stores[c % CONNECTIONS]!.allocateMany!(chunk, requests)))
    ).flat();
    expect(held).toHaveLength(1_200);
    for (const column of [0, 1]) {
      const places = held.map((pair) => `${pair[column]!.listId}#${pair[column]!.index}`);
      expect(new Set(places).size).toBe(1_200);
    }
    // Lists are filled before the next opens: per purpose, four full lists of 256 and one of 176.
    const counts = await Promise.all(ids.issued.map(async (id) => (await stores[0]!.getList(id))!));
    for (const purpose of ['revocation', 'suspension'] as const) {
      const mine = counts.filter((l) => l.purpose === purpose).map((l) => l.allocated);
      expect(mine).toEqual([256, 256, 256, 256, 176]);
    }
    // The database agrees with what was handed out.
    for (const pair of held.slice(0, 50))
      expect(await stores[3]!.allocations(pair[0]!.credentialId)).toEqual(expect.arrayContaining(pair));
  });

  it('hands out 1,000 distinct indexes and loses none of 1,000 concurrent revocations', async () => {
    const stores = await storesOn(newSchema());
    const ids = listIdSource();
    const options = { ...ids, listLength: 131_072 };
    const credentials = Array.from({ length: 1_200 }, (_, i) => `urn:uuid:c${i}`);

    const allocations = await Promise.all(
      credentials.map((id, i) => stores[i % CONNECTIONS]!.allocate(id, 'revocation', options)),
    );
    expect(ids.issued).toHaveLength(1);
    expect(new Set(allocations.map((a) => a.index)).size).toBe(credentials.length);
    expect(allocations.every((a) => a.listId === ids.issued[0] && a.index >= 0 && a.index < 131_072)).toBe(true);

    // Revoke 1,000 of the 1,200, each from a different connection than the one that allocated it.
    const revoked = allocations.slice(0, 1_000);
    const answers = await Promise.all(
      revoked.map((a, i) => stores[(i + 3) % CONNECTIONS]!.setStatus(a.credentialId, 'revocation', true)),
    );
    expect(answers).toEqual(revoked);

    const list = await stores[5]!.getList(ids.issued[0]!);
    expect(list).toMatchObject({ allocated: 1_200, version: 1_000 });
    const set = setIndexes(list!.bits);
    expect(set).toHaveLength(1_000);
    expect(set).toEqual(revoked.map((a) => a.index).sort((a, b) => a - b));
  });

  it('opens exactly one new list each time a small list fills, while 8 connections allocate', async () => {
    const stores = await storesOn(newSchema());
    const ids = listIdSource();
    const options = { ...ids, listLength: 16 };
    const allocations: StatusAllocation[] = await Promise.all(
      Array.from({ length: 200 }, (_, i) => stores[i % CONNECTIONS]!.allocate(`urn:uuid:r${i}`, 'suspension', options)),
    );
    // 200 entries in lists of 16: 12 full lists and one with 8.
    expect(ids.issued).toHaveLength(13);
    expect((await stores[0]!.listIds()).map((l) => l.id)).toEqual(ids.issued);
    for (const [n, id] of ids.issued.entries()) {
      const onList = allocations
        .filter((a) => a.listId === id)
        .map((a) => a.index)
        .sort((a, b) => a - b);
      const expected = n < 12 ? 16 : 8;
      expect(onList).toHaveLength(expected);
      expect(new Set(onList).size).toBe(expected);
      expect(onList.every((index) => index < 16)).toBe(true);
      expect((await stores[n % CONNECTIONS]!.getList(id))!.allocated).toBe(expected);
    }
  });

  it('opens one list when 8 connections ask for an open list at once, ahead of any issuing', async () => {
    const stores = await storesOn(newSchema());
    const ids = listIdSource();
    const lists = await Promise.all(
      stores.flatMap((store) => [
        store.openList!('revocation', { ...ids, listLength: 64 }),
        store.openList!('revocation', { ...ids, listLength: 64 }),
      ]),
    );
    expect(ids.issued).toHaveLength(1);
    expect(new Set(lists.map((l) => l.id))).toEqual(new Set(ids.issued));
    expect(lists[0]).toMatchObject({ purpose: 'revocation', length: 64, allocated: 0, version: 0 });
    // Allocations then land on that list.
    const a = await stores[3]!.allocate('urn:uuid:first', 'revocation', { ...ids, listLength: 64 });
    expect(a.listId).toBe(ids.issued[0]);
  });

  it('counts every bit change when the same credentials are suspended and reinstated concurrently', async () => {
    const stores = await storesOn(newSchema());
    const ids = listIdSource();
    const allocations = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        stores[i % CONNECTIONS]!.allocate(`urn:uuid:s${i}`, 'suspension', { ...ids, listLength: 1_024 }),
      ),
    );
    // Every credential is suspended from three connections at once: only one call flips its bit.
    await Promise.all(
      allocations.flatMap((a, i) =>
        [0, 1, 2].map((k) => stores[(i + k) % CONNECTIONS]!.setStatus(a.credentialId, 'suspension', true)),
      ),
    );
    let list = await stores[0]!.getList(ids.issued[0]!);
    expect(list!.version).toBe(100);
    expect(setIndexes(list!.bits)).toHaveLength(100);
    // Reinstate the even ones, again three times each.
    const reinstated = allocations.filter((_, i) => i % 2 === 0);
    await Promise.all(
      reinstated.flatMap((a, i) =>
        [0, 1, 2].map((k) => stores[(i + k) % CONNECTIONS]!.setStatus(a.credentialId, 'suspension', false)),
      ),
    );
    list = await stores[1]!.getList(ids.issued[0]!);
    expect(list!.version).toBe(150);
    expect(setIndexes(list!.bits)).toEqual(
      allocations
        .filter((_, i) => i % 2 === 1)
        .map((a) => a.index)
        .sort((a, b) => a - b),
    );
  });
});
