import { MicrocredError, ErrorCode } from '../errors.js';
import type { LoadsDocuments } from '../contexts/documentLoader.js';
import type { VerifyingJwk } from '../keys/jwk.js';
import { verifySecp256k1 } from '#runtime';
import { isCanonicalEd25519Signature } from '../keys/ed25519Points.js';
import type { KeyCheckTime } from '../keys/keyLifecycle.js';
import { fromBase64Url } from '../encoding.js';
import type { DecodedJwt } from './decode.js';
import { checkJwtHeader, type JwtAlgorithm } from './header.js';
import { resolveJwtKey, type ResolvedJwtKey } from './resolveKey.js';

/**
 * Verifies a decoded VC-JWT's signature: the header is acceptable, the key it names is found
 * (see resolveJwtKey) and in force `at` the moment given (default: now), fits `alg`, and the JWS
 * verifies under it (jose, only `alg` allowed; an Ed25519 signature must be canonical).
 * Returns the key. Throws a {@link MicrocredError}: the header's codes (see checkJwtHeader), the
 * key's (`ERR_KEY_UNRESOLVED`, `ERR_KEY_NOT_AUTHORIZED`, `ERR_KEY_INVALID`, `ERR_KEY_EXPIRED`), `ERR_JWT_KEY_ALG_MISMATCH`
 * or `ERR_SIGNATURE_INVALID`.
 *
 * @example
 * const key = await verifyJwtSignature(decodeJwt(text), { loader: new DocumentLoader() });
 */
export async function verifyJwtSignature(
  jwt: DecodedJwt,
  options: { loader: LoadsDocuments; issuer?: string; at?: KeyCheckTime },
): Promise<ResolvedJwtKey> {
  const source = checkJwtHeader(jwt.header);
  const alg = jwt.header.alg as JwtAlgorithm;
  const key = await resolveJwtKey(source, options);
  assertKeyFits(key, alg);
  if (alg === 'ES256K') {
    await verifyEs256k(jwt.compact, key);
    return key;
  }
  // jose is loaded with the first VC-JWT met: a verifier site that bundles microcred does not carry it
  // for the Data Integrity credentials most badges are.
  const { compactVerify, errors, importJWK } = await import('jose');
  let verifier: Awaited<ReturnType<typeof importJWK>>;
  try {
    verifier = await importJWK(key.jwk, alg);
  } catch {
    throw new MicrocredError(ErrorCode.KEY_INVALID, `The key ${key.id} could not be used as a ${alg} public key.`, {
      path: pathOf(key),
    });
  }
  if (key.jwk.kty === 'OKP' && !isCanonicalEd25519Signature(signatureBytes(jwt.compact))) {
    // RFC 8032 §5.1.7: S must be reduced; otherwise one signature has several encodings.
    throw new MicrocredError(
      ErrorCode.SIGNATURE_INVALID,
      `The Ed25519 signature is not in canonical form (its scalar S is not reduced, RFC 8032 §5.1.7): it is an altered encoding, which careful verifiers refuse.`,
      { path: 'signature' },
    );
  }
  try {
    await compactVerify(jwt.compact, verifier, { algorithms: [alg] });
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      throw new MicrocredError(
        ErrorCode.SIGNATURE_INVALID,
        `The signature does not verify under ${key.id}: the header or payload was changed after signing, the signature was damaged, or another key made it.`,
        { path: 'signature' },
      );
    }
    if (error instanceof TypeError && /modulusLength/.test(error.message)) {
      throw new MicrocredError(
        ErrorCode.KEY_INVALID,
        `The RSA key ${key.id} is shorter than 2048 bits, too weak to trust (RFC 7518 §3.3).`,
        { path: pathOf(key) },
      );
    }
    throw new MicrocredError(ErrorCode.JWT_MALFORMED, `The JWS could not be verified: ${(error as Error).message}`);
  }
  return key;
}

// ES256K (RFC 8812 §3.2): ECDSA on secp256k1 with SHA-256 over the JWS signing input, r ‖ s. jose
// (WebCrypto) has no secp256k1, so the runtime checks it; a runtime that cannot says so.
async function verifyEs256k(compact: string, key: ResolvedJwtKey): Promise<void> {
  const [header, payload] = compact.split('.');
  const data = new TextEncoder().encode(`${header}.${payload}`);
  const signature = signatureBytes(compact);
  const jwk = key.jwk as { kty: 'EC'; crv: 'secp256k1'; x: string; y: string };
  let verified: boolean | undefined;
  try {
    verified = signature.length === 64 ? await verifySecp256k1(jwk, data, signature) : false;
  } catch {
    throw new MicrocredError(ErrorCode.KEY_INVALID, `The key ${key.id} could not be used as a secp256k1 public key.`, {
      path: pathOf(key),
    });
  }
  if (verified === undefined) {
    throw new MicrocredError(
      ErrorCode.JWT_ALG_UNSUPPORTED,
      'The JWT is signed with ES256K (secp256k1), which this runtime cannot check (WebCrypto has no secp256k1); verify it with microcred on Node.js.',
      { path: 'header.alg' },
    );
  }
  if (!verified) {
    throw new MicrocredError(
      ErrorCode.SIGNATURE_INVALID,
      `The signature does not verify under ${key.id}: the header or payload was changed after signing, the signature was damaged, or another key made it.`,
      { path: 'signature' },
    );
  }
}

// The JWS signature bytes (the third part); empty when they do not decode (jose then refuses the JWS).
function signatureBytes(compact: string): Uint8Array {
  try {
    return fromBase64Url(compact.split('.')[2] ?? '');
  } catch {
    return new Uint8Array();
  }
}

// RFC 7518 §3.1 and RFC 8037 §3.1: each algorithm takes exactly one kind of key.
function assertKeyFits(key: ResolvedJwtKey, alg: JwtAlgorithm): void {
  const kind = kindOf(key.jwk);
  const wanted: Record<JwtAlgorithm, string> = {
    EdDSA: 'Ed25519',
    Ed25519: 'Ed25519',
    ES256: 'P-256',
    RS256: 'RSA',
    PS256: 'RSA',
    ES384: 'P-384',
    ES256K: 'secp256k1',
  };
  if (kind !== wanted[alg]) {
    throw new MicrocredError(
      ErrorCode.JWT_KEY_ALG_MISMATCH,
      `The header says alg ${alg}, which takes ${article(wanted[alg])} key, but the key ${key.id} is ${article(kind)} key: the algorithm was changed, or the kid names the wrong key.`,
      { path: 'header.alg' },
    );
  }
}

function kindOf(jwk: VerifyingJwk): string {
  return jwk.kty === 'RSA' ? 'RSA' : jwk.crv;
}

function article(kind: string): string {
  return `${/^[AEIOR]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

function pathOf(key: ResolvedJwtKey): string {
  return key.source === 'jwk' ? 'header.jwk' : 'header.kid';
}
