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

/** Appends one credential per line to `path`, first cutting it to `keep` bytes (what the manifest accounts for). */
export async function jsonLinesOutput(path: string, shownAs: string, keep: number): Promise<BatchOutput> {
  const handle: FileHandle = await open(path, 'a+');
  if ((await handle.stat()).size > keep) await truncate(path, keep);
  let position = keep;
  return {
    async write(_row, text) {
      const bytes = Buffer.from(`${text}\n`, 'utf8');
      await handle.write(bytes);
      const offset = position;
      position += bytes.length;
      return { file: shownAs, offset, end: position };
    },
    sync: () => handle.sync(),
    close: () => handle.close(),
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
