// Node-only primitives, chosen through the package's `#runtime` import condition.
// Everything else in microcred runs unchanged in browsers (see ./browser.ts).
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  randomBytes as nodeRandomBytes,
  sign,
  verify,
} from 'node:crypto';
import { lookup } from 'node:dns/promises';

/** SHA-256 digest of `data`. */
export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

/** `length` cryptographically random bytes. */
export function randomBytes(length: number): Uint8Array {
  return new Uint8Array(nodeRandomBytes(length));
}

// RFC 8410 PKCS#8 prefix for a 32-byte Ed25519 seed.
const PKCS8_ED25519_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

/**
 * Imports an Ed25519 seed once and returns a signing function over the imported key, so
 * repeated signatures do not pay for a key import each time.
 */
export async function createEd25519Sign(seed: Uint8Array): Promise<(data: Uint8Array) => Promise<Uint8Array>> {
  const der = new Uint8Array(PKCS8_ED25519_PREFIX.length + seed.length);
  der.set(PKCS8_ED25519_PREFIX);
  der.set(seed, PKCS8_ED25519_PREFIX.length);
  const key = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
  der.fill(0);
  return async (data) => new Uint8Array(sign(null, data, key));
}

/**
 * Every address `hostname` resolves to (the system resolver, as fetch would use it), so the network
 * policy can refuse a name that points at a private address.
 */
export async function resolveHostAddresses(hostname: string): Promise<string[] | undefined> {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map((entry) => entry.address);
}

/**
 * Whether `signature` (r ‖ s, 64 bytes) is an ES256K signature of `data` (ECDSA on secp256k1 with
 * SHA-256, RFC 8812) by the public key `jwk`. WebCrypto has no secp256k1; Node's OpenSSL does.
 */
export async function verifySecp256k1(
  jwk: { kty: 'EC'; crv: 'secp256k1'; x: string; y: string },
  data: Uint8Array,
  signature: Uint8Array,
): Promise<boolean | undefined> {
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
}
