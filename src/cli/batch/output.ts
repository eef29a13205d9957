// Where a batch writes its credentials: one JSON Lines file, or one file per row in a folder.
import { mkdir, open, truncate } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/** A place to write credentials; `write` returns what the manifest records about where it went. */
export interface BatchOutput {
  write(rowNumber: number, text: string): Promise<{ file: string; offset?: number; end?: number }>;
  /** Makes everything written so far durable. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Appends one credential per line to `path`, first cutting it to `keep` bytes (what the manifest
 * accounts for). Lines are held until `sync` (the manifest calls it before recording them, every few
 * dozen rows) and then written in one call: a write per credential cost more than signing it did on
 * a loaded machine, and the manifest never names a line before it is on disk anyway.
 */
export async function jsonLinesOutput(path: string, shownAs: string, keep: number): Promise<BatchOutput> {
  const handle: FileHandle = await open(path, 'a+');
  if ((await handle.stat()).size > keep) await truncate(path, keep);
  let position = keep;
  let pending: Buffer[] = [];
  const writePending = async () => {
    if (pending.length === 0) return;
    const bytes = Buffer.concat(pending);
    pending = [];
    await handle.write(bytes);
  };
  return {
    async write(_row, text) {
      const bytes = Buffer.from(`${text}\n`, 'utf8');
      pending.push(bytes);
      const offset = position;
      position += bytes.length;
      return { file: shownAs, offset, end: position };
    },
    async sync() {
      await writePending();
      await handle.sync();
    },
    async close() {
      try {
        await writePending();
      } finally {
        await handle.close();
      }
    },
  };
}

/** Writes each credential to `DIR/NNNNNN.json` (or `.jwt`), fsynced, named by its row so a re-run replaces rather than adds. */
export async function folderOutput(dir: string, extension: 'json' | 'jwt'): Promise<BatchOutput> {
  await mkdir(dir, { recursive: true });
  return {
    async write(row, text) {
      const file = `${String(row).padStart(6, '0')}.${extension}`;
      const handle = await open(join(dir, file), 'w', 0o644);
      try {
        await handle.writeFile(`${text}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      return { file };
    },
    sync: async () => undefined,
    close: async () => undefined,
  };
}
