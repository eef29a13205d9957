// The StatusStore contract as tests, for every store: run it with a function that makes a fresh,
// empty store (see stores.test.ts).
import { describe, expect, it } from 'vitest';
import type { AllocateOptions, StatusStore } from '../../src/index.js';
import { getBit } from '../../src/status/state.js';

export function statusStoreContract(name: string, makeStore: () => Promise<StatusStore>): void {
  describe(`${name}: the StatusStore contract`, () => {
    const opener = (length: number) => {
      const opened: string[] = [];
      const options: AllocateOptions = {
        listLength: length,
        nextListId: () => {
          opened.push(
            `https://pd.example.org/status/${name}-${opened.length + 1}-${Math.random().toString(36).slice(2)}`,
          );
          return opened[opened.length - 1] as string;
        },
      };
      return { options, opened };
    };

    it('allocates once per credential and purpose, within the list, and the same allocation when asked again', async () => {
      const store = await makeStore();
      const { options, opened } = opener(64);
      const a = await store.allocate('urn:example:a', 'revocation', options);
      expect(a).toMatchObject({ credentialId: 'urn:example:a', purpose: 'revocation' });
      expect(a.index).toBeGreaterThanOrEqual(0);
      expect(a.index).toBeLessThan(64);
      expect(await store.allocate('urn:example:a', 'revocation', options)).toEqual(a);
      const s = await store.allocate('urn:example:a', 'suspension', options);
      expect(s.listId).not.toBe(a.listId);
      expect(opened.length).toBe(2);
      expect(await store.allocations('urn:example:a')).toEqual(expect.arrayContaining([a, s]));
      expect(await store.allocations('urn:example:none')).toEqual([]);
      expect(await store.listIds()).toEqual([
        { id: a.listId, purpose: 'revocation' },
        { id: s.listId, purpose: 'suspension' },
      ]);
      await store.close();
    });

    it('fills a list with distinct indexes in no particular order, then opens a new one', async () => {
      const store = await makeStore();
      const { options, opened } = opener(32);
      const indexes: number[] = [];
      for (let i = 0; i < 32; i++)
        indexes.push((await store.allocate(`urn:example:${i}`, 'revocation', options)).index);
      expect(opened.length).toBe(1);
      expect([...indexes].sort((x, y) => x - y)).toEqual([...Array(32).keys()]);
      expect(indexes).not.toEqual([...Array(32).keys()]);
      const [list] = await store.listIds();
      expect(await store.getList(list?.id as string)).toMatchObject({
        length: 32,
        allocated: 32,
        purpose: 'revocation',
      });
      const next = await store.allocate('urn:example:32', 'revocation', options);
      expect(opened.length).toBe(2);
      expect(next.listId).not.toBe(list?.id);
      expect((await store.getList(next.listId))?.allocated).toBe(1);
      await store.close();
    });

    it('concurrent allocations never share an index', async () => {
      const store = await makeStore();
      const { options } = opener(16);
      const made = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.allocate(`urn:example:p${i}`, 'revocation', options)),
      );
      expect(new Set(made.map((a) => `${a.listId}#${a.index}`)).size).toBe(20);
      await store.close();
    });

    it('sets and clears bits; the version counts changes only; unknown credentials are undefined', async () => {
      const store = await makeStore();
      const { options } = opener(64);
      const a = await store.allocate('urn:example:a', 'revocation', options);
      expect((await store.getList(a.listId))?.version).toBe(0);
      expect(await store.setStatus('urn:example:a', 'revocation', true)).toEqual(a);
      await store.setStatus('urn:example:a', 'revocation', true);
      let list = await store.getList(a.listId);
      expect(getBit(list?.bits as Uint8Array, a.index)).toBe(true);
      expect(list?.version).toBe(1);
      await store.setStatus('urn:example:a', 'revocation', false);
      list = await store.getList(a.listId);
      expect(getBit(list?.bits as Uint8Array, a.index)).toBe(false);
      expect(list?.version).toBe(2);
      expect(list?.bits.length).toBe(8);
      expect(await store.setStatus('urn:example:a', 'suspension', true)).toBeUndefined();
      expect(await store.setStatus('urn:example:unknown', 'revocation', true)).toBeUndefined();
      expect(await store.getList('https://pd.example.org/status/none')).toBeUndefined();
      // getList hands out a copy: changing it changes nothing stored.
      (list as { bits: Uint8Array }).bits.fill(0xff);
      expect((await store.getList(a.listId))?.bits.every((b) => b === 0)).toBe(true);
      await store.close();
    });

    it('openList opens a list ahead of issuing, keeps it while it has room, and opens another when full', async () => {
      const store = await makeStore();
      if (!store.openList) return expect.fail(`${name} has no openList`);
      const { options, opened } = opener(8);
      const empty = await store.openList('revocation', options);
      expect(empty).toMatchObject({ purpose: 'revocation', length: 8, allocated: 0, version: 0 });
      expect((await store.openList('revocation', options)).id).toBe(empty.id);
      for (let i = 0; i < 8; i++)
        expect((await store.allocate(`urn:example:${i}`, 'revocation', options)).listId).toBe(empty.id);
      expect((await store.openList('revocation', options)).id).not.toBe(empty.id);
      expect(opened.length).toBe(2);
      await store.close();
    });
  });
}
