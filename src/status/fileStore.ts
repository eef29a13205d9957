// Node-only (node:fs): exported from `microcred/node`, never from the browser-safe main entry.
import { open, stat, truncate } from 'node:fs/promises';
import type { BigIntStats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { MicrocredError, ErrorCode, isMicrocredError } from '../errors.js';
import { StatusState, type StatusChange } from './state.js';
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
  /**
   * How large the journal may grow, in bytes, before the store is rewritten as one file (default:
   * 1 MiB, or the file's own size when that is larger, so rewriting costs little per change).
   */
  compactAfterBytes?: number;
}

/**
 * A {@link StatusStore} in one local JSON file: the embedded default, for an issuer that runs on
 * one machine. A missing file is an empty store; it is created on the first change.
 *
 * Every change is durable when its promise resolves. A change is one line appended to a journal
 * beside the file (`FILE.journal`) and synced; when the journal outgrows the file, the whole state
 * is written as a new file (temporary file, fsync, rename, fsync of the folder) and the journal
 * starts again. A crash or a kill at any moment leaves the last acknowledged state whole: a line
 * cut short by a crash was never acknowledged and is dropped. Changes are serialized within the
 * process and, through a lock file (`FILE.lock`, created exclusively), across processes on the same
 * host; reads need no lock. The file says version 3 while a journal may hold later changes, so an
 * older microcred, which would not read the journal, refuses the store rather than reuse an index.
 *
 * @example
 * import { FileStatusStore } from 'microcred/node';
 * const store = new FileStatusStore('./microcred-status.json');
 */
export class FileStatusStore implements StatusStore {
  readonly path: string;
  readonly #lockPath: string;
  readonly #journalPath: string;
  readonly #lockTimeoutMs: number;
  readonly #compactAfterBytes: number | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  /** The state last read or written, with where it stands in the file and the journal. */
  #cache: Cached | undefined;

  constructor(path: string, options: FileStatusStoreOptions = {}) {
    if (typeof path !== 'string' || path === '')
      throw new MicrocredError(ErrorCode.FIELD_INVALID, 'FileStatusStore needs the path of its file.', {
        path: 'path',
      });
    this.path = path;
    this.#lockPath = `${path}.lock`;
    this.#journalPath = `${path}.journal`;
    this.#lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
    this.#compactAfterBytes = options.compactAfterBytes;
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
    return this.#serial(async () => (await this.#load()).state.allocations(credentialId));
  }

  getList(listId: string): Promise<StoredStatusList | undefined> {
    return this.#serial(async () => (await this.#load()).state.getList(listId));
  }

  listIds(): Promise<StatusListRef[]> {
    return this.#serial(async () => (await this.#load()).state.listIds());
  }

  /**
   * Rewrites the store as one file and starts its journal again: what a backup should copy (the
   * file and `FILE.journal` together are the store; right after this, the file alone is).
   */
  compact(): Promise<void> {
    return this.#serial(() =>
      withFileLock(this.#lockPath, this.#lockTimeoutMs, async () => {
        const cached = await this.#load();
        try {
          await this.#compact(cached);
        } catch (error) {
          this.#cache = undefined;
          throw error;
        }
      }),
    );
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

  /** Under the lock: read the newest state, apply `mutate`, and make what it changed durable. */
  #change<T>(mutate: (state: StatusState) => T): Promise<T> {
    return this.#serial(() =>
      withFileLock(this.#lockPath, this.#lockTimeoutMs, async () => {
        const cached = await this.#load();
        try {
          const result = mutate(cached.state);
          const changes = cached.state.takeChanges();
          if (changes.length > 0) await this.#persist(cached, changes);
          return result;
        } catch (error) {
          // The state in memory may hold a change that never reached the disk.
          this.#cache = undefined;
          throw error;
        }
      }),
    );
  }

  /** The newest state: the journal's new lines applied to the cached one, or both files read afresh. */
  async #load(): Promise<Cached> {
    const cache = this.#cache;
    if (cache) {
      const [file, journal] = await Promise.all([this.#stamp(this.path), this.#stamp(this.#journalPath)]);
      if (
        file.stamp === cache.fileStamp &&
        journal.identity === cache.journalIdentity &&
        journal.size >= cache.journalBytes
      ) {
        if (journal.size > cache.journalBytes) await this.#readJournal(cache, cache.journalBytes);
        return cache;
      }
    }
    this.#cache = undefined;
    // The journal first, then the file: a compaction replaces the file before it empties the
    // journal, so the file read second is never older than the journal read first. Records the
    // file already includes are skipped by their sequence number.
    const journalText = await this.#readText(this.#journalPath);
    const fileText = await this.#readText(this.path);
    const fileStamp = fileText?.stamp ?? 'missing';
    let loaded: Cached;
    if (fileText === undefined) {
      loaded = {
        state: new StatusState(),
        seq: 0,
        version: 3,
        epoch: undefined,
        journalEpoch: undefined,
        fileStamp,
        journalIdentity: '',
        journalBytes: 0,
        fileBytes: 0,
      };
      if (journalText?.text.trim())
        throw new MicrocredError(
          ErrorCode.STORE_CORRUPT,
          `The status store ${this.path} is missing but its journal ${this.#journalPath} holds changes. Restore the file from a backup; do not issue with it until then.`,
          { file: this.path },
        );
    } else {
      const value = parseJson(fileText.text, this.path);
      const state = StatusState.fromJSON(value, this.path);
      const { seq = 0, epoch } = value as { seq?: unknown; epoch?: unknown };
      if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0)
        throw corrupt(this.path, 'seq', 'not a count');
      if (epoch !== undefined && typeof epoch !== 'string') throw corrupt(this.path, 'epoch', 'not a name');
      loaded = {
        state,
        seq,
        version: (value as { version: number }).version,
        epoch,
        journalEpoch: undefined,
        fileStamp,
        journalIdentity: '',
        journalBytes: 0,
        fileBytes: Buffer.byteLength(fileText.text),
      };
    }
    loaded.state.recordChanges();
    if (journalText !== undefined) {
      loaded.journalIdentity = journalText.identity;
      this.#applyJournal(loaded, journalText.text, 0);
    }
    this.#cache = loaded;
    return loaded;
  }

  /** Applies the journal's complete lines from byte `offset` on (a line cut short is not a change yet). */
  async #readJournal(cached: Cached, offset: number): Promise<void> {
    let handle;
    try {
      handle = await open(this.#journalPath, 'r');
      const { size } = await handle.stat();
      const buffer = Buffer.alloc(size - offset);
      await handle.read(buffer, 0, buffer.length, offset);
      this.#applyJournal(cached, buffer.toString('utf8'), offset);
    } catch (error) {
      this.#cache = undefined;
      if (isMicrocredError(error)) throw error;
      throw storeFailed(`${this.#journalPath} could not be read`, error, this.#journalPath);
    } finally {
      await handle?.close();
    }
  }

  #applyJournal(cached: Cached, text: string, offset: number): void {
    const end = text.lastIndexOf('\n') + 1;
    let at = 0;
    while (at < end) {
      const next = text.indexOf('\n', at);
      const line = text.slice(at, next);
      const where = `byte ${offset + Buffer.byteLength(text.slice(0, at))}`;
      const start = at;
      at = next + 1;
      if (line.trim() === '') continue;
      const record = parseJson(line, this.#journalPath, where) as JournalRecord;
      if (offset === 0 && start === 0 && record.journal !== undefined) {
        // The first line names the file the journal continues.
        if (record.journal !== JOURNAL_FORMAT || typeof record.epoch !== 'string')
          throw corrupt(this.#journalPath, where, 'not a journal header');
        cached.journalEpoch = record.epoch;
        continue;
      }
      if (typeof record.seq !== 'number' || !Array.isArray(record.changes))
        throw corrupt(this.#journalPath, where, 'not a journal record');
      if (record.seq <= cached.seq) continue;
      // A journal left from before the file was last rewritten holds nothing newer than the file; one
      // that does belongs to another file (the file restored from a backup without its journal?).
      if (cached.journalEpoch === undefined || cached.journalEpoch !== cached.epoch)
        throw corrupt(
          this.#journalPath,
          where,
          `it holds change ${record.seq} but belongs to another copy of ${this.path}, which includes changes up to ${cached.seq}`,
        );
      if (record.seq !== cached.seq + 1)
        throw corrupt(this.#journalPath, where, `record ${record.seq} follows ${cached.seq}: records are missing`);
      for (const change of record.changes)
        cached.state.applyChange(change, (why) => corrupt(this.#journalPath, where, why));
      cached.seq = record.seq;
    }
    cached.journalBytes = offset + Buffer.byteLength(text.slice(0, end));
  }

  /** One journal line for `changes`, synced; or, when the journal has outgrown the file, a new file. */
  async #persist(cached: Cached, changes: StatusChange[]): Promise<void> {
    const seq = cached.seq + 1;
    const line = `${JSON.stringify({ seq, changes })}\n`;
    const bytes = Buffer.byteLength(line);
    // An older file (version 1 or 2, or none yet) is rewritten whole first, so that only a
    // microcred that reads the journal ever reads this store.
    if (
      cached.version < 3 ||
      cached.epoch === undefined ||
      cached.journalEpoch !== cached.epoch ||
      cached.fileStamp === 'missing' ||
      cached.journalBytes + bytes > (this.#compactAfterBytes ?? Math.max(JOURNAL_MIN_BYTES, cached.fileBytes))
    ) {
      cached.seq = seq;
      await this.#compact(cached);
      return;
    }
    let handle;
    try {
      // Bytes after the last whole line are a change cut short by a crash: never acknowledged, dropped.
      const { size } = await stat(this.#journalPath).catch(() => ({ size: 0 }));
      if (size > cached.journalBytes) await truncate(this.#journalPath, cached.journalBytes);
      handle = await open(this.#journalPath, 'a', 0o600);
      await handle.writeFile(line, 'utf8');
      await handle.sync();
    } catch (error) {
      throw storeFailed(`${this.#journalPath} could not be written`, error, this.#journalPath);
    } finally {
      await handle?.close();
    }
    cached.seq = seq;
    cached.journalBytes += bytes;
    if (cached.journalIdentity === '') cached.journalIdentity = (await this.#stamp(this.#journalPath)).identity;
  }

  /** The whole state as a new file, then an empty journal (in that order: see {@link #load}). */
  async #compact(cached: Cached): Promise<void> {
    const epoch = randomBytes(8).toString('hex');
    const text = `${JSON.stringify({ ...cached.state.toJSON(), version: 3, seq: cached.seq, epoch })}\n`;
    const header = `${JSON.stringify({ journal: JOURNAL_FORMAT, epoch })}\n`;
    try {
      await replaceFileDurably(this.path, text);
      await replaceFileDurably(this.#journalPath, header);
    } catch (error) {
      throw storeFailed(`${this.path} could not be written`, error, this.path);
    }
    // Written under the lock, so the files now hold exactly this state.
    cached.version = 3;
    cached.epoch = epoch;
    cached.journalEpoch = epoch;
    cached.fileBytes = Buffer.byteLength(text);
    cached.fileStamp = (await this.#stamp(this.path)).stamp;
    const journal = await this.#stamp(this.#journalPath);
    cached.journalIdentity = journal.identity;
    cached.journalBytes = Buffer.byteLength(header);
  }

  /** What identifies the file at `path` now ("missing" when there is none). */
  async #stamp(path: string): Promise<FileStamp> {
    try {
      const info = await stat(path, { bigint: true });
      return { stamp: stampOf(info), identity: `${info.dev}:${info.ino}`, size: Number(info.size) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { stamp: 'missing', identity: '', size: 0 };
      throw storeFailed(`${path} could not be read`, error, path);
    }
  }

  /** The text of `path` and the identity of the file it came from, or undefined when there is none. */
  async #readText(path: string): Promise<{ text: string; identity: string; stamp: string } | undefined> {
    let handle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw storeFailed(`${path} could not be read`, error, path);
    }
    try {
      const info = await handle.stat({ bigint: true });
      // The file is only ever replaced whole or appended to, so the handle's stamp says what it holds.
      return { text: await handle.readFile('utf8'), identity: `${info.dev}:${info.ino}`, stamp: stampOf(info) };
    } catch (error) {
      throw storeFailed(`${path} could not be read`, error, path);
    } finally {
      await handle.close();
    }
  }
}

/** The first line of a journal: `{"journal": JOURNAL_FORMAT, "epoch": the file's epoch}`. */
const JOURNAL_FORMAT = 'microcred-status-journal';

/** A journal line: the header, or one change's record. */
interface JournalRecord {
  journal?: unknown;
  epoch?: unknown;
  seq?: unknown;
  changes?: unknown;
}

/** Files larger than this are rewritten whole only once their journal outgrows them. */
const JOURNAL_MIN_BYTES = 1 << 20;

interface FileStamp {
  stamp: string;
  identity: string;
  size: number;
}

/** A state in memory and where it stands on disk. */
interface Cached {
  state: StatusState;
  /** The last journal record applied (the file's own `seq` when none). */
  seq: number;
  /** The file's format version as read (3 once this microcred has written it). */
  version: number;
  /** The name of the file's last rewrite (version 3), which its journal's first line repeats. */
  epoch: string | undefined;
  /** The name the journal's first line gives (undefined before it is read, or with no journal). */
  journalEpoch: string | undefined;
  /** {@link stampOf} the file the state was read from or last written to. */
  fileStamp: string;
  fileBytes: number;
  /** Device and inode of the journal read ("" when there was none). */
  journalIdentity: string;
  /** The journal's bytes applied: up to the end of its last whole line. */
  journalBytes: number;
}

function parseJson(text: string, file: string, where?: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new MicrocredError(
      ErrorCode.STORE_CORRUPT,
      `The status store ${file} is not valid JSON${where ? ` at ${where}` : ''}. Restore it from a backup; do not issue with it until then.`,
      { file },
    );
  }
}

function corrupt(file: string, where: string, why: string): MicrocredError {
  return new MicrocredError(
    ErrorCode.STORE_CORRUPT,
    `The status store ${file} is damaged at ${where}: ${why}. Restore it from a backup; do not issue with it until then.`,
    { path: where, file },
  );
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
