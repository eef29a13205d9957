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

    it('allocateMany: distinct random indexes per purpose in one call, the same ones back, and agrees with allocate', async () => {
      const store = await makeStore();
      if (!store.allocateMany) return expect.fail(`${name} has no allocateMany`);
      const { options, opened } = opener(512);
      const requests = [
        { purpose: 'revocation' as const, options },
        { purpose: 'suspension' as const, options },
      ];
      const before = await store.allocate('urn:example:early', 'revocation', options);
      const ids = ['urn:example:early', ...Array.from({ length: 40 }, (_, i) => `urn:example:bulk${i}`)];
      const held = await store.allocateMany(ids, requests);
      expect(held).toHaveLength(ids.length);
      held.forEach((pair, i) => {
        expect(pair.map((a) => [a.credentialId, a.purpose])).toEqual([
          [ids[i], 'revocation'],
          [ids[i], 'suspension'],
        ]);
      });
      // A credential that had an index keeps it; one list per purpose was opened.
      expect(held[0]?.[0]).toEqual(before);
      expect(opened.length).toBe(2);
      for (const column of [0, 1]) {
        const indexes = held.map((pair) => (pair[column] as { index: number }).index);
        expect(new Set(indexes).size).toBe(ids.length);
        expect(indexes.every((x) => x >= 0 && x < 512)).toBe(true);
        // Not handed out in order (41 draws among 512 in increasing order: about 1 in 10^49).
        expect(indexes.slice(1)).not.toEqual([...indexes.slice(1)].sort((x, y) => x - y));
      }
      expect(await store.allocateMany(ids, requests)).toEqual(held);
      expect(await store.allocate('urn:example:bulk7', 'suspension', options)).toEqual(held[8]?.[1]);
      expect(await store.allocations('urn:example:bulk3')).toEqual(expect.arrayContaining(held[4] as unknown[]));
      for (const ref of await store.listIds()) expect((await store.getList(ref.id))?.allocated).toBe(ids.length);
      // The next single allocation avoids every index handed out in bulk.
      const after = await store.allocate('urn:example:late', 'revocation', options);
      expect(held.some((pair) => pair[0]?.index === after.index)).toBe(false);
      expect(await store.allocateMany([], requests)).toEqual([]);
      await store.close();
    });

    it('allocateMany rolls over to new lists within one call: every index distinct, every list full but the last', async () => {
      const store = await makeStore();
      if (!store.allocateMany) return expect.fail(`${name} has no allocateMany`);
      const { options, opened } = opener(16);
      await store.allocate('urn:example:first', 'revocation', options);
      const ids = Array.from({ length: 40 }, (_, i) => `urn:example:roll${i}`);
      const held = await store.allocateMany(ids, [{ purpose: 'revocation', options }]);
      // 41 allocations on lists of 16: three lists, the first two full, none shared.
      expect(opened.length).toBe(3);
      expect(new Set(held.map(([a]) => `${a?.listId}#${a?.index}`)).size).toBe(40);
      const counts = await Promise.all(opened.map(async (id) => (await store.getList(id))?.allocated));
      expect(counts).toEqual([16, 16, 9]);
      expect(held.every(([a]) => opened.includes(a?.listId as string) && (a?.index as number) < 16)).toBe(true);
      await store.close();
    });
  });
}
