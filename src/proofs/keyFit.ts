import { MicrocredError, ErrorCode } from '../errors.js';
import { isJsonObject } from '../jsonPath.js';
import type { VerifiedSuiteName } from './suites.js';

type Curve = 'Ed25519' | 'P-256' | 'P-384' | 'BLS12-381 G2' | 'secp256k1' | 'RSA';

// The keys each suite's proofs are made with (VC-DI-EdDSA, VC-DI-ECDSA; ecdsa-sd-2023 is P-256 only;
// JsonWebSignature2020 takes the keys of its five JWS algorithms).
const CURVES: Record<VerifiedSuiteName, readonly Curve[]> = {
  'eddsa-rdfc-2022': ['Ed25519'],
  'eddsa-jcs-2022': ['Ed25519'],
  Ed25519Signature2020: ['Ed25519'],
  Ed25519Signature2018: ['Ed25519'],
  JsonWebSignature2020: ['Ed25519', 'P-256', 'P-384', 'secp256k1', 'RSA'],
  'ecdsa-rdfc-2019': ['P-256', 'P-384'],
  'ecdsa-jcs-2019': ['P-256', 'P-384'],
  'ecdsa-sd-2023': ['P-256'],
  'bbs-2023': ['BLS12-381 G2'],
};

/** The curve of a verification method as published (Multikey prefix, JWK `crv`, or key type); undefined when it does not say. */
function curveOf(method: Record<string, unknown>): Curve | undefined {
  const multibase = method.publicKeyMultibase;
  if (typeof multibase === 'string') {
    if (multibase.startsWith('z6Mk')) return 'Ed25519';
    if (multibase.startsWith('zDn')) return 'P-256';
    if (multibase.startsWith('z82')) return 'P-384';
    if (multibase.startsWith('zUC7')) return 'BLS12-381 G2';
  }
  const jwk = method.publicKeyJwk;
  if (isJsonObject(jwk)) {
    if (jwk.crv === 'Ed25519' || jwk.crv === 'P-256' || jwk.crv === 'P-384' || jwk.crv === 'secp256k1') return jwk.crv;
    if (jwk.kty === 'RSA') return 'RSA';
  }
  if (method.type === 'Ed25519VerificationKey2020' || method.type === 'Ed25519VerificationKey2018') return 'Ed25519';
  return undefined;
}

/**
 * Throws `ERR_KEY_INVALID` when the key `method` publishes is of a kind `suite` never signs with (a
 * P-256 key named by an eddsa-rdfc-2022 proof, an Ed25519 key by an ecdsa one): no key of that kind
 * can have made the proof, which is a defect of the proof rather than a signature that does not match.
 */
export function assertKeyFitsSuite(method: Record<string, unknown>, url: string, suite: VerifiedSuiteName): void {
  const curve = curveOf(method);
  const wanted = CURVES[suite];
  if (curve === undefined || wanted.includes(curve)) return;
  throw new MicrocredError(
    ErrorCode.KEY_INVALID,
    `${url} is ${curve === 'RSA' ? 'an' : 'a'} ${curve} key, but the proof is ${suite}, which only ${wanted.join(' or ')} keys make: this key cannot have made it.`,
    { url },
  );
}
