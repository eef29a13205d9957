// The file store's journal: every change is one appended line, the store is rewritten as one file
// once the journal outgrows it, and what a fresh reader rebuilds from file + journal is exactly what
// the writer holds — after any sequence of changes, a line cut short by a crash, a crash between the
// two steps of a rewrite, or a file restored from a backup without its journal.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFile, copyFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FileStatusStore } from '../../src/node.js';
import type { AllocateOptions, StatusPurpose, StatusStore } from '../../src/index.js';
import { rejection } from '../helpers/errors.js';
import { tempDir } from '../cli/helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir()));
afterAll(() => cleanup());

let lists = 0;
const options = (issuer?: string): AllocateOptions => ({
  listLength: 16,
  nextListId: () => `https://pd.example.org/status/journal-${++lists}`,
  ...(issuer ? { issuer } : {}),
});

/** Everything a store holds, read through its public contract. */
async function contents(store: StatusStore, credentials: readonly string[]) {
  const refs = await store.listIds();
  return {
    refs,
    lists: await Promise.all(refs.map((r) => store.getList(r.id))),
    held: await Promise.all(credentials.map((c) => store.allocations(c))),
  };
}

type Op =
  | { op: 'allocate'; credential: number; purpose: StatusPurpose; issuer: number }
  | { op: 'many'; first: number; count: number }
  | { op: 'set'; credential: number; purpose: StatusPurpose; value: boolean }
  | { op: 'claim'; list: number; issuer: number }
  | { op: 'compact' };

const purpose = fc.constantFrom<StatusPurpose>('revocation', 'suspension');
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('allocate' as const), credential: fc.nat(40), purpose, issuer: fc.nat(2) }),
  fc.record({ op: fc.constant('many' as const), first: fc.nat(40), count: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ op: fc.constant('set' as const), credential: fc.nat(40), purpose, value: fc.boolean() }),
  fc.record({ op: fc.constant('claim' as const), list: fc.nat(8), issuer: fc.nat(2) }),
  fc.constant({ op: 'compact' as const }),
);
const ISSUERS = [undefined, 'did:example:a', 'did:example:b'];
const credentialId = (n: number) => `urn:example:c${n}`;
const ALL = Array.from({ length: 53 }, (_, i) => credentialId(i));

async function apply(store: FileStatusStore, step: Op): Promise<void> {
  switch (step.op) {
    case 'allocate':
      await store.allocate(credentialId(step.credential), step.purpose, options(ISSUERS[step.issuer]));
      return;
    case 'many': {
      const ids = Array.from({ length: step.count }, (_, i) => credentialId(step.first + i));
      await store.allocateMany(ids, [{ purpose: 'revocation', options: options() }]);
      return;
    }
    case 'set':
      await store.setStatus(credentialId(step.credential), step.purpose, step.value);
      return;
    case 'claim': {
      const ref = (await store.listIds())[step.list];
      if (ref) await store.claimList(ref.id, ISSUERS[step.issuer + 1] ?? 'did:example:a').catch(() => undefined);
      return;
    }
    case 'compact':
      await store.compact();
  }
}

describe('the file store journal', () => {
  it('a fresh reader rebuilds exactly what the writer holds, after any sequence of changes and rewrites', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 150, max: 4000 }),
        async (steps, limit) => {
          const path = join(dir, `replay-${++run}.json`);
          const writer = new FileStatusStore(path, { compactAfterBytes: limit });
          // A second instance reads as the writer goes: it follows the journal line by line.
          const follower = new FileStatusStore(path);
          for (const step of steps) {
            await apply(writer, step);
            expect(await contents(follower, ALL)).toEqual(await contents(writer, ALL));
          }
          expect(await contents(new FileStatusStore(path), ALL)).toEqual(await contents(writer, ALL));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a change is one short line: a thousand allocations grow the journal, not the file', async () => {
    const path = join(dir, 'growth.json');
    const store = new FileStatusStore(path);
    await store.allocate('urn:example:first', 'revocation', { ...options(), listLength: 131_072 });
    const before = (await stat(path)).size;
    for (let i = 0; i < 1000; i++)
      await store.allocate(`urn:example:g${i}`, 'revocation', { ...options(), listLength: 131_072 });
    expect((await stat(path)).size).toBe(before);
    const journal = (await readFile(`${path}.journal`, 'utf8')).split('\n').filter(Boolean);
    expect(journal).toHaveLength(1001);
    expect(Math.max(...journal.map((l) => l.length))).toBeLessThan(200);
  });

  it('a line cut short by a crash is no change: readers skip it and the next change replaces it', async () => {
    const path = join(dir, 'torn.json');
    const store = new FileStatusStore(path);
    const a = await store.allocate('urn:example:a', 'revocation', options());
    await store.setStatus('urn:example:a', 'revocation', true);
    await appendFile(`${path}.journal`, '{"seq": 3, "changes": [{"op": "bit", "list": 0, "ind');
    const reader = new FileStatusStore(path);
    expect((await reader.getList(a.listId))?.version).toBe(1);
    const b = await reader.allocate('urn:example:b', 'revocation', options());
    const text = await readFile(`${path}.journal`, 'utf8');
    expect(text).not.toContain('"ind\n');
    expect(text.endsWith('\n')).toBe(true);
    expect(await contents(new FileStatusStore(path), ['urn:example:a', 'urn:example:b'])).toMatchObject({
      held: [[a], [b]],
    });
  });

  it('a crash between writing the new file and starting the journal again loses nothing', async () => {
    const path = join(dir, 'between.json');
    const store = new FileStatusStore(path);
    for (let i = 0; i < 5; i++) await store.allocate(`urn:example:b${i}`, 'revocation', options());
    const oldJournal = join(dir, 'between.old-journal');
    await copyFile(`${path}.journal`, oldJournal);
    await store.compact();
    // As if the process died after the file's rename and before the journal's.
    await copyFile(oldJournal, `${path}.journal`);
    const ids = Array.from({ length: 5 }, (_, i) => `urn:example:b${i}`);
    const reopened = new FileStatusStore(path);
    expect(await contents(reopened, ids)).toEqual(await contents(store, ids));
    await reopened.allocate('urn:example:b5', 'revocation', options());
    expect(await contents(new FileStatusStore(path), [...ids, 'urn:example:b5'])).toEqual(
      await contents(reopened, [...ids, 'urn:example:b5']),
    );
  });

  it('a file restored from an older backup, beside a newer journal, is ERR_STORE_CORRUPT, never a store that reuses indexes', async () => {
    const path = join(dir, 'restored.json');
    const store = new FileStatusStore(path);
    await store.allocate('urn:example:r0', 'revocation', options());
    await store.compact();
    await copyFile(path, join(dir, 'restored.backup'));
    await store.allocate('urn:example:r1', 'revocation', options());
    await store.compact();
    await store.allocate('urn:example:r2', 'revocation', options());
    await copyFile(join(dir, 'restored.backup'), path);
    const error = await rejection(new FileStatusStore(path).listIds(), 'ERR_STORE_CORRUPT');
    expect(error.message).toContain('another copy');
    await rejection(new FileStatusStore(path).allocate('urn:example:r3', 'revocation', options()), 'ERR_STORE_CORRUPT');
  });

  it('a damaged journal line is ERR_STORE_CORRUPT naming the byte where it starts', async () => {
    const path = join(dir, 'damaged.json');
    const store = new FileStatusStore(path);
    await store.allocate('urn:example:d0', 'revocation', options());
    await store.allocate('urn:example:d1', 'revocation', options());
    const at = (await stat(`${path}.journal`)).size;
    await appendFile(
      `${path}.journal`,
      '{"seq": 3, "changes": [{"op": "hold", "credential": "x", "purpose": "revocation", "list": 7, "index": 0}]}\n',
    );
    const error = await rejection(new FileStatusStore(path).listIds(), 'ERR_STORE_CORRUPT');
    expect(error.message).toContain(`byte ${at}`);
  });
});
