import type { PublicJwk } from './jwk.js';
import type { KeyType } from './key.js';

type Subtle = typeof globalThis.crypto.subtle;

// WebCrypto's parameters to verify a signature with each key type: Ed25519, ES256 (r ‖ s), RS256.
const VERIFY: Record<KeyType, { import: Parameters<Subtle['importKey']>[2]; verify: Parameters<Subtle['verify']>[0] }> =
  {
    ed25519: { import: { name: 'Ed25519' }, verify: { name: 'Ed25519' } },
    p256: { import: { name: 'ECDSA', namedCurve: 'P-256' }, verify: { name: 'ECDSA', hash: 'SHA-256' } },
    rsa: { import: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, verify: { name: 'RSASSA-PKCS1-v1_5' } },
  };

/** Tells whether `signature` is a signature of `data` by one public key. */
export type SignatureCheck = (data: Uint8Array, signature: Uint8Array) => Promise<boolean>;

/**
 * A check of signatures by the public key `publicJwk` of `type`, made with the algorithm its
 * VC-JWTs and proofs use (Ed25519, ES256 as r ‖ s, RS256). The key is imported once, on first use;
 * a signature WebCrypto cannot even read is false, not an error. Runs wherever WebCrypto does.
 */
export function publicKeyCheck(type: KeyType, publicJwk: PublicJwk): SignatureCheck {
  const params = VERIFY[type];
  let imported: ReturnType<Subtle['importKey']> | undefined;
  return async (data, signature) => {
    imported ??= globalThis.crypto.subtle.importKey('jwk', publicJwk, params.import, false, ['verify']);
    try {
      return await globalThis.crypto.subtle.verify(
        params.verify,
        await imported,
        signature as Uint8Array<ArrayBuffer>,
        data as Uint8Array<ArrayBuffer>,
      );
    } catch {
      return false;
    }
  };
}
