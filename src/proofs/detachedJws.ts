// Verifying the detached JWS of a JsonWebSignature2020 proof, read by src/proofs/detachedJwsHeader.ts:
// signed over ASCII(header) ‖ "." ‖ the verify data's bytes, by the key the proof names.
import { errors, flattenedVerify, importJWK } from 'jose';
import { MicrocredError, ErrorCode } from '../errors.js';
import { isCanonicalEd25519Signature } from '../keys/ed25519Points.js';
import type { VerifyingJwk } from '../keys/jwk.js';
import { verifySecp256k1 } from '#runtime';
import { JWS_2020_ALGORITHMS, PATH, invalid, type DetachedJws, type Jws2020Algorithm } from './detachedJwsHeader.js';

export { readDetachedJws, JWS_2020_ALGORITHMS, type DetachedJws, type Jws2020Algorithm } from './detachedJwsHeader.js';

/**
 * Throws `ERR_JWS_KEY_ALG_MISMATCH` when `jwk` is not the kind of key `alg` takes (an ES256 header
 * over an Ed25519 key): the header was changed, or the proof names the wrong key.
 */
export function assertKeyFitsAlgorithm(jwk: VerifyingJwk, alg: Jws2020Algorithm, keyId: string): void {
  const kind = jwk.kty === 'RSA' ? 'RSA' : jwk.crv;
  const wanted = JWS_2020_ALGORITHMS[alg];
  if (kind === wanted) return;
  throw new MicrocredError(
    ErrorCode.JWS_KEY_ALG_MISMATCH,
    `The JWS header says alg ${alg}, which takes ${article(wanted)} key, but the proof's key ${keyId} is ${article(kind)} key: the header was changed, or the proof names the wrong key.`,
    { path: PATH, url: keyId },
  );
}

/**
 * Whether the detached JWS `read` (see {@link readDetachedJws}) is a signature of `payload` by `jwk`.
 * The key must fit the header's alg ({@link assertKeyFitsAlgorithm}); an Ed25519 signature must be
 * canonical (RFC 8032 §5.1.7). ES256K is checked by the runtime (Node's OpenSSL): where it cannot be,
 * `ERR_JWS_ALG_UNSUPPORTED`. An RSA key shorter than 2048 bits is `ERR_KEY_INVALID`.
 *
 * @example
 * const ok = await verifyDetachedJws(readDetachedJws(proof.jws), verifyData, jwk, proof.verificationMethod);
 */
export async function verifyDetachedJws(
  read: DetachedJws,
  payload: Uint8Array,
  jwk: VerifyingJwk,
  keyId: string,
): Promise<boolean> {
  assertKeyFitsAlgorithm(jwk, read.alg, keyId);
  if (read.alg === 'EdDSA' && !isCanonicalEd25519Signature(read.signature)) return false;
  if (read.alg === 'ES256K')
    return verifyEs256k(read, payload, jwk as { kty: 'EC'; crv: 'secp256k1'; x: string; y: string }, keyId);
  let key: Awaited<ReturnType<typeof importJWK>>;
  try {
    key = await importJWK(jwk, read.alg);
  } catch {
    throw new MicrocredError(ErrorCode.KEY_INVALID, `The key ${keyId} could not be used as a ${read.alg} public key.`, {
      path: 'proof.verificationMethod',
      url: keyId,
    });
  }
  try {
    await flattenedVerify({ protected: read.encodedHeader, payload, signature: read.encodedSignature }, key, {
      algorithms: [read.alg],
    });
    return true;
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) return false;
    if (error instanceof TypeError && /modulusLength/.test(error.message))
      throw new MicrocredError(
        ErrorCode.KEY_INVALID,
        `The RSA key ${keyId} is shorter than 2048 bits, too weak to trust (RFC 7518 §3.5).`,
        { path: 'proof.verificationMethod', url: keyId },
      );
    throw invalid(`The JWS could not be verified: ${(error as Error).message}`);
  }
}

// RFC 8812 §3.2: ECDSA on secp256k1 with SHA-256, r ‖ s; WebCrypto has none, so the runtime checks it.
async function verifyEs256k(
  read: DetachedJws,
  payload: Uint8Array,
  jwk: { kty: 'EC'; crv: 'secp256k1'; x: string; y: string },
  keyId: string,
): Promise<boolean> {
  const head = new TextEncoder().encode(`${read.encodedHeader}.`);
  const data = new Uint8Array(head.length + payload.length);
  data.set(head, 0);
  data.set(payload, head.length);
  if (read.signature.length !== 64) return false;
  let verified: boolean | undefined;
  try {
    verified = await verifySecp256k1(jwk, data, read.signature);
  } catch {
    throw new MicrocredError(ErrorCode.KEY_INVALID, `The key ${keyId} could not be used as a secp256k1 public key.`, {
      path: 'proof.verificationMethod',
      url: keyId,
    });
  }
  if (verified === undefined)
    throw new MicrocredError(
      ErrorCode.JWS_ALG_UNSUPPORTED,
      'The JWS is signed with ES256K (secp256k1), which this runtime cannot check (WebCrypto has no secp256k1); verify it with microcred on Node.js.',
      { path: PATH },
    );
  return verified;
}

function article(kind: string): string {
  return `${/^[AEIOR]/.test(kind) ? 'an' : 'a'} ${kind}`;
}
