// The worker threads of verifyMany / issueMany (Piscina). The worker module is found next to the
// module that starts the pool: dist/worker.js beside dist/node.js or dist/node.cjs (an ES module
// either way: worker threads load ES modules whatever the caller is). Running from the TypeScript
// sources (tests), the caller names a built worker file (`workerFile`).
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { Task } from './tasks.js';

/** Options shared by verifyMany and issueMany. */
export interface ParallelOptions {
  /** How many worker threads (default `os.availableParallelism()`); 1 runs everything on this thread. */
  concurrency?: number;
  /** The worker module to load (default: dist/worker.js of this package). For tests and custom builds. */
  workerFile?: string | URL;
  /**
   * Threads kept across batches ({@link WorkerPool}): each batch then skips starting threads and
   * loading the library in each (a few hundred ms). `concurrency` and `workerFile` are the pool's.
   */
  pool?: WorkerPool;
}

const piscinas = new WeakMap<WorkerPool, Piscina<Task, unknown[]>>();

/**
 * Worker threads kept for many batches: give it as the `pool` option of verifyMany and issueMany,
 * and `close` it when done (its threads otherwise keep the process alive).
 *
 * @example
 * const pool = new WorkerPool();
 * try {
 *   for (const batch of batches) await verifyMany(batch, { pool });
 * } finally {
 *   await pool.close();
 * }
 */
export class WorkerPool {
  /** How many threads it runs. */
  readonly threads: number;

  constructor(options: Omit<ParallelOptions, 'pool'> = {}) {
    this.threads = concurrencyOf(options);
    piscinas.set(this, startPool(this.threads, options));
  }

  /** Ends its threads once the batches under way are done. */
  async close(): Promise<void> {
    const pool = piscinas.get(this);
    piscinas.delete(this);
    await pool?.close();
  }
}

/** Below this many items a batch runs on the calling thread: starting threads would cost more. */
export const MIN_PARALLEL_ITEMS = 16;

/** The number of threads asked for, as a whole number ≥ 1. */
export function concurrencyOf(options: ParallelOptions): number {
  const given = options.concurrency;
  if (typeof given === 'number' && Number.isFinite(given) && given >= 1) return Math.floor(given);
  return availableParallelism();
}

/** Items per task: several tasks per thread (so a slow chunk does not hold the others), at most 64 items each. */
export function chunkSize(items: number, threads: number): number {
  return Math.max(1, Math.min(64, Math.ceil(items / (threads * 4))));
}

function defaultWorkerFile(): string {
  // In the CommonJS build __filename is dist/node.cjs; in the ES module build, import.meta.url is dist/node.js.
  const here = typeof __filename === 'string' ? pathToFileURL(__filename).href : import.meta.url;
  return new URL('./worker.js', here).href;
}

/** A pool of `threads` workers for one batch; `close` ends them. */
export function startPool(threads: number, options: ParallelOptions): Piscina<Task, unknown[]> {
  const file = options.workerFile ?? defaultWorkerFile();
  return new Piscina<Task, unknown[]>({
    filename: file instanceof URL ? file.href : file.startsWith('file:') ? file : pathToFileURL(file).href,
    minThreads: threads,
    maxThreads: threads,
  });
}

/**
 * Runs `items` in chunks over the pool (or in this thread, for small batches) and puts the answers
 * back in input order. A chunk whose thread fails is retried item by item, so one input that
 * brings a thread down does not take its neighbours' answers with it; an item that fails alone
 * gets `onFailure`'s answer.
 */
export async function spread<T, R>(
  items: readonly T[],
  options: ParallelOptions,
  task: (chunk: T[]) => Task,
  inProcess: (task: Task) => Promise<unknown[]>,
  onFailure: (item: T, error: unknown) => R,
): Promise<R[]> {
  // A pool that was closed is as if none was given: the batch starts its own threads.
  const kept = options.pool ? piscinas.get(options.pool) : undefined;
  const threads = kept && options.pool ? options.pool.threads : concurrencyOf(options);
  if (threads <= 1 || items.length < MIN_PARALLEL_ITEMS) return (await inProcess(task([...items]))) as R[];
  const pool = kept ?? startPool(threads, options);
  try {
    const size = chunkSize(items.length, threads);
    const chunks: T[][] = [];
    for (let at = 0; at < items.length; at += size) chunks.push(items.slice(at, at + size));
    const answers = await Promise.all(
      chunks.map(async (chunk) => {
        try {
          return (await pool.run(task(chunk))) as R[];
        } catch {
          return Promise.all(
            chunk.map(async (item) => {
              try {
                return ((await pool.run(task([item]))) as R[])[0] as R;
              } catch (error) {
                return onFailure(item, error);
              }
            }),
          );
        }
      }),
    );
    return answers.flat();
  } finally {
    if (!kept) await pool.destroy();
  }
}
