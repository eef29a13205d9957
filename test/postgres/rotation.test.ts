// Key rotation and two issuers sharing one PostgreSQL schema (the data-loss bug of issue 16), and
// the migration of a schema made before lists recorded their issuer.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresStatusStore } from '../../src/postgres/index.js';
import { rotationScenario } from '../status/rotationScenario.js';
import { dropSchemas, newSchema, server, serverUrl, sql } from './server.js';

describe.skipIf(server.skip)('PostgreSQL: key rotation and two issuers on one store', () => {
  let url: string;
  beforeEach(() => {
    url = serverUrl();
  });
  afterAll(dropSchemas);

  it('a second key of the same DID keeps the lists; a new DID gets its own; every credential still verifies and revokes', async () => {
    const schema = newSchema();
    await rotationScenario(() => createPostgresStatusStore({ connectionString: url, schema }));
  });

  it('migrates a schema made before issuers were recorded: its lists are kept, unclaimed, and the old allocation function is gone', async () => {
    const schema = newSchema();
    const store = await createPostgresStatusStore({ connectionString: url, schema });
    const ids = ['https://pd.example.org/status/old-1.json'];
    await store.allocate('urn:uuid:old', 'revocation', { listLength: 64, nextListId: () => ids[0] as string });
    await store.close();
    // Back to the old layout: no issuer column, one open list per purpose, the v1 function.
    await sql(`ALTER TABLE "${schema}".status_lists DROP COLUMN issuer`);
    await sql(
      `CREATE FUNCTION "${schema}".status_allocate_v1(text, text, bigint[], double precision) RETURNS integer LANGUAGE sql AS 'SELECT 1'`,
    );
    await sql(`DROP FUNCTION "${schema}".status_allocate_v2(text, text, text, bigint[], double precision)`);

    const migrated = await createPostgresStatusStore({ connectionString: url, schema });
    try {
      expect(await migrated.listIds()).toEqual([{ id: ids[0], purpose: 'revocation' }]);
      const fn = await sql(
        `SELECT to_regprocedure('"${schema}".status_allocate_v1(text,text,bigint[],double precision)') IS NULL AS gone`,
      );
      expect(fn.rows[0]?.gone).toBe(true);
      // An issuer allocating now opens its own list beside the unclaimed one, which stays open.
      const mine = await migrated.allocate('urn:uuid:new', 'revocation', {
        listLength: 64,
        issuer: 'did:example:a',
        nextListId: () => 'https://pd.example.org/status/new-1.json',
      });
      expect(mine.listId).toBe('https://pd.example.org/status/new-1.json');
      expect(
        (await migrated.allocate('urn:uuid:old-2', 'revocation', { listLength: 64, nextListId: () => 'x' })).listId,
      ).toBe(ids[0]);
      expect((await migrated.claimList!(ids[0] as string, 'did:example:a')).issuer).toBe('did:example:a');
      await expect(migrated.claimList!(ids[0] as string, 'did:example:b')).rejects.toMatchObject({
        code: 'ERR_STATUS_LIST_OTHER_ISSUER',
      });
    } finally {
      await migrated.close();
    }
  });
});
