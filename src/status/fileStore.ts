// Node-only (node:fs): exported from `microcred/node`, never from the browser-safe main entry.
import { open, stat } from 'node:fs/promises';
import type { BigIntStats } from 'node:fs';
import { MicrocredError, ErrorCode, isMicrocredError } from '../errors.js';
import { StatusState } from './state.js';
import { replaceFileDurably, withFileLock } from './durableFile.js';
import type {
  AllocateOptions,
  AllocateRequest,
  StatusAllocation,
  StatusListRef,
  StatusPurpose,
  StatusStore,
  StoredStatusList,
} from './store.js';

/** Options of {@link FileStatusStore}. */
export interface FileStatusStoreOptions {
  /** How long a change waits for another process holding the store's lock, in ms (default 10,000). */
  lockTimeoutMs?: number;
}

/**
 * A {@link StatusStore} in one local JSON file: the embedded default, for an issuer that runs on
 * one machine. A missing file is an empty store; it is created on the first change.
 *
 * Every change is durable when its promise resolves: the file is replaced atomically (temporary
 * file, fsync, rename, fsync of the folder), so a crash or a kill at any moment leaves the last
 * acknowledged state whole. Changes are serialized within the process and, through a lock file
 * (`FILE.lock`, created exclusively), across processes on the same host; reads need no lock.
 *
 * @example
 * import { FileStatusStore } from 'microcred/node';
 * const store = new FileStatusStore('./microcred-status.json');
 */
export class FileStatusStore implements StatusStore {
  readonly path: string;
  readonly #lockPath: string;
  readonly #lockTimeoutMs: number;
  #queue: Promise<unknown> = Promise.resolve();
  /** The state last read or written, with the identity of the file it came from. */
  #cache: { stamp: string; state: StatusState } | undefined;

  constructor(path: string, options: FileStatusStoreOptions = {}) {
    if (typeof path !== 'string' || path === '')
      throw new MicrocredError(ErrorCode.FIELD_INVALID, 'FileStatusStore needs the path of its file.', {
        path: 'path',
      });
    this.path = path;
    this.#lockPath = `${path}.lock`;
    this.#lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
  }

  allocate(credentialId: string, purpose: StatusPurpose, options: AllocateOptions): Promise<StatusAllocation> {
    return this.#change((state) => state.allocate(credentialId, purpose, options));
  }

  /** Every allocation in one locked read-modify-write: one file replacement (and fsync) for the whole chunk. */
  allocateMany(credentialIds: readonly string[], requests: readonly AllocateRequest[]): Promise<StatusAllocation[][]> {
    return this.#change((state) => state.allocateMany(credentialIds, requests));
  }

  openList(purpose: StatusPurpose, options: AllocateOptions): Promise<StoredStatusList> {
    return this.#change((state) => state.openList(purpose, options));
  }

  setStatus(credentialId: string, purpose: StatusPurpose, value: boolean): Promise<StatusAllocation | undefined> {
    return this.#change((state) => state.setStatus(credentialId, purpose, value));
  }

  /** Every bit in one locked read-modify-write: one file replacement for the whole batch. */
  setStatusMany(
    credentialIds: readonly string[],
    purpose: StatusPurpose,
    value: boolean,
  ): Promise<(StatusAllocation | undefined)[]> {
    return this.#change((state) => state.setStatusMany(credentialIds, purpose, value));
  }

  claimList(listId: string, issuer: string): Promise<StoredStatusList> {
    return this.#change((state) => state.claimList(listId, issuer));
  }

  allocations(credentialId: string): Promise<StatusAllocation[]> {
    return this.#serial(async () => (await this.#load()).allocations(credentialId));
  }

  getList(listId: string): Promise<StoredStatusList | undefined> {
    return this.#serial(async () => (await this.#load()).getList(listId));
  }

  listIds(): Promise<StatusListRef[]> {
    return this.#serial(async () => (await this.#load()).listIds());
  }

  async close(): Promise<void> {
    await this.#queue.catch(() => undefined);
    this.#cache = undefined;
  }

  /** Runs `task` after every earlier call of this store has settled. */
  #serial<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(task, task);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Under the lock: read the newest state, apply `mutate`, and save when it changed anything. */
  #change<T>(mutate: (state: StatusState) => T): Promise<T> {
    return this.#serial(() =>
      withFileLock(this.#lockPath, this.#lockTimeoutMs, async () => {
        const state = await this.#load();
        const before = state.revision;
        try {
          const result = mutate(state);
          if (state.revision !== before) await this.#save(state);
          return result;
        } catch (error) {
          // The state in memory may hold a change that never reached the file.
          this.#cache = undefined;
          throw error;
        }
      }),
    );
  }

  async #load(): Promise<StatusState> {
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return (this.#cache = { stamp: 'missing', state: new StatusState() }).state;
      throw storeFailed(`${this.path} could not be read`, error, this.path);
    }
    try {
      // The file is only ever replaced whole, so the handle's identity and size stamp what it holds.
      const stamp = stampOf(await handle.stat({ bigint: true }));
      if (this.#cache?.stamp === stamp) return this.#cache.state;
      const text = await handle.readFile('utf8');
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new MicrocredError(
          ErrorCode.STORE_CORRUPT,
          `The status store ${this.path} is not valid JSON. Restore it from a backup; do not issue with it until then.`,
          { file: this.path },
        );
      }
      const state = StatusState.fromJSON(value, this.path);
      this.#cache = { stamp, state };
      return state;
    } catch (error) {
      if (isMicrocredError(error)) throw error;
      throw storeFailed(`${this.path} could not be read`, error, this.path);
    } finally {
      await handle.close();
    }
  }

  async #save(state: StatusState): Promise<void> {
    try {
      await replaceFileDurably(this.path, `${JSON.stringify(state.toJSON())}\n`);
    } catch (error) {
      throw storeFailed(`${this.path} could not be written`, error, this.path);
    }
    // Written under the lock, so the file now holds exactly this state.
    this.#cache = { stamp: stampOf(await stat(this.path, { bigint: true })), state };
  }
}

/** Identifies one version of the file: it is only ever replaced whole, by rename. */
function stampOf(info: BigIntStats): string {
  return `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}`;
}

function storeFailed(what: string, error: unknown, file: string): MicrocredError {
  return new MicrocredError(
    ErrorCode.STORE_FAILED,
    `${what}: ${(error as Error)?.message ?? String(error)}.`,
    { file },
    { cause: error },
  );
}
