import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  exportKey,
  MicrocredError,
  type Key,
  type SignedCredential,
  type SuiteName,
  type UnsignedCredential,
} from '../index.js';
import { spread, type ParallelOptions } from './pool.js';
import { runTask, type IssueOutcome } from './tasks.js';

/** Options of {@link issueMany}. */
export interface IssueManyOptions extends ParallelOptions {
  /** The signing key; it must hold its private key (an external signer cannot be copied to threads). */
  key: Key;
  /** The moment of issuance (default: now, per credential). */
  now?: Date;
  suite?: SuiteName;
  /** `'jwt'`: compact JWS strings, as issueCredential's `format: 'jwt'`. */
  format?: 'data-integrity' | 'jwt';
}

/** One draft's result: the signed credential (a JWS string with `format: 'jwt'`), or why it was not issued. */
export type IssueManyResult =
  { ok: true; credential: SignedCredential | string } | { ok: false; error: MicrocredError };

/**
 * Signs many drafts over worker threads (one per core by default), in input order. A draft that
 * cannot be issued gets its error in its place (the others are issued). Status entries are not
 * allocated here: put each draft's `credentialStatus` in first (StatusRegistry.entriesForMany).
 * Throws only for what is wrong before any work: a key without its private key.
 *
 * @example
 * import { issueMany } from 'microcred/node';
 * const results = await issueMany(drafts, { key });
 * const signed = results.flatMap((r) => (r.ok ? [r.credential] : []));
 */
export async function issueMany(
  drafts: readonly UnsignedCredential[],
  options: IssueManyOptions,
): Promise<IssueManyResult[]> {
  const { key, now, suite, format, concurrency, workerFile, pool } = options;
  let file;
  try {
    file = await exportKey(key, { includeSecret: true });
  } catch (error) {
    throw new MicrocredError(
      ErrorCode.KEY_INVALID,
      `issueMany needs a key it can copy to worker threads: ${(error as Error).message}`,
      {},
    );
  }
  if (!('secretKeyMultibase' in file) && !('d' in file))
    throw new MicrocredError(
      ErrorCode.KEY_INVALID,
      'issueMany needs a key that holds its private key (an external signer cannot be copied to worker threads); use issueCredential for each credential instead.',
      {},
    );
  const session = randomUUID();
  const portable = {
    key: file,
    ...(key.controller ? { controller: key.controller } : {}),
    ...(key.id ? { id: key.id } : {}),
    ...(now ? { now } : {}),
    ...(suite ? { suite } : {}),
    ...(format ? { format } : {}),
  };
  const outcomes = await spread<unknown, IssueOutcome>(
    drafts,
    {
      ...(concurrency !== undefined ? { concurrency } : {}),
      ...(workerFile !== undefined ? { workerFile } : {}),
      ...(pool !== undefined ? { pool } : {}),
    },
    (chunk) => ({ kind: 'issue', session, drafts: chunk, options: portable }),
    (task) => runTask(task),
    (_draft, error) => ({
      ok: false,
      error: {
        code: ErrorCode.WORKER_FAILED,
        message: `The worker thread issuing this credential failed: ${error instanceof Error ? error.message : String(error)}`,
      },
    }),
  );
  return outcomes.map((outcome) =>
    outcome.ok
      ? { ok: true, credential: outcome.credential as SignedCredential | string }
      : {
          ok: false,
          error: new MicrocredError(
            (outcome.error.code as ErrorCode | undefined) ?? ErrorCode.INTERNAL,
            outcome.error.message,
            outcome.error.details ?? {},
          ),
        },
  );
}
