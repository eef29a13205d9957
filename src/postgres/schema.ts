import type { PoolClient } from 'pg';
import { transaction } from './transaction.js';

/** The quoted names of the store's objects in one schema. */
export interface Tables {
  schema: string;
  lists: string;
  allocations: string;
  /** The allocation function; its name carries a version so that a changed body gets a new name. */
  allocate: string;
  /** The bulk allocation function: many credentials, one purpose, in one call. */
  allocateMany: string;
  /** The allocation function before lists recorded their issuer: dropped by the migration. */
  allocateV1: string;
}

export function tablesIn(schema: string): Tables {
  const quoted = `"${schema}"`;
  return {
    schema,
    lists: `${quoted}.status_lists`,
    allocations: `${quoted}.status_allocations`,
    allocate: `${quoted}.status_allocate_v2`,
    allocateMany: `${quoted}.status_allocate_many_v1`,
    allocateV1: `${quoted}.status_allocate_v1`,
  };
}

/** The advisory lock key that serializes the allocations and list openings of one purpose in one schema. */
export function allocationLockKey(schema: string, purpose: string): string {
  return `microcred:allocate:${schema}:${purpose}`;
}

/**
 * Creates the schema, its tables and its allocation function unless they exist. Several processes
 * may start at once, and concurrent `CREATE … IF NOT EXISTS` can still collide in the catalogs, so
 * creation runs in one transaction under an advisory lock named after the schema.
 *
 * - `status_lists`: one row per list; `open` marks the one new allocations go to (at most one per
 *   purpose and issuer); `version` goes up with every bit change; `issuer` is the DID whose lists
 *   they are (NULL for a list made before issuers were recorded: migrated stores keep such lists
 *   until an issuer adopts them).
 * - `status_allocations`: one row per (credential, purpose), holding its index and its bit, so that
 *   concurrent status changes touch different rows and cannot overwrite each other's bits.
 */
export async function ensureSchema(client: PoolClient, tables: Tables): Promise<void> {
  // Checked first so that a role without CREATE rights can use objects an administrator created.
  const existing = await client.query<{ ready: boolean }>(
    `SELECT to_regclass($1) IS NOT NULL AND to_regclass($2) IS NOT NULL
            AND to_regprocedure($3 || '(text,text,text,bigint[],double precision)') IS NOT NULL
            AND to_regprocedure($4 || '(text[],text,text,bigint[],double precision[])') IS NOT NULL AS ready`,
    [tables.lists, tables.allocations, tables.allocate, tables.allocateMany],
  );
  if (existing.rows[0]?.ready) return;
  // A session lock taken before BEGIN: the transaction then starts after the lock holder committed,
  // so its catalog lookups see what that holder created (a transaction already open while it waited
  // could still miss it and collide in the catalogs).
  const lockKey = `microcred:schema:${tables.schema}`;
  await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockKey]);
  try {
    await transaction(client, () => createObjects(client, tables));
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey]);
  }
}

async function createObjects(client: PoolClient, tables: Tables): Promise<void> {
  const { schema, lists, allocations, allocate, allocateMany, allocateV1 } = tables;
  const found = await client.query<{ found: boolean }>('SELECT to_regnamespace($1) IS NOT NULL AS found', [
    `"${schema}"`,
  ]);
  if (!found.rows[0]?.found) await client.query(`CREATE SCHEMA "${schema}"`);
  await client.query(`
    CREATE TABLE IF NOT EXISTS ${lists} (
      seq bigint GENERATED ALWAYS AS IDENTITY,
      id text PRIMARY KEY,
      purpose text NOT NULL CHECK (purpose IN ('revocation', 'suspension')),
      length integer NOT NULL CHECK (length > 0),
      allocated integer NOT NULL DEFAULT 0 CHECK (allocated BETWEEN 0 AND length),
      version bigint NOT NULL DEFAULT 0,
      open boolean NOT NULL DEFAULT true
    )`);
  // Migration from the store without issuers: the column, one open list per purpose and issuer, and
  // the old allocation function dropped, so that a process still running the old code fails loudly
  // instead of handing out indexes on whichever issuer's open list it finds.
  await client.query(`ALTER TABLE ${lists} ADD COLUMN IF NOT EXISTS issuer text`);
  await client.query(`DROP INDEX IF EXISTS "${schema}".status_lists_one_open`);
  await client.query(
    `CREATE UNIQUE INDEX IF NOT EXISTS status_lists_one_open_per_issuer ON ${lists} (purpose, coalesce(issuer, '')) WHERE open`,
  );
  await client.query(`DROP FUNCTION IF EXISTS ${allocateV1}(text, text, bigint[], double precision)`);
  await client.query(`
    CREATE TABLE IF NOT EXISTS ${allocations} (
      credential_id text NOT NULL,
      purpose text NOT NULL,
      list_id text NOT NULL REFERENCES ${lists} (id),
      idx integer NOT NULL CHECK (idx >= 0),
      bit boolean NOT NULL DEFAULT false,
      PRIMARY KEY (credential_id, purpose),
      UNIQUE (list_id, idx)
    )`);
  // The whole allocation in one call, so the lock that serializes allocations is held for the time
  // the server needs and never across a network round trip. Each statement of a volatile function
  // takes a fresh snapshot, so after the lock it sees what the previous holder committed.
  //   draws: random 53-bit numbers; the first free one (modulo the length) is taken, so the choice is
  //          uniform among the free indexes (modulo bias at most length / 2^53).
  //   pick:  a random fraction in [0, 1), used when every draw hit a taken index: the free index at
  //          that fraction of the free ones is taken.
  // Outcome 'existing' (the credential had one), 'new', or 'full' (no open list with room: the caller
  // opens one and calls again).
  await client.query(`
    CREATE OR REPLACE FUNCTION ${allocate}(
      p_credential text, p_purpose text, p_issuer text, p_draws bigint[], p_pick double precision,
      OUT o_list text, OUT o_index integer, OUT o_outcome text
    ) LANGUAGE plpgsql VOLATILE AS $body$
    DECLARE
      l record;
    BEGIN
      -- Under a stricter isolation level the snapshot predates the lock, and the free index read
      -- could already be taken: refuse plainly rather than fail now and then on a unique key.
      IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'allocation needs the read committed isolation level, not %', current_setting('transaction_isolation');
      END IF;
      PERFORM pg_advisory_xact_lock(hashtextextended('${allocationLockKey(schema, '')}' || p_purpose, 0));
      SELECT a.list_id, a.idx INTO o_list, o_index FROM ${allocations} a
        WHERE a.credential_id = p_credential AND a.purpose = p_purpose;
      IF FOUND THEN o_outcome := 'existing'; RETURN; END IF;
      SELECT s.id, s.length, s.allocated INTO l FROM ${lists} s
        WHERE s.purpose = p_purpose AND s.issuer IS NOT DISTINCT FROM p_issuer AND s.open;
      IF NOT FOUND OR l.allocated >= l.length THEN o_outcome := 'full'; RETURN; END IF;
      SELECT c INTO o_index
        FROM unnest(p_draws) WITH ORDINALITY AS t(draw, n), LATERAL (SELECT (t.draw % l.length)::integer AS c) x
        WHERE NOT EXISTS (SELECT 1 FROM ${allocations} a WHERE a.list_id = l.id AND a.idx = x.c)
        ORDER BY t.n LIMIT 1;
      IF NOT FOUND THEN
        SELECT i INTO o_index FROM generate_series(0, l.length - 1) AS i
          WHERE NOT EXISTS (SELECT 1 FROM ${allocations} a WHERE a.list_id = l.id AND a.idx = i)
          ORDER BY i OFFSET floor(p_pick * (l.length - l.allocated))::integer LIMIT 1;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'status list % counts % of % indexes allocated but has no free one', l.id, l.allocated, l.length;
        END IF;
      END IF;
      INSERT INTO ${allocations} (credential_id, purpose, list_id, idx) VALUES (p_credential, p_purpose, l.id, o_index);
      UPDATE ${lists} SET allocated = allocated + 1 WHERE id = l.id;
      o_list := l.id;
      o_outcome := 'new';
    END
    $body$`); // Many credentials of one purpose in one call, as the function above does one: under the same lock,
  // the same draws per credential (`p_draws` holds as many per credential, in the order of
  // `p_credentials`) and a pick each. Returns one row per credential: 'existing', 'new', or 'full' for
  // those left once the open list (or none) had no more room: the caller opens a list, still holding
  // the lock in its transaction, and calls again with those.
  await client.query(`
    CREATE OR REPLACE FUNCTION ${allocateMany}(
      p_credentials text[], p_purpose text, p_issuer text, p_draws bigint[], p_picks double precision[]
    ) RETURNS TABLE (o_credential text, o_list text, o_index integer, o_outcome text)
    LANGUAGE plpgsql VOLATILE AS $body$
    DECLARE
      n integer := coalesce(array_length(p_credentials, 1), 0);
      per integer;
      l_id text;
      l_length integer;
      l_allocated integer;
      taken integer := 0;
      chosen integer;
      candidate integer;
    BEGIN
      IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'allocation needs the read committed isolation level, not %', current_setting('transaction_isolation');
      END IF;
      IF n = 0 THEN RETURN; END IF;
      per := coalesce(array_length(p_draws, 1), 0) / n;
      PERFORM pg_advisory_xact_lock(hashtextextended('${allocationLockKey(schema, '')}' || p_purpose, 0));
      SELECT s.id, s.length, s.allocated INTO l_id, l_length, l_allocated FROM ${lists} s
        WHERE s.purpose = p_purpose AND s.issuer IS NOT DISTINCT FROM p_issuer AND s.open;
      FOR i IN 1..n LOOP
        o_credential := p_credentials[i];
        SELECT a.list_id, a.idx INTO o_list, o_index FROM ${allocations} a
          WHERE a.credential_id = o_credential AND a.purpose = p_purpose;
        IF FOUND THEN
          o_outcome := 'existing';
        ELSIF l_id IS NULL OR l_allocated + taken >= l_length THEN
          o_list := NULL; o_index := NULL; o_outcome := 'full';
        ELSE
          chosen := NULL;
          FOR j IN 1..per LOOP
            candidate := (p_draws[(i - 1) * per + j] % l_length)::integer;
            IF NOT EXISTS (SELECT 1 FROM ${allocations} a WHERE a.list_id = l_id AND a.idx = candidate) THEN
              chosen := candidate;
              EXIT;
            END IF;
          END LOOP;
          IF chosen IS NULL THEN
            SELECT g INTO chosen FROM generate_series(0, l_length - 1) AS g
              WHERE NOT EXISTS (SELECT 1 FROM ${allocations} a WHERE a.list_id = l_id AND a.idx = g)
              ORDER BY g OFFSET floor(p_picks[i] * (l_length - l_allocated - taken))::integer LIMIT 1;
            IF chosen IS NULL THEN
              RAISE EXCEPTION 'status list % counts % of % indexes allocated but has no free one', l_id, l_allocated + taken, l_length;
            END IF;
          END IF;
          INSERT INTO ${allocations} (credential_id, purpose, list_id, idx) VALUES (o_credential, p_purpose, l_id, chosen);
          taken := taken + 1;
          o_list := l_id; o_index := chosen; o_outcome := 'new';
        END IF;
        RETURN NEXT;
      END LOOP;
      IF taken > 0 THEN
        UPDATE ${lists} SET allocated = allocated + taken WHERE id = l_id;
      END IF;
    END
    $body$`);
}
