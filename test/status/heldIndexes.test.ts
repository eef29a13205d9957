import { describe, expect, it } from 'vitest';
import { HeldIndexes } from '../../src/status/heldIndexes.js';

describe('HeldIndexes (the store’s packed index of what each credential holds)', () => {
  it('gives back the list position and index it was given, up to the largest index a list can have', () => {
    const held = new HeldIndexes();
    held.set('urn:a', 'revocation', { position: 0, index: 0 });
    held.set('urn:a', 'suspension', { position: 1, index: 2 ** 32 - 1 });
    held.set('urn:b', 'revocation', { position: 2 ** 20, index: 123_456_789 });
    expect(held.get('urn:a', 'revocation')).toEqual({ position: 0, index: 0 });
    expect(held.get('urn:a', 'suspension')).toEqual({ position: 1, index: 2 ** 32 - 1 });
    expect(held.get('urn:b', 'revocation')).toEqual({ position: 2 ** 20, index: 123_456_789 });
    expect(held.get('urn:b', 'suspension')).toBeUndefined();
    expect(held.has('urn:b', 'suspension')).toBe(false);
  });

  it('lists a credential’s holdings per purpose, and every holding in allocation order', () => {
    const held = new HeldIndexes();
    held.set(`urn:${'x'}`, 'revocation', { position: 0, index: 5 });
    held.set('urn:y', 'revocation', { position: 0, index: 9 });
    held.set('urn:x', 'suspension', { position: 1, index: 7 });
    expect(held.of('urn:x')).toEqual([
      ['revocation', { position: 0, index: 5 }],
      ['suspension', { position: 1, index: 7 }],
    ]);
    expect([...held.entries()].map(([id, purpose]) => `${id} ${purpose}`)).toEqual([
      'urn:x revocation',
      'urn:y revocation',
      'urn:x suspension',
    ]);
  });
});
