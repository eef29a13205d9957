// An independent signer for the JCS Data Integrity suites (eddsa-jcs-2022, VC-DI-EdDSA §3.3;
// ecdsa-jcs-2019, VC-DI-ECDSA §3.4), built from the specs with node:crypto and the JCS package
// only: no microcred code, so the verifier is checked against a second reading of the specs.
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';

/** A key of one of the JCS suites, named by its did:key. */
export interface JcsKey {
  curve: 'Ed25519' | 'P-256' | 'P-384';
  id: string;
  controller: string;
  privateKey: KeyObject;
}

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58btc(bytes: Uint8Array): string {
  let n = BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
  let out = '';
  while (n > 0n) {
    out = ALPHABET[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = `1${out}`;
  }
  return out;
}

// Multicodec headers: ed25519-pub 0xed, p256-pub 0x1200, p384-pub 0x1201 (varints).
const HEADERS = { Ed25519: [0xed, 0x01], 'P-256': [0x80, 0x24], 'P-384': [0x81, 0x24] } as const;

/** The did:key of an EC public JWK (P-256, P-384 or secp256k1): the multicodec header, then the compressed point. */
export function didKeyOfEcJwk(jwk: { crv?: string; x?: string; y?: string }): string {
  const headers: Record<string, number[]> = { 'P-256': [0x80, 0x24], 'P-384': [0x81, 0x24], secp256k1: [0xe7, 0x01] };
  const x = Buffer.from(jwk.x as string, 'base64url');
  const odd = Buffer.from(jwk.y as string, 'base64url').at(-1)! & 1;
  return `did:key:z${base58btc(Uint8Array.from([...(headers[jwk.crv as string] as number[]), odd ? 3 : 2, ...x]))}`;
}

/** A fresh key of `curve`, its did:key built from the public key as the did:key spec says. */
export function jcsKey(curve: JcsKey['curve']): JcsKey {
  const pair = curve === 'Ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: curve });
  const jwk = pair.publicKey.export({ format: 'jwk' });
  const x = Buffer.from(jwk.x as string, 'base64url');
  const raw =
    curve === 'Ed25519'
      ? x
      : Buffer.concat([Buffer.from([Buffer.from(jwk.y as string, 'base64url').at(-1)! & 1 ? 3 : 2]), x]);
  const multibase = `z${base58btc(Uint8Array.from([...HEADERS[curve], ...raw]))}`;
  const controller = `did:key:${multibase}`;
  return { curve, id: `${controller}#${multibase}`, controller, privateKey: pair.privateKey };
}

/**
 * `document` with a DataIntegrityProof of the JCS suite for `key`'s curve: the proof configuration
 * (the proof options under the document's @context) and the document are each canonicalized (RFC
 * 8785) and hashed (SHA-384 for P-384, else SHA-256); the signature covers config hash ‖ document hash.
 * `proofOptions` adds to or overrides the proof's members (e.g. an `expires`).
 */
export function signJcs(
  document: Record<string, unknown>,
  key: JcsKey,
  proofOptions: Record<string, unknown> = {},
  created = '2026-01-15T09:00:00Z',
): Record<string, unknown> {
  const proof: Record<string, unknown> = {
    type: 'DataIntegrityProof',
    cryptosuite: key.curve === 'Ed25519' ? 'eddsa-jcs-2022' : 'ecdsa-jcs-2019',
    created,
    verificationMethod: key.id,
    proofPurpose: 'assertionMethod',
    ...proofOptions,
  };
  const hash = key.curve === 'P-384' ? 'sha384' : 'sha256';
  const digest = (value: unknown) =>
    createHash(hash)
      .update(canonicalize(value) as string, 'utf8')
      .digest();
  const config = { ...proof, '@context': document['@context'] };
  const data = Buffer.concat([digest(config), digest(document)]);
  const signature =
    key.curve === 'Ed25519'
      ? sign(null, data, key.privateKey)
      : sign(hash, data, { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  return { ...document, proof: { ...proof, proofValue: `z${base58btc(signature)}` } };
}
