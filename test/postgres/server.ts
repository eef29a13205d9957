import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';

/** The PostgreSQL server the tests use, or why there is none. */
export interface TestServer {
  /** A connection string with its password; undefined when no server was found. */
  url?: string;
  /** True outside CI when no server was found: the suites are skipped. In CI they fail instead. */
  skip: boolean;
  reason: string;
}

const inCI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

/**
 * `MICROCRED_TEST_POSTGRES` when set (e.g. `postgres://microcred:secret@127.0.0.1:5432/microcred`, as
 * `.ci/run` exports it); otherwise a server on the `pg` driver's defaults (PGHOST, PGUSER… or
 * localhost:5432) if one answers.
 */
async function findServer(): Promise<TestServer> {
  const configured = process.env.MICROCRED_TEST_POSTGRES;
  if (configured) return { url: configured, skip: false, reason: '' };
  const client = new pg.Client({ connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    const { user, host, port, database, password } = client;
    const secret = typeof password === 'string' && password !== '' ? `:${encodeURIComponent(password)}` : '';
    return {
      url: `postgres://${encodeURIComponent(user ?? '')}${secret}@${host}:${port}/${database}`,
      skip: false,
      reason: '',
    };
  } catch (error) {
    const reason = `MICROCRED_TEST_POSTGRES is not set and no PostgreSQL server answered on the pg defaults (${(error as Error).message || String(error)}).`;
    if (!inCI) {
      console.warn(
        `PostgreSQL tests skipped: ${reason} Set MICROCRED_TEST_POSTGRES=postgres://user:password@127.0.0.1:5432/db to run them.`,
      );
    }
    return { skip: !inCI, reason };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const server: TestServer = await findServer();

/** The server's connection string; throws (failing the suite) when there is none, which in CI is an error. */
export function serverUrl(): string {
  if (server.url === undefined) throw new Error(`CI needs a PostgreSQL server for these tests: ${server.reason}`);
  return server.url;
}

const made: string[] = [];

/** A fresh random schema name for one test; {@link dropSchemas} removes every one handed out. */
export function newSchema(): string {
  const name = `microcred_test_${randomBytes(6).toString('hex')}`;
  made.push(name);
  return name;
}

/** Drops every schema {@link newSchema} named (run in afterAll). */
export async function dropSchemas(): Promise<void> {
  if (server.url === undefined || made.length === 0) return;
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    for (const name of made.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Runs one statement on the server outside any store, e.g. to break a schema behind a store's back. */
export async function sql(text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

/** A connection string for the same server with another user and password (for failures that must not print it). */
export function urlWith(user: string, password: string): string {
  const url = new URL(serverUrl());
  url.username = user;
  url.password = password;
  return url.toString();
}

/** A port on 127.0.0.1 that nothing listens on. */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
