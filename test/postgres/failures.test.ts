import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createPostgresStatusStore, type StatusStore } from '../../src/postgres/index.js';
import { describeTarget, storeFailed } from '../../src/postgres/failures.js';
import type { StatusPurpose } from '../../src/status/store.js';
import { rejection } from '../helpers/errors.js';
import { listIdSource } from './lists.js';
import { closedPort, dropSchemas, newSchema, server, serverUrl, sql, urlWith } from './server.js';

describe('PostgreSQL status store failures (no server needed)', () => {
  it('names the server it could not reach, never its password', async () => {
    const port = await closedPort();
    const error = await rejection(
      createPostgresStatusStore({ connectionString: `postgres://issuer:Pa55-w0rd%21@127.0.0.1:${port}/badges` }),
      'ERR_STORE_FAILED',
    );
    expect(error.message).toContain('Could not open the status store');
    expect(error.message).toContain(`postgres://issuer@127.0.0.1:${port}/badges`);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).not.toContain('Pa55-w0rd');
    expect(error.details).toMatchObject({ server: `postgres://issuer@127.0.0.1:${port}/badges`, schema: 'microcred' });
  });

  it('blanks the password wherever a driver message repeats it, raw or percent-encoded', () => {
    const target = describeTarget({ connectionString: 'postgres://issuer:p%40ss-Word@db.example:5432/badges' });
    expect(target.label).toBe('postgres://issuer@db.example:5432/badges');
    const error = storeFailed(
      new Error('bad options in postgres://issuer:p%40ss-Word@db.example:5432/badges and p@ss-Word'),
      'Could not list the status lists',
      target,
      'microcred',
    );
    expect(error.code).toBe('ERR_STORE_FAILED');
    expect(error.message).not.toMatch(/p%40ss-Word|p@ss-Word/);
    expect(error.message).toBe(
      'Could not list the status lists in PostgreSQL at postgres://issuer@db.example:5432/badges (schema "microcred"): bad options in *** and ***',
    );
  });

  it('gives the reasons of a failure on every address tried, which Node reports with an empty message', () => {
    const aggregate = new AggregateError(
      [new Error('connect ECONNREFUSED ::1:5432'), new Error('connect ECONNREFUSED 127.0.0.1:5432')],
      '',
    );
    const error = storeFailed(
      aggregate,
      'Could not open the status store',
      describeTarget({ host: 'localhost', port: 5432 }),
      'microcred',
    );
    expect(error.message).toBe(
      'Could not open the status store in PostgreSQL at postgres://localhost:5432 (schema "microcred"): connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432',
    );
  });

  it('refuses options it cannot use before connecting', async () => {
    for (const schema of ['bad-name', 'x"; DROP SCHEMA public; --', '1st', '', 'a'.repeat(64)]) {
      const error = await rejection(
        createPostgresStatusStore({ connectionString: 'postgres://u@127.0.0.1:1/db', schema }),
        'ERR_FIELD_INVALID',
      );
      expect(error.details.path).toBe('schema');
    }
    const both = await rejection(
      createPostgresStatusStore({ connectionString: 'postgres://u@127.0.0.1:1/db', pool: {} as never }),
      'ERR_FIELD_INVALID',
    );
    expect(both.details.path).toBe('pool');
    expect(
      (await rejection(createPostgresStatusStore({ connectionString: '' }), 'ERR_FIELD_INVALID')).details.path,
    ).toBe('connectionString');
  });
});

describe.skipIf(server.skip)('PostgreSQL status store failures', () => {
  let url: string;
  // Per test, so that in CI a missing server fails every test rather than skipping them.
  beforeEach(() => {
    url = serverUrl();
  });
  afterAll(dropSchemas);

  it('reports a refused login without printing the password it tried', async () => {
    const error = await rejection(
      createPostgresStatusStore({ connectionString: urlWith('microcred_nobody', 'Wr0ng-pa@ss'), schema: newSchema() }),
      'ERR_STORE_FAILED',
    );
    expect(error.message).toContain('Could not open the status store in PostgreSQL at postgres://microcred_nobody@');
    expect(error.message).toMatch(/password authentication failed|role "microcred_nobody" does not exist/);
    expect(error.message).not.toMatch(/Wr0ng-pa(@|%40)ss/);
    expect(JSON.stringify(error.details)).not.toContain('Wr0ng');
  });

  describe('with an open store', () => {
    let opened: StatusStore | undefined;
    let store: StatusStore;
    const schema = newSchema();
    const ids = listIdSource();
    beforeEach(async () => {
      store = opened ??= await createPostgresStatusStore({ connectionString: url, schema });
    });
    afterAll(() => opened?.close());

    it('refuses a purpose, length or nextListId it cannot use', async () => {
      const bad = (path: string) => async (promise: Promise<unknown>) =>
        expect((await rejection(promise, 'ERR_FIELD_INVALID')).details.path).toBe(path);
      await bad('purpose')(store.allocate('urn:uuid:a', 'expiry' as StatusPurpose, { ...ids, listLength: 8 }));
      await bad('purpose')(store.setStatus('urn:uuid:a', 'refresh' as StatusPurpose, true));
      await bad('value')(store.setStatus('urn:uuid:a', 'revocation', 1 as unknown as boolean));
      for (const listLength of [0, -8, 1.5, Number.NaN, 2 ** 31])
        await bad('listLength')(store.allocate('urn:uuid:a', 'revocation', { ...ids, listLength }));
      await bad('nextListId')(store.allocate('urn:uuid:a', 'revocation', { listLength: 8 } as never));
      await bad('credentialId')(store.allocate('', 'revocation', { ...ids, listLength: 8 }));
      await bad('nextListId')(store.allocate('urn:uuid:a', 'revocation', { nextListId: () => '', listLength: 8 }));
      expect(await store.listIds()).toEqual([]);
    });

    it('refuses a nextListId that repeats an existing list, and lets its own errors through, changing nothing', async () => {
      const first = await store.allocate('urn:uuid:only', 'suspension', {
        nextListId: () => 'https://status.example.org/s/1',
        listLength: 1,
      });
      const repeated = await rejection(
        store.allocate('urn:uuid:second', 'suspension', {
          nextListId: () => 'https://status.example.org/s/1',
          listLength: 1,
        }),
        'ERR_STORE_FAILED',
      );
      expect(repeated.message).toMatch(
        /^The store already has a list https:\/\/status\.example\.org\/s\/1; a new list needs a new id/,
      );
      expect(repeated.details).toMatchObject({ url: 'https://status.example.org/s/1' });
      const own = new Error('the id service is down');
      await expect(
        store.allocate('urn:uuid:second', 'suspension', {
          nextListId: () => {
            throw own;
          },
          listLength: 1,
        }),
      ).rejects.toBe(own);
      // Neither attempt closed the full list or left an allocation behind.
      expect(await store.allocations('urn:uuid:second')).toEqual([]);
      expect(await store.listIds()).toEqual([{ id: first.listId, purpose: 'suspension' }]);
      const second = await store.allocate('urn:uuid:second', 'suspension', {
        nextListId: () => 'https://status.example.org/s/2',
        listLength: 1,
      });
      expect(second).toEqual({
        credentialId: 'urn:uuid:second',
        purpose: 'suspension',
        listId: 'https://status.example.org/s/2',
        index: 0,
      });
    });

    it('takes the free index a random pick names when every random draw hits a taken one', async () => {
      const lists = listIdSource('https://status.example.org/dense/');
      const taken = new Set<number>();
      for (let i = 0; i < 6; i++)
        taken.add((await store.allocate(`urn:uuid:d${i}`, 'revocation', { ...lists, listLength: 8 })).index);
      const free = [0, 1, 2, 3, 4, 5, 6, 7].filter((i) => !taken.has(i));
      const draws = `ARRAY[${[...taken].join(',')}]::bigint[]`;
      const call = (credential: string, pick: number) =>
        sql(
          `SELECT o_index, o_outcome FROM "${schema}".status_allocate_v2('${credential}', 'revocation', NULL, ${draws}, ${pick})`,
        );
      // Pick 0.75 of 2 free indexes: the second one; then 0 of the 1 left: the first.
      expect((await call('urn:uuid:d6', 0.75)).rows).toEqual([{ o_index: free[1], o_outcome: 'new' }]);
      expect((await call('urn:uuid:d7', 0)).rows).toEqual([{ o_index: free[0], o_outcome: 'new' }]);
      expect((await call('urn:uuid:d8', 0)).rows).toEqual([{ o_index: null, o_outcome: 'full' }]);
      expect((await store.getList(lists.issued[0]!))!.allocated).toBe(8);
    });

    it('refuses to allocate on a connection whose isolation level is stricter than read committed', async () => {
      const pool = new pg.Pool({
        connectionString: url,
        max: 1,
        options: '-c default_transaction_isolation=serializable',
      });
      try {
        const strict = await createPostgresStatusStore({ pool, schema });
        const error = await rejection(
          strict.allocate('urn:uuid:strict', 'revocation', { ...ids, listLength: 8 }),
          'ERR_STORE_FAILED',
        );
        expect(error.message).toMatch(
          /^Could not allocate a revocation index for urn:uuid:strict in PostgreSQL at .*: allocation needs the read committed isolation level, not serializable$/,
        );
        expect(await store.allocations('urn:uuid:strict')).toEqual([]);
      } finally {
        await pool.end();
      }
    });

    it('names the call that failed when a query fails', async () => {
      const otherSchema = newSchema();
      const other = await createPostgresStatusStore({ connectionString: url, schema: otherSchema });
      await sql(`DROP TABLE "${otherSchema}".status_allocations CASCADE`);
      const read = await rejection(other.getList('https://status.example.org/lists/1'), 'ERR_STORE_FAILED');
      expect(read.message).toMatch(
        /^Could not read status list https:\/\/status\.example\.org\/lists\/1 in PostgreSQL at postgres:\/\/.* \(schema "microcred_test_[0-9a-f]+"\): relation ".*status_allocations" does not exist$/,
      );
      expect(read.details.sqlState).toBe('42P01');
      const set = await rejection(other.setStatus('urn:uuid:a', 'revocation', true), 'ERR_STORE_FAILED');
      expect(set.message).toMatch(/^Could not set the revocation status of urn:uuid:a in PostgreSQL/);
      await other.close();
      const closed = await rejection(other.allocations('urn:uuid:a'), 'ERR_STORE_FAILED');
      expect(closed.message).toBe('Could not read the allocations of urn:uuid:a: the status store is closed.');
    });
  });
});
