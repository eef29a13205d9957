import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { MicrocredError, ErrorCode } from '../errors.js';
import { toBase64Url } from '../encoding.js';
import { publicJwkOf } from './jwk.js';
import type { Key, KeyType } from './key.js';
import { buildKey } from './buildKey.js';

/** Options of {@link generateKey}. */
export interface GenerateKeyOptions<T extends KeyType = KeyType> {
  /**
   * `ed25519` (default: Data Integrity proofs and EdDSA VC-JWTs), `p256` (ES256 VC-JWTs) or `rsa`
   * (2048 bits, RS256 VC-JWTs).
   */
  type?: T;
  /**
   * The DID that controls the key, e.g. `did:web:pd.example.org`; the key is then
   * `controller#<multibase>` (Ed25519) or `controller#<thumbprint>` (P-256, RSA). Default: an
   * Ed25519 or P-256 key's own did:key; an RSA key has none (its VC-JWTs carry the public key in a `jwk` header).
   */
  controller?: string;
}

// WebCrypto's key type, named through the global object (src/keys may not import node:crypto).
type SigningKey = Awaited<ReturnType<typeof globalThis.crypto.subtle.importKey>>;

const TYPES: readonly KeyType[] = ['ed25519', 'p256', 'rsa'];

/**
 * Generates a new signing key: Ed25519 unless `type` asks for P-256 or RSA.
 *
 * @example
 * const key = await generateKey();                                       // Ed25519, did:key
 * const web = await generateKey({ controller: 'did:web:pd.example.org' });
 * const rsa = await generateKey({ type: 'rsa', controller: 'did:web:pd.example.org' });
 */
export async function generateKey(options?: GenerateKeyOptions<'ed25519'>): Promise<Key<'ed25519'>>;
export async function generateKey<T extends KeyType>(options: GenerateKeyOptions<T> & { type: T }): Promise<Key<T>>;
export async function generateKey(options: GenerateKeyOptions = {}): Promise<Key> {
  const type = options?.type ?? 'ed25519';
  if (!TYPES.includes(type)) {
    throw new MicrocredError(
      ErrorCode.FIELD_INVALID,
      `type must be "ed25519" (the default), "p256" or "rsa"; it is ${JSON.stringify(type)}.`,
      { path: 'type' },
    );
  }
  const naming = options.controller === undefined ? {} : { controller: options.controller };
  if (type === 'ed25519') {
    const pair = await Ed25519Multikey.generate();
    const seed = (pair.secretKey as Uint8Array).slice(0, 32);
    return buildKey(
      type,
      { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(pair.publicKey) },
      { d: toBase64Url(seed) },
      naming,
    );
  }
  const params =
    type === 'p256'
      ? { name: 'ECDSA', namedCurve: 'P-256' }
      : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };
  const pair = (await globalThis.crypto.subtle.generateKey(params, true, ['sign', 'verify'])) as {
    privateKey: SigningKey;
  };
  const jwk = (await globalThis.crypto.subtle.exportKey('jwk', pair.privateKey)) as Record<string, unknown>;
  const names = type === 'p256' ? ['d'] : ['d', 'p', 'q', 'dp', 'dq', 'qi'];
  const secret = Object.fromEntries(names.map((name) => [name, jwk[name] as string]));
  return buildKey(type, publicJwkOf(jwk), secret, naming);
}
