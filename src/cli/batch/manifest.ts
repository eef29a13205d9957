// The batch manifest: a JSON Lines file, one header line then one line per row taken (issued or
// failed), appended and fsynced as the batch goes, so that a re-run knows exactly what was issued.
import { open, readFile, truncate } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

/** The first line: what batch this is, so that a re-run with other inputs is not taken for a resume. */
export interface ManifestHeader {
  manifest: 'microcred-batch';
  version: 1;
  /** Random; with a row number it makes the row's credential id, the same on every run. */
  batchId: string;
  issuer: string;
  /** SHA-256 of the template or definition file. */
  source: string;
  rows: string;
  out: string;
  format: string;
  started: string;
}

/** A row that was issued: its credential, where it was written, and its status entries. */
export interface IssuedRecord {
  row: number;
  line: number;
  digest: string;
  id: string;
  file: string;
  /** For a JSON Lines output: the byte range of the credential's line. */
  offset?: number;
  end?: number;
  status: { purpose: string; index: string; list: string }[];
}

/** A row that could not be issued; a re-run tries it again. */
export interface FailedRecord {
  row: number;
  line: number;
  error: { code: string; message: string; path?: string };
}

export type ManifestRecord = IssuedRecord | FailedRecord;

/** What a manifest on disk says: its header, the rows issued (row → digest and output end), and where its last whole line ends. */
export interface ManifestState {
  header: ManifestHeader;
  issued: Map<number, { digest: string; end?: number }>;
  /** The end of the output that the issued rows account for (JSON Lines output). */
  outputEnd: number;
  /** Bytes of the manifest up to its last complete line. */
  length: number;
}

/**
 * Reads a manifest; undefined when there is none. A last line cut short by a kill is not counted
 * (and is cut off when the manifest is reopened for appending). Throws when the header is not a
 * microcred batch manifest.
 */
export async function readManifest(path: string): Promise<ManifestState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const length = Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1));
  const lines = text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter(Boolean);
  const header = parseLine(lines[0]) as Partial<ManifestHeader> | undefined;
  if (header?.manifest !== 'microcred-batch') throw new Error(`${path} is not a microcred batch manifest`);
  const issued = new Map<number, { digest: string; end?: number }>();
  let outputEnd = 0;
  for (const line of lines.slice(1)) {
    const record = parseLine(line) as Partial<IssuedRecord> | undefined;
    if (!record || typeof record.row !== 'number' || typeof record.id !== 'string') continue;
    issued.set(record.row, { digest: record.digest ?? '', ...(record.end === undefined ? {} : { end: record.end }) });
    if (typeof record.end === 'number') outputEnd = Math.max(outputEnd, record.end);
  }
  return { header: header as ManifestHeader, issued, outputEnd, length };
}

function parseLine(line: string | undefined): unknown {
  try {
    return line === undefined ? undefined : JSON.parse(line);
  } catch {
    return undefined;
  }
}

/**
 * Appends records to a manifest in groups: the output is fsynced first, then the records are
 * written and the manifest fsynced, so a record on disk always names output that is on disk.
 */
export class ManifestWriter {
  readonly #handle: FileHandle;
  readonly #syncOutput: () => Promise<void>;
  #pending: string[] = [];
  #lastFlush = Date.now();

  private constructor(handle: FileHandle, syncOutput: () => Promise<void>) {
    this.#handle = handle;
    this.#syncOutput = syncOutput;
  }

  /** A new manifest holding `header` (replacing any file at `path`). */
  static async create(path: string, header: ManifestHeader, syncOutput: () => Promise<void>): Promise<ManifestWriter> {
    const handle = await open(path, 'w', 0o644);
    await handle.write(`${JSON.stringify(header)}\n`);
    await handle.sync();
    return new ManifestWriter(handle, syncOutput);
  }

  /** The manifest at `path`, cut to its last whole line (`length` from {@link readManifest}), opened for appending. */
  static async reopen(path: string, length: number, syncOutput: () => Promise<void>): Promise<ManifestWriter> {
    await truncate(path, length);
    return new ManifestWriter(await open(path, 'a'), syncOutput);
  }

  /** Queues a record; writes the queue when it holds `every` records or a second has passed. */
  async add(record: ManifestRecord, every = 64): Promise<void> {
    this.#pending.push(`${JSON.stringify(record)}\n`);
    if (this.#pending.length >= every || Date.now() - this.#lastFlush >= 1000) await this.flush();
  }

  async flush(): Promise<void> {
    this.#lastFlush = Date.now();
    if (this.#pending.length === 0) return;
    const text = this.#pending.join('');
    this.#pending = [];
    await this.#syncOutput();
    await this.#handle.write(text);
    await this.#handle.sync();
  }

  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.#handle.close();
    }
  }
}
