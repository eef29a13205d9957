import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BitstringStatusList } from '@digitalbazaar/vc-bitstring-status-list';
import { decodeList, encodeList } from '../../src/status/bitstring.js';

describe('encodedList', () => {
  it('is what the Bitstring Status List library itself encodes, and decodes to the same bits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.nat({ max: 131_071 }), { maxLength: 50 }), async (set) => {
        const library = new BitstringStatusList({ length: 131_072 });
        const bits = new Uint8Array(16_384);
        for (const index of set) {
          library.setStatus(index, true);
          bits[index >> 3] = (bits[index >> 3] as number) | (0x80 >> (index & 7));
        }
        const encoded = await encodeList(bits);
        expect(encoded).toBe(await library.encode());
        const decoded = await decodeList(encoded, 'BitstringStatusList');
        expect(decoded.length).toBe(131_072);
        for (const index of set) expect(decoded.getStatus(index)).toBe(true);
        for (const index of [0, 1, 65_535, 131_071]) expect(decoded.getStatus(index)).toBe(set.includes(index));
      }),
      { numRuns: 20 },
    );
  });

  it("index 0 is the most significant bit of the first byte (the spec's order)", async () => {
    const decoded = await decodeList(await encodeList(Uint8Array.from([0x80, 0x01])), 'BitstringStatusList');
    expect([0, 1, 7, 8, 15].map((i) => decoded.getStatus(i))).toEqual([true, false, false, false, true]);
  });

  it('refuses what is not an encodedList, saying why', async () => {
    await expect(decodeList(undefined, 'BitstringStatusList')).rejects.toThrow('missing');
    await expect(decodeList('H4sIAAAA', 'BitstringStatusList')).rejects.toThrow('does not start with "u"');
    await expect(decodeList('u!!!', 'BitstringStatusList')).rejects.toThrow('not base64url');
    await expect(decodeList('uAAAA', 'BitstringStatusList')).rejects.toThrow('not GZIP');
    await expect(decodeList(await encodeList(new Uint8Array(2048)), 'BitstringStatusList', 1024)).rejects.toThrow(
      'larger than 1024 bytes',
    );
  });
});
