import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createPostgresStatusStore, type StatusStore } from '../../src/postgres/index.js';
import { rejection } from '../helpers/errors.js';
import { listIdSource, setIndexes } from './lists.js';
import { dropSchemas, newSchema, server, serverUrl, sql } from './server.js';

const LENGTH = 131_072;

describe.skipIf(server.skip)('PostgreSQL status store', () => {
  let url: string;
  // Per test, so that in CI a missing server fails every test rather than skipping them.
  beforeEach(() => {
    url = serverUrl();
  });
  afterAll(dropSchemas);

  async function freshStore(schema = newSchema()): Promise<StatusStore> {
    return createPostgresStatusStore({ connectionString: url, schema });
  }

  /** Runs `test` on a store over a fresh schema with a fresh nextListId, and closes the store after. */
  async function withStore(
    test: (store: StatusStore, ids: ReturnType<typeof listIdSource>) => Promise<void>,
  ): Promise<void> {
    const store = await freshStore();
    try {
      await test(store, listIdSource());
    } finally {
      await store.close();
    }
  }

  it('creates its tables on first use and starts empty', async () => {
    const schema = newSchema();
    const store = await freshStore(schema);
    try {
      const tables = await sql(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = '${schema}' ORDER BY table_name`,
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(['status_allocations', 'status_lists']);
      expect(await store.listIds()).toEqual([]);
      expect(await store.getList('https://status.example.org/lists/none')).toBeUndefined();
      expect(await store.allocations('urn:uuid:nobody')).toEqual([]);
      expect(await store.setStatus('urn:uuid:nobody', 'revocation', true)).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('answers the same allocation to concurrent calls for one credential from several connections', async () => {
    const schema = newSchema();
    const pools = Array.from({ length: 4 }, () => new pg.Pool({ connectionString: url, max: 2 }));
    const stores = await Promise.all(pools.map((pool) => createPostgresStatusStore({ pool, schema })));
    const ids = listIdSource();
    try {
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          stores[i % 4]!.allocate('urn:uuid:same', 'revocation', { ...ids, listLength: LENGTH }),
        ),
      );
      expect(new Set(answers.map((a) => `${a.listId}#${a.index}`)).size).toBe(1);
      expect(ids.issued).toHaveLength(1);
      expect((await stores[0]!.getList(ids.issued[0]!))?.allocated).toBe(1);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('suspends and reinstates a credential on the suspension list, leaving revocation alone', () =>
    withStore(async (store, ids) => {
      const revocation = await store.allocate('urn:uuid:s', 'revocation', { ...ids, listLength: 64 });
      const suspension = await store.allocate('urn:uuid:s', 'suspension', { ...ids, listLength: 64 });
      await store.setStatus('urn:uuid:s', 'suspension', true);
      expect(setIndexes((await store.getList(suspension.listId))!.bits)).toEqual([suspension.index]);
      expect(setIndexes((await store.getList(revocation.listId))!.bits)).toEqual([]);
      await store.setStatus('urn:uuid:s', 'suspension', false);
      const list = await store.getList(suspension.listId);
      expect(setIndexes(list!.bits)).toEqual([]);
      expect(list).toMatchObject({ purpose: 'suspension', length: 64, bits: new Uint8Array(8), version: 2 });
      expect((await store.getList(revocation.listId))!.version).toBe(0);
    }));

  it('hands out random indexes, so their order says nothing about issuance order', () =>
    withStore(async (store, ids) => {
      const indexes: number[] = [];
      for (let i = 0; i < 30; i++)
        indexes.push((await store.allocate(`urn:uuid:${i}`, 'revocation', { ...ids, listLength: LENGTH })).index);
      expect(new Set(indexes).size).toBe(30);
      // Sorted or sequential output would be a 1-in-30! accident.
      expect(indexes).not.toEqual([...indexes].sort((a, b) => a - b));
      expect(indexes.some((index) => index > LENGTH / 2)).toBe(true);
      expect(indexes.some((index) => index < LENGTH / 2)).toBe(true);
    }));

  it('shows every change to a store re-opened on the same schema', async () => {
    const schema = newSchema();
    const ids = listIdSource();
    const first = await freshStore(schema);
    const a = await first.allocate('urn:uuid:a', 'revocation', { ...ids, listLength: 256 });
    const b = await first.allocate('urn:uuid:b', 'suspension', { ...ids, listLength: 256 });
    await first.setStatus('urn:uuid:a', 'revocation', true);
    await first.setStatus('urn:uuid:b', 'suspension', true);
    const lists = await Promise.all([a.listId, b.listId].map((id) => first.getList(id)));
    await first.close();

    const again = await freshStore(schema);
    try {
      expect(await again.listIds()).toEqual([
        { id: a.listId, purpose: 'revocation' },
        { id: b.listId, purpose: 'suspension' },
      ]);
      expect(await Promise.all([a.listId, b.listId].map((id) => again.getList(id)))).toEqual(lists);
      expect(await again.allocations('urn:uuid:a')).toEqual([a]);
      expect(await again.allocate('urn:uuid:b', 'suspension', { ...ids, listLength: 256 })).toEqual(b);
      // New allocations continue on the open list.
      expect((await again.allocate('urn:uuid:c', 'revocation', { ...ids, listLength: 256 })).listId).toBe(a.listId);
      expect(ids.issued).toHaveLength(2);
    } finally {
      await again.close();
    }
  });

  it('leaves a pool the caller passed open after close(), and closes its own', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      const store = await createPostgresStatusStore({ pool, schema: newSchema() });
      await store.close();
      expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      await rejection(store.listIds(), 'ERR_STORE_FAILED');
    } finally {
      await pool.end();
    }
  });

  it('starts from many processes at once on a new schema', async () => {
    const schema = newSchema();
    const stores = await Promise.all(Array.from({ length: 8 }, () => freshStore(schema)));
    try {
      const ids = listIdSource();
      await stores[7]!.allocate('urn:uuid:x', 'revocation', { ...ids, listLength: 16 });
      expect(await stores[0]!.allocations('urn:uuid:x')).toHaveLength(1);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});
