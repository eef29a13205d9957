// The Ed25519 point test: every encoding of a point of small order, and every non-canonical
// encoding, is refused; every real public key is accepted; a signature's S must be reduced.
import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SMALL_ORDER_ENCODINGS,
  ed25519KeyWeakness,
  isCanonicalEd25519Signature,
} from '../../src/keys/ed25519Points.js';
import { fromHex, toHex } from '../../src/encoding.js';

const P = 2n ** 255n - 19n;
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

function littleEndian(value: bigint, length = 32): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0, v = value; i < length; i++, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

function withSignBit(bytes: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[31] = (copy[31] as number) | 0x80;
  return copy;
}

function nodeKey(bytes: Uint8Array) {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(bytes).toString('base64url') },
    format: 'jwk',
  });
}

// The identity point's encoding followed by S = 0: the signature a small-order key "makes" for many messages.
const IDENTITY_SIGNATURE = fromHex(`01${'00'.repeat(63)}`);

describe('ed25519KeyWeakness', () => {
  it.each(SMALL_ORDER_ENCODINGS.map((hex) => [hex]))('refuses %s, with the sign bit clear or set', (hex) => {
    const bytes = fromHex(hex);
    expect(ed25519KeyWeakness(bytes)).toBe('small-order');
    expect(ed25519KeyWeakness(withSignBit(bytes))).toBe('small-order');
  });

  it('the blocklist is what makes the attack work: Node accepts the identity signature under each canonical small-order key for some message', () => {
    // Points of order ≤ 8: for one message in eight at worst, [k]A is the identity, so R = identity, S = 0 verifies.
    // The first five entries are the canonical ones (y < p); the last two are y = p and y = p + 1.
    const canonical = SMALL_ORDER_ENCODINGS.slice(0, 5).map(fromHex);
    const messages = Array.from({ length: 200 }, (_, i) => Buffer.from(`message ${i}`));
    const forgedFor = canonical.map((bytes) =>
      messages.some((m) => verify(null, m, nodeKey(bytes), IDENTITY_SIGNATURE)),
    );
    expect(forgedFor).toEqual([true, true, true, true, true]);
  });

  it('refuses y ≥ p (non-canonical encodings), whatever the sign bit', () => {
    for (const y of [P + 2n, P + 3n, P + 18n, 2n ** 255n - 1n]) {
      expect(ed25519KeyWeakness(littleEndian(y))).toMatch(/non-canonical|small-order/);
      expect(ed25519KeyWeakness(withSignBit(littleEndian(y)))).toMatch(/non-canonical|small-order/);
    }
  });

  it('refuses x = 0 written with its sign bit set (y = 1 and y = p − 1: of small order as well)', () => {
    expect(ed25519KeyWeakness(withSignBit(littleEndian(1n)))).toBe('small-order');
    expect(ed25519KeyWeakness(withSignBit(littleEndian(P - 1n)))).toBe('small-order');
  });

  it('leaves a y with no point to the verifier, which verifies nothing under it', () => {
    // y = 2 is not on the curve: (y² − 1)/(d·y² + 1) has no square root.
    const notAPoint = littleEndian(2n);
    expect(ed25519KeyWeakness(notAPoint)).toBeUndefined();
    let imported;
    try {
      imported = nodeKey(notAPoint);
    } catch {
      return; // refused at import: nothing to verify with
    }
    const messages = Array.from({ length: 64 }, (_, i) => Buffer.from(`message ${i}`));
    expect(
      messages.some(
        (m) => verify(null, m, imported, IDENTITY_SIGNATURE) || verify(null, m, imported, new Uint8Array(64)),
      ),
    ).toBe(false);
  });

  it('refuses anything but 32 bytes', () => {
    expect(ed25519KeyWeakness(new Uint8Array(31))).toBe('length');
    expect(ed25519KeyWeakness(new Uint8Array(33))).toBe('length');
  });

  it('accepts every real public key (Node generates them)', () => {
    for (let i = 0; i < 200; i++) {
      const { publicKey } = generateKeyPairSync('ed25519');
      const x = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
      expect(ed25519KeyWeakness(x), toHex(x)).toBeUndefined();
    }
  });

  it('for random bytes, a key it accepts is never a blocklisted encoding nor y ≥ p', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        if (ed25519KeyWeakness(bytes) !== undefined) return;
        const y = bytes.reduceRight((v, b, i) => (i === 31 ? BigInt(b & 0x7f) : (v << 8n) | BigInt(b)), 0n);
        expect(y < P).toBe(true);
        const masked = Uint8Array.from(bytes);
        masked[31] = (masked[31] as number) & 0x7f;
        expect(SMALL_ORDER_ENCODINGS).not.toContain(toHex(masked));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isCanonicalEd25519Signature', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const genuine = new Uint8Array(sign(null, Buffer.from('a message'), privateKey));

  it('accepts a real signature, and S = L − 1', () => {
    expect(isCanonicalEd25519Signature(genuine)).toBe(true);
    expect(isCanonicalEd25519Signature(Uint8Array.from([...genuine.subarray(0, 32), ...littleEndian(L - 1n)]))).toBe(
      true,
    );
  });

  it('refuses S = L, S + L and the maximum S, and any length but 64', () => {
    const s = genuine.subarray(32).reduceRight((v, b) => (v << 8n) | BigInt(b), 0n);
    for (const scalar of [L, s + L, 2n ** 256n - 1n]) {
      expect(isCanonicalEd25519Signature(Uint8Array.from([...genuine.subarray(0, 32), ...littleEndian(scalar)]))).toBe(
        false,
      );
    }
    expect(isCanonicalEd25519Signature(genuine.subarray(0, 63))).toBe(false);
  });
});
