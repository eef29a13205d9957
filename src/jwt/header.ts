import { MicrocredError, ErrorCode } from '../errors.js';
import { isJsonObject } from '../jsonPath.js';
import { secretMemberOf } from '../keys/jwk.js';
import { typOf } from './typ.js';

/**
 * The JWS algorithms microcred verifies (`Ed25519` is the fully specified name of EdDSA over Ed25519,
 * RFC 9864). It signs with EdDSA, ES256 and RS256; PS256 (RSA-PSS), ES384 (P-384) and ES256K
 * (secp256k1, RFC 8812) are met in credentials of other issuers and verified only.
 */
export type JwtAlgorithm = 'EdDSA' | 'Ed25519' | 'ES256' | 'RS256' | 'PS256' | 'ES384' | 'ES256K';

const SUPPORTED: readonly string[] = [
  'EdDSA',
  'Ed25519',
  'ES256',
  'RS256',
  'PS256',
  'ES384',
  'ES256K',
] satisfies JwtAlgorithm[];

// typ values met in the wild, compared without "application/" and case-insensitively (RFC 7515 §4.1.9):
// OB 3.0 and VC-JWT 1.1 use JWT; VC-JOSE-COSE uses vc+jwt, its earlier drafts vc+ld+json+jwt and vc+ld+jwt.
const ACCEPTED_TYP = ['jwt', 'vc+jwt', 'vc+ld+json+jwt', 'vc+ld+jwt'];

/**
 * Where the header says the verification key is: a `kid` URI to dereference, a `jwk` in the header
 * itself, or both (then the `kid` is used when it can be looked up; see resolveJwtKey).
 */
export type KeySource =
  { kid: string; jwk?: Record<string, unknown> } | { kid?: undefined; jwk: Record<string, unknown> };

// The `typ` reader lives apart, so that telling a presentation from a credential loads no header rules.
export { typOf };

/**
 * Checks a JOSE header before any key is looked up: an algorithm microcred verifies, an
 * acceptable `typ`, no critical extensions, and a key source. Returns that key source.
 * Throws a {@link MicrocredError}: `ERR_JWT_ALG_NONE`, `ERR_JWT_ALG_SYMMETRIC`, `ERR_JWT_ALG_UNSUPPORTED`,
 * `ERR_JWT_TYP_UNSUPPORTED`, `ERR_JWT_CRIT_UNSUPPORTED`, `ERR_JWT_JWK_PRIVATE`, `ERR_JWT_KEY_MISSING`
 * or `ERR_JWT_MALFORMED`, with `details.path` naming the header member.
 */
export function checkJwtHeader(header: Record<string, unknown>): KeySource {
  assertAlgorithm(header.alg);
  const typ = typOf(header);
  if (typ !== undefined && !ACCEPTED_TYP.includes(typ)) {
    throw new MicrocredError(
      ErrorCode.JWT_TYP_UNSUPPORTED,
      `The header's typ is ${JSON.stringify(header.typ)}; a VC-JWT has typ "JWT" (Open Badges 3.0, VC-JWT 1.1) or "vc+jwt" (VC-JOSE-COSE), or none.`,
      { path: 'header.typ' },
    );
  }
  if (header.crit !== undefined) {
    // RFC 7515 §4.1.11: a recipient that does not understand a critical extension must reject the JWS.
    throw new MicrocredError(
      ErrorCode.JWT_CRIT_UNSUPPORTED,
      `The header marks extensions as critical (crit: ${JSON.stringify(header.crit)}); microcred understands none, so it must not accept the token.`,
      { path: 'header.crit' },
    );
  }
  return keySourceOf(header);
}

function assertAlgorithm(alg: unknown): asserts alg is JwtAlgorithm {
  if (typeof alg !== 'string' || alg === '') {
    throw new MicrocredError(
      ErrorCode.JWT_MALFORMED,
      'The JOSE header has no "alg": every JWS names its signing algorithm.',
      { path: 'header.alg' },
    );
  }
  if (alg.toLowerCase() === 'none') {
    throw new MicrocredError(
      ErrorCode.JWT_ALG_NONE,
      'The JWT says alg "none": it is not signed, so nothing shows who issued it or that it is unchanged.',
      { path: 'header.alg' },
    );
  }
  if (/^HS\d+$/i.test(alg)) {
    throw new MicrocredError(
      ErrorCode.JWT_ALG_SYMMETRIC,
      `The JWT is protected with ${alg}, a shared-secret MAC: anyone who can check it can also make it, so it cannot show who issued a credential. Credentials are signed with a private key (EdDSA, ES256, RS256).`,
      { path: 'header.alg' },
    );
  }
  if (!SUPPORTED.includes(alg)) {
    throw new MicrocredError(
      ErrorCode.JWT_ALG_UNSUPPORTED,
      `The JWT is signed with ${alg}; microcred verifies EdDSA (Ed25519), ES256, ES384, ES256K, RS256 and PS256.`,
      { path: 'header.alg' },
    );
  }
}

function keySourceOf(header: Record<string, unknown>): KeySource {
  const { kid, jwk } = header;
  if (jwk !== undefined) {
    if (!isJsonObject(jwk) || typeof jwk.kty !== 'string') {
      throw new MicrocredError(
        ErrorCode.JWT_MALFORMED,
        'The header\'s jwk must be a JSON Web Key: an object with "kty".',
        { path: 'header.jwk' },
      );
    }
    const secret = secretMemberOf(jwk);
    if (secret !== undefined) {
      // Never repeat the value: it is someone's private key.
      throw new MicrocredError(
        ErrorCode.JWT_JWK_PRIVATE,
        `The header's jwk contains "${secret}", private key material: the issuer published its secret key, so anyone can sign as this key. It must never be trusted.`,
        { path: `header.jwk.${secret}` },
      );
    }
  }
  if (kid !== undefined && (typeof kid !== 'string' || kid === '')) {
    throw new MicrocredError(
      ErrorCode.JWT_MALFORMED,
      `The header's kid must be a non-empty string (a URI of the key); it is ${JSON.stringify(kid)}.`,
      { path: 'header.kid' },
    );
  }
  if (typeof kid === 'string') return isJsonObject(jwk) ? { kid, jwk } : { kid };
  if (isJsonObject(jwk)) return { jwk };
  throw new MicrocredError(
    ErrorCode.JWT_KEY_MISSING,
    'The JOSE header names no key: it has neither "kid" (a URI of the public key) nor "jwk" (the public key itself), one of which Open Badges 3.0 requires, so the signature cannot be checked.',
    { path: 'header' },
  );
}
