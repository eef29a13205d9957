import type { Pool, PoolClient } from 'pg';
import { MicrocredError, ErrorCode } from '../errors.js';
import { otherIssuer } from '../status/state.js';
import type {
  AllocateOptions,
  AllocateRequest,
  StatusAllocation,
  StatusListRef,
  StatusPurpose,
  StatusStore,
  StoredStatusList,
} from '../status/store.js';
import { describeTarget, storeFailed, type StoreTarget } from './failures.js';
import { randomDraws, randomFraction } from './randomDraws.js';
import { allocationLockKey, ensureSchema, tablesIn, type Tables } from './schema.js';
import { transaction } from './transaction.js';

/** Options of {@link createPostgresStatusStore}. */
export interface PostgresStatusStoreOptions {
  /**
   * `postgres://user:password@host:5432/database`; the store opens its own pool and closes it in
   * `close()`. Without this and without `pool`, the `pg` driver reads the `PG*` environment variables.
   */
  connectionString?: string;
  /** A `pg` pool you manage instead: the store uses it and leaves it open on `close()`. */
  pool?: Pool;
  /** The schema holding the store's tables, created on first use. Default `microcred`. */
  schema?: string;
}

const PURPOSES: readonly StatusPurpose[] = ['revocation', 'suspension'];
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const MAX_LIST_LENGTH = 2 ** 31 - 1;
// How many random indexes one allocation tries before it picks among the free ones directly: with
// 16 draws that fallback is needed only once a list is well filled (at 70% full, 0.7^16 ≈ 0.3%).
const RANDOM_DRAWS = 16;
// A server that never answers should fail a call, not hang it.
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * A {@link StatusStore} in PostgreSQL, for several processes or machines issuing and revoking
 * against the same lists. Creates its schema and tables on first use. Needs the `pg` package.
 *
 * @example
 * import { createPostgresStatusStore } from 'microcred/postgres';
 * const store = await createPostgresStatusStore({ connectionString: process.env.DATABASE_URL });
 * const entry = await store.allocate('urn:uuid:…', 'revocation', { nextListId, listLength: 131_072 });
 * await store.setStatus('urn:uuid:…', 'revocation', true);
 * await store.close();
 *
 * @throws MicrocredError `ERR_STORE_FAILED` when the server cannot be reached or the schema cannot be
 * created (the message names the server, never its password); `ERR_FIELD_INVALID` for bad options.
 */
export async function createPostgresStatusStore(options: PostgresStatusStoreOptions = {}): Promise<StatusStore> {
  const { connectionString, pool: given, schema = 'microcred' } = options ?? {};
  if (typeof schema !== 'string' || !SCHEMA_NAME.test(schema)) {
    throw new MicrocredError(
      ErrorCode.FIELD_INVALID,
      `schema must be a plain SQL name (letters, digits and _, at most 63, not starting with a digit), not ${JSON.stringify(schema)}.`,
      { path: 'schema' },
    );
  }
  if (given !== undefined && connectionString !== undefined) {
    throw new MicrocredError(ErrorCode.FIELD_INVALID, 'Give either connectionString or pool, not both.', {
      path: 'pool',
    });
  }
  if (connectionString !== undefined && (typeof connectionString !== 'string' || connectionString === '')) {
    throw new MicrocredError(
      ErrorCode.FIELD_INVALID,
      'connectionString must be a non-empty string such as postgres://user:password@host:5432/database.',
      { path: 'connectionString' },
    );
  }
  const pool = given ?? (await openPool(connectionString));
  const env = globalThis.process?.env ?? {};
  const settings = given
    ? given.options
    : { connectionString, host: env.PGHOST, user: env.PGUSER, database: env.PGDATABASE };
  const store = new PostgresStatusStore(pool, given === undefined, tablesIn(schema), describeTarget(settings));
  await store.open();
  return store;
}

async function openPool(connectionString: string | undefined): Promise<Pool> {
  let Pool: typeof import('pg').Pool | undefined;
  try {
    const pg = (await import('pg')) as typeof import('pg') & { default?: typeof import('pg') };
    // pg before 8.15 has no ESM build: its classes then hang off the default export.
    Pool = pg.Pool ?? pg.default?.Pool;
  } catch (error) {
    throw new MicrocredError(
      ErrorCode.STORE_FAILED,
      'The PostgreSQL status store needs the "pg" package: npm install pg',
      {},
      { cause: error },
    );
  }
  if (Pool === undefined)
    throw new MicrocredError(
      ErrorCode.STORE_FAILED,
      'The "pg" package installed has no Pool class; install pg 8.11 or later.',
    );
  const pool = new Pool({ connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle connection the server drops emits 'error' on the pool, which would crash the process
  // without a listener; the next query reports the failure instead.
  pool.on('error', () => undefined);
  return pool;
}

class PostgresStatusStore implements StatusStore {
  #closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
    private readonly tables: Tables,
    private readonly target: StoreTarget,
  ) {}

  async open(): Promise<void> {
    try {
      await this.#with('Could not open the status store', (client) => ensureSchema(client, this.tables));
    } catch (error) {
      if (this.ownsPool) await this.pool.end().catch(() => undefined);
      throw error;
    }
  }

  async allocate(credentialId: string, purpose: StatusPurpose, options: AllocateOptions): Promise<StatusAllocation> {
    checkCredential(credentialId);
    checkPurpose(purpose);
    checkAllocateOptions(options);
    return this.#with(`Could not allocate a ${purpose} index for ${credentialId}`, async (client) => {
      const issuer = options.issuer;
      const placed = await this.#place(client, credentialId, purpose, issuer);
      if (placed) return placed;
      // No open list with room. Opening one happens in a transaction that keeps the allocation lock
      // (taken by the call below) until it commits, so that one process alone opens the next list and
      // nextListId() is called only when a list is really opened.
      return transaction(client, async () => {
        const again = await this.#place(client, credentialId, purpose, issuer);
        if (again) return again;
        await this.#openNewList(client, purpose, options);
        const onNewList = await this.#place(client, credentialId, purpose, issuer);
        if (!onNewList)
          throw new MicrocredError(ErrorCode.STORE_FAILED, `A new ${purpose} list was opened but had no room.`);
        return onNewList;
      });
    });
  }

  /**
   * Every allocation of a chunk in one transaction: per purpose (in a fixed order, so that two bulk
   * calls take the allocation locks in the same order), one call of the bulk function; when the open
   * list fills, a new one is opened in the same transaction, still under the lock, and the rest go there.
   */
  async allocateMany(
    credentialIds: readonly string[],
    requests: readonly AllocateRequest[],
  ): Promise<StatusAllocation[][]> {
    if (!Array.isArray(credentialIds)) checkCredential(credentialIds as unknown as string);
    credentialIds.forEach(checkCredential);
    if (!Array.isArray(requests) || new Set(requests.map((r) => r?.purpose)).size !== requests.length)
      throw new MicrocredError(ErrorCode.FIELD_INVALID, 'allocateMany needs each purpose once, with its options.', {
        path: 'requests',
      });
    for (const { purpose, options } of requests) {
      checkPurpose(purpose);
      checkAllocateOptions(options);
    }
    const found = new Map<string, StatusAllocation>();
    if (credentialIds.length > 0 && requests.length > 0) {
      await this.#with(`Could not allocate status indexes for ${credentialIds.length} credentials`, (client) =>
        transaction(client, async () => {
          const ordered = [...requests].sort((a, b) => a.purpose.localeCompare(b.purpose));
          for (const { purpose, options } of ordered) {
            let remaining = [...new Set(credentialIds)];
            for (let opened = false; remaining.length > 0; opened = true) {
              const left = await this.#placeMany(client, remaining, purpose, options.issuer, found);
              if (left.length === 0) break;
              if (opened && left.length === remaining.length)
                throw new MicrocredError(ErrorCode.STORE_FAILED, `A new ${purpose} list was opened but had no room.`);
              await this.#openNewList(client, purpose, options);
              remaining = left;
            }
          }
        }),
      );
    }
    return credentialIds.map((credentialId) =>
      requests.map(({ purpose }) => found.get(`${purpose} ${credentialId}`) as StatusAllocation),
    );
  }

  async openList(purpose: StatusPurpose, options: AllocateOptions): Promise<StoredStatusList> {
    checkPurpose(purpose);
    checkAllocateOptions(options);
    return this.#with(`Could not open a ${purpose} list`, async (client) => {
      const id =
        (await this.#openListWithRoom(client, purpose, options.issuer)) ??
        (await transaction(client, async () => {
          // The lock allocations take, so that a list fills or opens in one place at a time.
          await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
            allocationLockKey(this.tables.schema, purpose),
          ]);
          return (
            (await this.#openListWithRoom(client, purpose, options.issuer)) ??
            (await this.#openNewList(client, purpose, options))
          );
        }));
      return (await this.#readList(client, id)) as StoredStatusList;
    });
  }

  async setStatus(credentialId: string, purpose: StatusPurpose, value: boolean): Promise<StatusAllocation | undefined> {
    checkCredential(credentialId);
    checkPurpose(purpose);
    if (typeof value !== 'boolean')
      throw new MicrocredError(
        ErrorCode.FIELD_INVALID,
        `value must be true (set) or false (clear), not ${JSON.stringify(value)}.`,
        { path: 'value' },
      );
    const { lists, allocations } = this.tables;
    // One statement: the bit flips only if it differs, and the list's version goes up with it. Two
    // calls racing on one credential serialize on its row; the loser sees the bit already flipped.
    const result = await this.#with(`Could not set the ${purpose} status of ${credentialId}`, (client) =>
      client.query<{ list_id: string; idx: number }>(
        `WITH changed AS (
           UPDATE ${allocations} SET bit = $3 WHERE credential_id = $1 AND purpose = $2 AND bit <> $3 RETURNING list_id
         ), bumped AS (
           UPDATE ${lists} SET version = version + 1 WHERE id IN (SELECT list_id FROM changed)
         )
         SELECT list_id, idx FROM ${allocations} WHERE credential_id = $1 AND purpose = $2`,
        [credentialId, purpose, value],
      ),
    );
    const row = result.rows[0];
    return row ? { credentialId, purpose, listId: row.list_id, index: row.idx } : undefined;
  }

  async setStatusMany(
    credentialIds: readonly string[],
    purpose: StatusPurpose,
    value: boolean,
  ): Promise<(StatusAllocation | undefined)[]> {
    if (!Array.isArray(credentialIds)) checkCredential(credentialIds as unknown as string);
    credentialIds.forEach(checkCredential);
    checkPurpose(purpose);
    if (typeof value !== 'boolean')
      throw new MicrocredError(
        ErrorCode.FIELD_INVALID,
        `value must be true (set) or false (clear), not ${JSON.stringify(value)}.`,
        { path: 'value' },
      );
    const { lists, allocations } = this.tables;
    // One statement, as setStatus: the bits flip and each list's version goes up by the number of
    // bits that flipped on it, atomically; rows are locked in one order, so two batches cannot deadlock.
    const result = await this.#with(
      `Could not set the ${purpose} status of ${credentialIds.length} credentials`,
      (client) =>
        client.query<{ credential_id: string; list_id: string; idx: number }>(
          `WITH locked AS (
           SELECT credential_id FROM ${allocations}
           WHERE credential_id = ANY($1::text[]) AND purpose = $2 AND bit <> $3
           ORDER BY credential_id FOR UPDATE
         ), changed AS (
           UPDATE ${allocations} a SET bit = $3 FROM locked
           WHERE a.credential_id = locked.credential_id AND a.purpose = $2 AND a.bit <> $3 RETURNING a.list_id
         ), bumped AS (
           UPDATE ${lists} l SET version = version + c.n
           FROM (SELECT list_id, count(*) AS n FROM changed GROUP BY list_id) c WHERE l.id = c.list_id
         )
         SELECT credential_id, list_id, idx FROM ${allocations} WHERE credential_id = ANY($1::text[]) AND purpose = $2`,
          [credentialIds, purpose, value],
        ),
    );
    const found = new Map(result.rows.map((row) => [row.credential_id, row]));
    return credentialIds.map((credentialId) => {
      const row = found.get(credentialId);
      return row ? { credentialId, purpose, listId: row.list_id, index: row.idx } : undefined;
    });
  }

  async claimList(listId: string, issuer: string): Promise<StoredStatusList> {
    if (typeof issuer !== 'string' || issuer === '')
      throw new MicrocredError(ErrorCode.FIELD_INVALID, 'claimList needs the issuer (a DID).', { path: 'issuer' });
    return this.#with(`Could not record the issuer of status list ${listId}`, async (client) => {
      const { lists } = this.tables;
      await transaction(client, async () => {
        const purpose = await client.query<{ purpose: string }>(`SELECT purpose FROM ${lists} WHERE id = $1`, [listId]);
        if (purpose.rows[0] === undefined) return;
        // Under the allocation lock: the claimed list stays open only if the issuer has no open list of
        // its purpose (one open list per purpose and issuer); otherwise it keeps its bits, closed.
        await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          allocationLockKey(this.tables.schema, purpose.rows[0].purpose),
        ]);
        await client.query(
          `UPDATE ${lists} l SET issuer = $2,
             open = l.open AND NOT EXISTS (SELECT 1 FROM ${lists} o WHERE o.purpose = l.purpose AND o.issuer = $2 AND o.open)
           WHERE l.id = $1 AND l.issuer IS NULL`,
          [listId, issuer],
        );
      });
      const list = await this.#readList(client, listId);
      if (!list)
        throw new MicrocredError(ErrorCode.STORE_FAILED, `The store has no status list ${listId}.`, { url: listId });
      if (list.issuer !== issuer) throw otherIssuer(listId, list.issuer as string, issuer);
      return list;
    });
  }

  async allocations(credentialId: string): Promise<StatusAllocation[]> {
    checkCredential(credentialId);
    const result = await this.#with(`Could not read the allocations of ${credentialId}`, (client) =>
      client.query<{ purpose: StatusPurpose; list_id: string; idx: number }>(
        `SELECT purpose, list_id, idx FROM ${this.tables.allocations} WHERE credential_id = $1 ORDER BY purpose`,
        [credentialId],
      ),
    );
    return result.rows.map((row) => ({ credentialId, purpose: row.purpose, listId: row.list_id, index: row.idx }));
  }

  async getList(listId: string): Promise<StoredStatusList | undefined> {
    return this.#with(`Could not read status list ${listId}`, (client) => this.#readList(client, listId));
  }

  async listIds(): Promise<StatusListRef[]> {
    const result = await this.#with('Could not list the status lists', (client) =>
      client.query<{ id: string; purpose: StatusPurpose; issuer: string | null }>(
        `SELECT id, purpose, issuer FROM ${this.tables.lists} ORDER BY seq`,
      ),
    );
    return result.rows.map(({ id, purpose, issuer }) => (issuer === null ? { id, purpose } : { id, purpose, issuer }));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.ownsPool) await this.pool.end();
  }

  /** Runs `work` on a pooled connection; any failure becomes `ERR_STORE_FAILED` saying `what` failed. */
  async #with<T>(what: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
    if (this.#closed) throw new MicrocredError(ErrorCode.STORE_FAILED, `${what}: the status store is closed.`);
    let client: PoolClient | undefined;
    let broken = false;
    try {
      client = await this.pool.connect();
      return await work(client);
    } catch (error) {
      if (isFromCaller(error)) throw error;
      broken = !(error instanceof MicrocredError) && !isServerError(error);
      throw storeFailed(error, what, this.target, this.tables.schema);
    } finally {
      // A connection that failed below SQL (reset, timeout) is discarded, not handed to the next call.
      client?.release(broken);
    }
  }

  async #readList(client: PoolClient, listId: string): Promise<StoredStatusList | undefined> {
    const { lists, allocations } = this.tables;
    // One statement, so the bits and the version come from the same snapshot.
    const result = await client.query<{
      id: string;
      purpose: StatusPurpose;
      length: number;
      allocated: number;
      version: string;
      issuer: string | null;
      set: number[];
    }>(
      `SELECT l.id, l.purpose, l.length, l.allocated, l.version, l.issuer,
              coalesce((SELECT array_agg(a.idx) FROM ${allocations} a WHERE a.list_id = l.id AND a.bit), '{}') AS set
       FROM ${lists} l WHERE l.id = $1`,
      [listId],
    );
    const row = result.rows[0];
    if (!row) return undefined;
    const bits = new Uint8Array(Math.ceil(row.length / 8));
    for (const index of row.set) bits[index >> 3]! |= 0x80 >> (index & 7);
    return {
      id: row.id,
      purpose: row.purpose,
      length: row.length,
      bits,
      allocated: row.allocated,
      version: Number(row.version),
      ...(row.issuer === null ? {} : { issuer: row.issuer }),
    };
  }

  async #openListWithRoom(
    client: PoolClient,
    purpose: StatusPurpose,
    issuer: string | undefined,
  ): Promise<string | undefined> {
    const result = await client.query<{ id: string }>(
      `SELECT id FROM ${this.tables.lists}
       WHERE purpose = $1 AND issuer IS NOT DISTINCT FROM $2 AND open AND allocated < length`,
      [purpose, issuer ?? null],
    );
    return result.rows[0]?.id;
  }

  /** Allocates on the open list in one call to the server; undefined when no open list has room. */
  async #place(
    client: PoolClient,
    credentialId: string,
    purpose: StatusPurpose,
    issuer: string | undefined,
  ): Promise<StatusAllocation | undefined> {
    const result = await client.query<{ list_id: string; idx: number; outcome: 'existing' | 'new' | 'full' }>(
      `SELECT o_list AS list_id, o_index AS idx, o_outcome AS outcome FROM ${this.tables.allocate}($1, $2, $3, $4::bigint[], $5)`,
      [credentialId, purpose, issuer ?? null, randomDraws(RANDOM_DRAWS), randomFraction()],
    );
    const row = result.rows[0];
    return row && row.outcome !== 'full' ? { credentialId, purpose, listId: row.list_id, index: row.idx } : undefined;
  }

  /**
   * Allocates `credentialIds` on the open list of `purpose` in one call to the server, recording each
   * in `found` (keyed by purpose and id); returns those left when the list (or no list) had no room.
   */
  async #placeMany(
    client: PoolClient,
    credentialIds: readonly string[],
    purpose: StatusPurpose,
    issuer: string | undefined,
    found: Map<string, StatusAllocation>,
  ): Promise<string[]> {
    const picks = credentialIds.map(() => randomFraction());
    const result = await client.query<{
      credential: string;
      list_id: string | null;
      idx: number | null;
      outcome: string;
    }>(
      `SELECT o_credential AS credential, o_list AS list_id, o_index AS idx, o_outcome AS outcome
       FROM ${this.tables.allocateMany}($1::text[], $2, $3, $4::bigint[], $5::double precision[])`,
      [credentialIds, purpose, issuer ?? null, randomDraws(RANDOM_DRAWS * credentialIds.length), picks],
    );
    const left: string[] = [];
    for (const row of result.rows) {
      if (row.outcome === 'full' || row.list_id === null || row.idx === null) left.push(row.credential);
      else
        found.set(`${purpose} ${row.credential}`, {
          credentialId: row.credential,
          purpose,
          listId: row.list_id,
          index: row.idx,
        });
    }
    return left;
  }

  /** Closes the issuer's open list for `purpose` (full) and opens a new one named by the caller's nextListId(). */
  async #openNewList(client: PoolClient, purpose: StatusPurpose, options: AllocateOptions): Promise<string> {
    const issuer = options.issuer ?? null;
    await client.query(
      `UPDATE ${this.tables.lists} SET open = false WHERE purpose = $1 AND issuer IS NOT DISTINCT FROM $2 AND open`,
      [purpose, issuer],
    );
    const id = callerId(options.nextListId);
    const inserted = await client.query(
      `INSERT INTO ${this.tables.lists} (id, purpose, length, issuer) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`,
      [id, purpose, options.listLength, issuer],
    );
    if (inserted.rowCount !== 1) {
      throw new MicrocredError(
        ErrorCode.STORE_FAILED,
        `The store already has a list ${id}; a new list needs a new id (nextListId returned it again).`,
        { url: id, schema: this.tables.schema },
      );
    }
    return id;
  }
}

// Errors thrown by the caller's own code (nextListId), or about what it returned: passed through as
// they are rather than blamed on the store.
const fromCaller = new WeakSet<object>();

function isFromCaller(error: unknown): boolean {
  return typeof error === 'object' && error !== null && fromCaller.has(error);
}

function callerId(nextListId: () => string): string {
  let id: unknown;
  try {
    id = nextListId();
  } catch (error) {
    // A thrown primitive cannot be marked; it is wrapped in an Error that carries it as its cause.
    const thrown =
      typeof error === 'object' && error !== null
        ? error
        : new Error(`nextListId() threw ${String(error)}`, { cause: error });
    fromCaller.add(thrown);
    throw thrown;
  }
  if (typeof id !== 'string' || id === '') {
    const error = new MicrocredError(
      ErrorCode.FIELD_INVALID,
      `nextListId() must return the new list's id (its URL), not ${JSON.stringify(id)}.`,
      { path: 'nextListId' },
    );
    fromCaller.add(error);
    throw error;
  }
  return id;
}

/** Errors the server sent (they carry a severity): the connection itself is still good. */
function isServerError(error: unknown): boolean {
  return typeof (error as { severity?: unknown })?.severity === 'string';
}

function checkCredential(credentialId: string): void {
  if (typeof credentialId !== 'string' || credentialId === '') {
    throw new MicrocredError(
      ErrorCode.FIELD_INVALID,
      `credentialId must be a non-empty string, not ${JSON.stringify(credentialId)}.`,
      { path: 'credentialId' },
    );
  }
}

function checkPurpose(purpose: StatusPurpose): void {
  if (!PURPOSES.includes(purpose)) {
    throw new MicrocredError(
      ErrorCode.FIELD_INVALID,
      `purpose must be "revocation" or "suspension", not ${JSON.stringify(purpose)}.`,
      { path: 'purpose' },
    );
  }
}

function checkAllocateOptions(options: AllocateOptions): void {
  if (options?.issuer !== undefined && (typeof options.issuer !== 'string' || options.issuer === '')) {
    throw new MicrocredError(ErrorCode.FIELD_INVALID, 'options.issuer must be the issuer DID (a non-empty string).', {
      path: 'issuer',
    });
  }
  if (typeof options?.nextListId !== 'function') {
    throw new MicrocredError(
      ErrorCode.FIELD_INVALID,
      'allocate needs options.nextListId, a function returning the id (URL) of a new list.',
      { path: 'nextListId' },
    );
  }
  const length = options.listLength;
  if (!Number.isInteger(length) || length < 1 || length > MAX_LIST_LENGTH) {
    throw new MicrocredError(
      ErrorCode.FIELD_INVALID,
      `listLength must be a whole number of bits between 1 and ${MAX_LIST_LENGTH}, not ${JSON.stringify(length)}.`,
      { path: 'listLength' },
    );
  }
}
