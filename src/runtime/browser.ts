// Browser (and any WebCrypto) primitives; the Node build uses ./node.ts instead.

/** SHA-256 digest of `data`. */
export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
}

/** `length` cryptographically random bytes. */
export function randomBytes(length: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

const PKCS8_ED25519_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

/** Imports an Ed25519 seed once (non-extractable) and returns a signing function over it. */
export async function createEd25519Sign(seed: Uint8Array): Promise<(data: Uint8Array) => Promise<Uint8Array>> {
  const der = new Uint8Array(PKCS8_ED25519_PREFIX.length + seed.length);
  der.set(PKCS8_ED25519_PREFIX);
  der.set(seed, PKCS8_ED25519_PREFIX.length);
  const key = await globalThis.crypto.subtle.importKey('pkcs8', der, { name: 'Ed25519' }, false, ['sign']);
  der.fill(0);
  return async (data) =>
    new Uint8Array(await globalThis.crypto.subtle.sign({ name: 'Ed25519' }, key, data as Uint8Array<ArrayBuffer>));
}

/**
 * A browser cannot resolve host names: undefined tells the network policy that only IP-literal
 * hosts and `localhost` can be checked, and the browser guards the rest (Private Network Access).
 */
export async function resolveHostAddresses(_hostname: string): Promise<string[] | undefined> {
  return undefined;
}

/**
 * ES256K (secp256k1) signatures cannot be checked with WebCrypto: undefined says so, and the
 * verifier reports the algorithm as not checkable here rather than the signature as wrong.
 */
export async function verifySecp256k1(
  _jwk: { kty: 'EC'; crv: 'secp256k1'; x: string; y: string },
  _data: Uint8Array,
  _signature: Uint8Array,
): Promise<boolean | undefined> {
  return undefined;
}
