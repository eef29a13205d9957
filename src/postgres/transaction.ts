import type { PoolClient } from 'pg';

/** Runs `work` between BEGIN and COMMIT on `client`, rolling back on any failure. */
export async function transaction<T>(client: PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
