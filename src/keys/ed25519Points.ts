// Ed25519 public keys and signatures that a verifier must refuse before it verifies anything.
//
// RFC 8032 verifiers (OpenSSL, so Node, among them) accept a public key that is a point of small
// order: with such a key, the signature R = identity, S = 0 verifies for every message (or for one
// in two, four or eight), so whoever names such a key "signs" anything. libsodium refuses these keys
// (`ge25519_has_small_order`, `ge25519_is_canonical`) and signatures whose S is not reduced; so does
// microcred, everywhere a key is read.
import { MicrocredError, ErrorCode } from '../errors.js';

/** The field prime of Curve25519, 2^255 − 19. */
const P = 2n ** 255n - 19n;
/** The order of the Ed25519 base point (RFC 8032 §5.1), L = 2^252 + 27742317777372353535851937790883648493. */
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

/**
 * The y coordinates (little-endian, sign bit clear) of the eight points of small order, and the two
 * non-canonical encodings y = p and y = p + 1 of two of them: libsodium's blocklist. The sign bit
 * (x's parity) is ignored when comparing, so each entry covers both points with that y.
 */
export const SMALL_ORDER_ENCODINGS: readonly string[] = [
  '0000000000000000000000000000000000000000000000000000000000000000', // y = 0: two points of order 4
  '0100000000000000000000000000000000000000000000000000000000000000', // y = 1: the identity (order 1)
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', // two points of order 8
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', // two points of order 8
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // y = p − 1: the point of order 2
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // y = p: non-canonical y = 0
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // y = p + 1: non-canonical identity
];

/** Why an Ed25519 public key is refused. */
export type WeakKeyReason = 'length' | 'small-order' | 'non-canonical';

/**
 * Why the 32-byte encoded Ed25519 public key `bytes` must not be used, or undefined when it passes:
 * not 32 bytes, a point of small order (any encoding, either sign bit), or y not reduced mod p (a
 * second encoding of a point). These are libsodium's checks; they cost a few microseconds. A value
 * that is no point at all is left to the verifier, which cannot decode it and so verifies nothing.
 *
 * @example
 * ed25519KeyWeakness(fromHex('01' + '00'.repeat(31))) // 'small-order'
 */
export function ed25519KeyWeakness(bytes: Uint8Array): WeakKeyReason | undefined {
  if (bytes.length !== 32) return 'length';
  if (hasSmallOrder(bytes)) return 'small-order';
  const y = littleEndian(bytes.subarray(0, 31)) + (BigInt((bytes[31] as number) & 0x7f) << 248n);
  // x = 0 with the sign bit set is the other non-canonical form; x = 0 only for y = ±1, both of small order.
  return y >= P ? 'non-canonical' : undefined;
}

/** A sentence naming what is wrong with a key `ed25519KeyWeakness` refused. */
export function describeWeakness(reason: WeakKeyReason): string {
  switch (reason) {
    case 'length':
      return 'it is not 32 bytes long';
    case 'small-order':
      return 'it is a point of small order, with which a fixed signature verifies any content';
    case 'non-canonical':
      return 'it is a non-canonical encoding of a point';
  }
}

/**
 * True when the 64-byte Ed25519 signature `signature` has a reduced scalar, S < L (RFC 8032 §5.1.7
 * step 1): otherwise one signature has several encodings and some verifiers accept what others
 * refuse. False for any other length.
 */
export function isCanonicalEd25519Signature(signature: Uint8Array): boolean {
  return signature.length === 64 && littleEndian(signature.subarray(32)) < L;
}

// libsodium's comparison: every byte but the last exactly, the last without its sign bit.
function hasSmallOrder(bytes: Uint8Array): boolean {
  return SMALL_ORDER_ENCODINGS.some((hex) => {
    for (let i = 0; i < 32; i++) {
      const expected = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
      const actual = i === 31 ? (bytes[i] as number) & 0x7f : (bytes[i] as number);
      if (actual !== expected) return false;
    }
    return true;
  });
}

function littleEndian(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i] as number);
  return value;
}

/**
 * Throws `ERR_KEY_INVALID` when `bytes` is not a usable Ed25519 public key (see
 * {@link ed25519KeyWeakness}); `name` says which key, e.g. its DID URL. Never quotes the key.
 */
export function assertUsableEd25519Key(bytes: Uint8Array, name: string): void {
  const reason = ed25519KeyWeakness(bytes);
  if (reason) {
    throw new MicrocredError(
      ErrorCode.KEY_INVALID,
      `The Ed25519 key ${name} cannot be used: ${describeWeakness(reason)}.`,
      { reason },
    );
  }
}
