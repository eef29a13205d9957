import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { FileStatusStore } from '../../src/node.js';
import type { AllocateOptions } from '../../src/index.js';
import { getBit } from '../../src/status/state.js';
import { rejection } from '../helpers/errors.js';
import { tempDir } from '../cli/helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
let writer: string;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  // The child runs the store's TypeScript source, bundled once for plain node.
  writer = join(dir, 'storeWriter.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./storeWriter.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: writer,
    logLevel: 'silent',
  });
});
afterAll(() => cleanup());

let lists = 0;
const options = (length = 64): AllocateOptions => ({
  listLength: length,
  nextListId: () => `https://pd.example.org/status/test-${++lists}`,
});

/** Runs the writer child; `killAfter` SIGKILLs it once it has printed that many lines. */
function runWriter(
  store: string,
  prefix: string,
  count: number,
  killAfter?: number,
  mode?: 'bulk',
): Promise<{ lines: string[]; signal: NodeJS.Signals | null; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, store, prefix, String(count), ...(mode ? [mode] : [])], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    let errors = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      if (killAfter !== undefined && text.split('\n').length > killAfter) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0 && signal === null) reject(new Error(`writer failed (${code}): ${errors}`));
      // Only complete lines were acknowledged.
      else resolve({ lines: text.split('\n').slice(0, -1), signal, code });
    });
  });
}

/** Checks that `store` holds every change the writer printed. */
async function expectAcknowledged(store: FileStatusStore, lines: string[]): Promise<void> {
  for (const line of lines) {
    const [what, id, listId, index] = line.split(' ') as [string, string, string?, string?];
    const [allocation] = await store.allocations(id);
    expect(allocation, line).toBeDefined();
    if (what === 'allocated') expect(allocation).toMatchObject({ listId, index: Number(index) });
    else {
      const list = await store.getList(allocation?.listId as string);
      expect(getBit(list?.bits as Uint8Array, allocation?.index as number), line).toBe(true);
    }
  }
}

describe('FileStatusStore', () => {
  it('keeps allocations, lists and bits across instances; a missing file is an empty store that reads never create', async () => {
    const path = join(dir, 'persist.json');
    const first = new FileStatusStore(path);
    expect(await first.listIds()).toEqual([]);
    expect(await readdir(dir)).not.toContain('persist.json');
    const a = await first.allocate('urn:example:a', 'revocation', options());
    const b = await first.allocate('urn:example:b', 'suspension', options());
    expect(await first.allocate('urn:example:a', 'revocation', options())).toEqual(a);
    await first.setStatus('urn:example:a', 'revocation', true);
    await first.close();

    const second = new FileStatusStore(path);
    expect(await second.allocations('urn:example:a')).toEqual([a]);
    expect(await second.allocations('urn:example:b')).toEqual([b]);
    expect((await second.listIds()).map((l) => l.purpose)).toEqual(['revocation', 'suspension']);
    const list = await second.getList(a.listId);
    expect(list).toMatchObject({ id: a.listId, purpose: 'revocation', length: 64, allocated: 1, version: 1 });
    expect(getBit(list?.bits as Uint8Array, a.index)).toBe(true);
    expect(await second.setStatus('urn:example:unknown', 'revocation', true)).toBeUndefined();
    // No temporary files are left behind by completed writes, and the lock is released.
    expect((await readdir(dir)).filter((f) => f.startsWith('persist') || f.startsWith('.persist')).sort()).toEqual([
      'persist.json',
      'persist.json.journal',
    ]);
  });

  it('concurrent changes from one process, through one or two instances, never share an index or lose one', async () => {
    const path = join(dir, 'concurrent.json');
    const one = new FileStatusStore(path);
    const two = new FileStatusStore(path);
    const ids = Array.from({ length: 24 }, (_, i) => `urn:example:c${i}`);
    const made = await Promise.all(ids.map((id, i) => (i % 2 ? one : two).allocate(id, 'revocation', options(16))));
    expect(new Set(made.map((a) => `${a.listId} ${a.index}`)).size).toBe(24);
    await Promise.all(ids.map((id, i) => (i % 2 ? two : one).setStatus(id, 'revocation', true)));
    const fresh = new FileStatusStore(path);
    for (const id of ids) {
      const [held] = await fresh.allocations(id);
      expect(getBit((await fresh.getList(held?.listId as string))?.bits as Uint8Array, held?.index as number)).toBe(
        true,
      );
    }
    expect((await fresh.listIds()).length).toBe(2);
  });

  it('two processes writing at once: every allocation distinct, every change kept (the lock file)', async () => {
    const path = join(dir, 'processes.json');
    const [a, b] = await Promise.all([runWriter(path, 'p', 20), runWriter(path, 'q', 20)]);
    const store = new FileStatusStore(path);
    await expectAcknowledged(store, [...a.lines, ...b.lines]);
    const held = await Promise.all(
      Array.from({ length: 40 }, (_, i) => store.allocations(`urn:example:${i < 20 ? 'p' : 'q'}:${i % 20}`)),
    );
    expect(new Set(held.map(([x]) => `${x?.listId} ${x?.index}`)).size).toBe(40);
  });

  it('two processes allocating in bulk at once (under the lock): every index distinct, lists filled in turn', async () => {
    const path = join(dir, 'bulk-processes.json');
    const [a, b] = await Promise.all([
      runWriter(path, 'p', 100, undefined, 'bulk'),
      runWriter(path, 'q', 100, undefined, 'bulk'),
    ]);
    expect(a.lines).toHaveLength(100);
    expect(b.lines).toHaveLength(100);
    const store = new FileStatusStore(path);
    await expectAcknowledged(store, [...a.lines, ...b.lines]);
    const places = [...a.lines, ...b.lines].map((line) => line.split(' ').slice(2).join('#'));
    expect(new Set(places).size).toBe(200);
    // 200 on lists of 64: three full lists and one of 8, whoever opened them.
    const refs = await store.listIds();
    expect(await Promise.all(refs.map(async (r) => (await store.getList(r.id))?.allocated))).toEqual([64, 64, 64, 8]);
  });

  it('a writer killed mid-stream (SIGKILL) leaves a readable file holding every change it acknowledged', async () => {
    const path = join(dir, 'killed.json');
    let acknowledged: string[] = [];
    // Three rounds on the same file, each killed at a different point.
    for (const [round, killAfter] of [
      [1, 7],
      [2, 20],
      [3, 33],
    ] as const) {
      const { lines, signal } = await runWriter(path, `k${round}`, 1000, killAfter);
      expect(signal).toBe('SIGKILL');
      expect(lines.length).toBeGreaterThanOrEqual(killAfter);
      acknowledged = [...acknowledged, ...lines];
      const text = await readFile(path, 'utf8');
      expect(() => JSON.parse(text)).not.toThrow();
      await expectAcknowledged(new FileStatusStore(path), acknowledged);
    }
    // The dead writer's lock is recognised as abandoned: the next change goes through.
    const store = new FileStatusStore(path, { lockTimeoutMs: 2000 });
    expect(await store.allocate('urn:example:after', 'revocation', options())).toMatchObject({
      credentialId: 'urn:example:after',
    });
  });

  it('a lock held by a live process: ERR_STORE_LOCKED naming it, after the timeout', async () => {
    const path = join(dir, 'locked.json');
    await writeFile(`${path}.lock`, `${process.pid}\nsomewhere-else\n`);
    const store = new FileStatusStore(path, { lockTimeoutMs: 100 });
    const error = await rejection(store.allocate('urn:example:x', 'revocation', options()), 'ERR_STORE_LOCKED');
    expect(error.message).toContain(`process ${process.pid} on somewhere-else`);
    // Reads need no lock.
    expect(await store.listIds()).toEqual([]);
  });

  it('a damaged file is ERR_STORE_CORRUPT naming where, never silently an empty store', async () => {
    const cases: [string, string][] = [
      ['{"format": "microcred-status-store", "version": 1, "lists": [', 'not valid JSON'],
      ['{"format": "something-else"}', 'at format'],
      ['{"format": "microcred-status-store", "version": 4, "lists": [], "credentials": {}}', 'at version'],
      [
        JSON.stringify({
          format: 'microcred-status-store',
          version: 1,
          lists: [{ id: 'https://x/1', purpose: 'revocation', length: 8, version: 0, bits: 'AA' }],
          credentials: { a: { revocation: [0, 3] }, b: { revocation: [0, 3] } },
        }),
        'credentials["b"].revocation',
      ],
      [
        JSON.stringify({
          format: 'microcred-status-store',
          version: 1,
          lists: [{ id: 'https://x/1', purpose: 'revocation', length: 64, version: 0, bits: 'AA' }],
          credentials: {},
        }),
        'lists[0].bits',
      ],
    ];
    for (const [i, [text, where]] of cases.entries()) {
      const path = join(dir, `corrupt-${i}.json`);
      await writeFile(path, text);
      const error = await rejection(new FileStatusStore(path).listIds(), 'ERR_STORE_CORRUPT');
      expect(error.message).toContain(where);
      // A change is refused too, and the file is left as it was.
      await rejection(
        new FileStatusStore(path).allocate('urn:example:x', 'revocation', options()),
        'ERR_STORE_CORRUPT',
      );
      expect(await readFile(path, 'utf8')).toBe(text);
    }
  });
});
