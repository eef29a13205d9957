import { randomUUID } from 'node:crypto';
import { ERROR_TITLES, ErrorCode, type VerificationReport } from '../index.js';
import { spread, type ParallelOptions } from './pool.js';
import { runTask, type PortableVerifyOptions } from './tasks.js';

/** Options of {@link verifyMany}: those of verifyCredential that are plain data, and the threads to use. */
export interface VerifyManyOptions extends PortableVerifyOptions, ParallelOptions {}

/**
 * Verifies many credentials over worker threads (one per core by default) and returns one report
 * per input, in input order; like verifyCredential it never throws. Each thread keeps one
 * DocumentLoader for the batch, so a status list is verified once per thread, not per credential.
 * Options are plain data (they are copied to each thread): a `loader`, `fetch` or status registry
 * cannot be given; `allowNetwork: true` lets each thread use `globalThis.fetch` under `network`.
 * Fewer than 16 inputs, or `concurrency: 1`, run on the calling thread. A thread that fails gives
 * the credentials it held a report that says so (`ERR_WORKER_FAILED`), never an exception.
 *
 * @example
 * import { verifyMany } from 'microcred/node';
 * const reports = await verifyMany(credentials, { now: new Date() });
 * const revoked = reports.filter((r) => r.checks.some((c) => c.problem?.code === 'ERR_REVOKED'));
 */
export async function verifyMany(
  inputs: readonly unknown[],
  options: VerifyManyOptions = {},
): Promise<VerificationReport[]> {
  const { concurrency, workerFile, pool, ...portable } = options;
  const session = randomUUID();
  const checkedAt = (portable.now instanceof Date ? portable.now : new Date()).toISOString();
  return spread<unknown, VerificationReport>(
    inputs,
    {
      ...(concurrency !== undefined ? { concurrency } : {}),
      ...(workerFile !== undefined ? { workerFile } : {}),
      ...(pool !== undefined ? { pool } : {}),
    },
    (chunk) => ({ kind: 'verify', session, inputs: chunk, options: portable }),
    (task) => runTask(task),
    (_input, error) => workerFailed(error, checkedAt),
  );
}

// The report of a credential whose thread failed: nothing about the credential is known.
function workerFailed(error: unknown, checkedAt: string): VerificationReport {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    verified: false,
    authentic: false,
    summary: 'could-not-check',
    checkedAt,
    checks: [
      {
        id: 'parse',
        title: 'It can be read',
        outcome: 'could-not-check',
        problem: {
          code: ErrorCode.WORKER_FAILED,
          title: ERROR_TITLES[ErrorCode.WORKER_FAILED],
          detail: `The worker thread verifying this credential failed (${reason}), so nothing about it was checked. Verify it on its own (verifyCredential) to see why.`,
        },
      },
    ],
  };
}
