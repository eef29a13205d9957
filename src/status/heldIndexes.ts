import type { StatusPurpose } from './store.js';

/** One index a credential holds: the list's position among the store's lists, and the bit. */
export interface HeldIndex {
  position: number;
  index: number;
}

// A list is at most 2^32 bits long (indexes are drawn below 2^32), so a position and an index fit
// one float64 exactly while positions stay under 2^21.
const SPAN = 2 ** 32;

/**
 * Which index of which list every credential holds, per purpose. A store keeps this for every
 * credential it ever allocated for, so it is packed: one `Map<credential id, number>` per purpose,
 * the number being `position × 2^32 + index`. A map of small objects per credential took about
 * 850 bytes a credential (85 MB of live heap at 100,000 credentials, which V8 then sized its heap
 * to a multiple of); this takes about 150.
 */
export class HeldIndexes {
  readonly #byPurpose = new Map<StatusPurpose, Map<string, number>>();

  get(credentialId: string, purpose: StatusPurpose): HeldIndex | undefined {
    const packed = this.#byPurpose.get(purpose)?.get(credentialId);
    return packed === undefined ? undefined : unpack(packed);
  }

  has(credentialId: string, purpose: StatusPurpose): boolean {
    return this.#byPurpose.get(purpose)?.has(credentialId) ?? false;
  }

  set(credentialId: string, purpose: StatusPurpose, held: HeldIndex): void {
    let map = this.#byPurpose.get(purpose);
    if (!map) this.#byPurpose.set(purpose, (map = new Map()));
    map.set(flattened(credentialId), held.position * SPAN + held.index);
  }

  /** What `credentialId` holds, one entry per purpose, in the order the purposes were first used. */
  of(credentialId: string): [StatusPurpose, HeldIndex][] {
    const out: [StatusPurpose, HeldIndex][] = [];
    for (const [purpose, map] of this.#byPurpose) {
      const packed = map.get(credentialId);
      if (packed !== undefined) out.push([purpose, unpack(packed)]);
    }
    return out;
  }

  /** Every holding: per purpose, in allocation order. */
  *entries(): Generator<[credentialId: string, purpose: StatusPurpose, held: HeldIndex]> {
    for (const [purpose, map] of this.#byPurpose) {
      for (const [credentialId, packed] of map) yield [credentialId, purpose, unpack(packed)];
    }
  }
}

/**
 * The same string, stored flat. V8 keeps a string made by concatenation (a template literal, as
 * credential ids usually are) as a tree of its pieces, and a Map key keeps the whole tree: about
 * 450 bytes for a 45-character `urn:uuid:` id, against about 60 flat. Reading a character flattens
 * the string in place, and the pieces can then be collected.
 */
function flattened(text: string): string {
  text.charCodeAt(0);
  return text;
}

function unpack(packed: number): HeldIndex {
  const index = packed % SPAN;
  return { position: (packed - index) / SPAN, index };
}
