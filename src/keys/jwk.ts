// Public keys as JSON Web Keys (RFC 7517): reading them from the places verification methods keep
// them (publicKeyJwk, publicKeyMultibase, did:key, did:jwk) and naming them by thumbprint.
import { MicrocredError, ErrorCode } from '../errors.js';
import { fromBase58btc, fromBase64Url, toBase58btc, toBase64Url } from '../encoding.js';
import { isJsonObject } from '../jsonPath.js';
import { assertUsableEd25519Key } from './ed25519Points.js';

/** A public JSON Web Key of a kind microcred verifies: Ed25519 (OKP), P-256 (EC) or RSA. */
export type PublicJwk =
  | { kty: 'OKP'; crv: 'Ed25519'; x: string }
  | { kty: 'EC'; crv: 'P-256'; x: string; y: string }
  | { kty: 'RSA'; n: string; e: string };

// Members only a private or symmetric JWK has (RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037 §2).
const SECRET_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/** The first member of `jwk` that holds secret key material (`d`, `k`, an RSA prime…), if any. */
export function secretMemberOf(jwk: Record<string, unknown>): string | undefined {
  return SECRET_MEMBERS.find((member) => member in jwk);
}

/**
 * The public members of a JWK (`kty`, `crv`, `x`, `y`, `n`, `e`), checked for their shape; other
 * members (`kid`, `alg`, `use`, `key_ops`…) are dropped. Throws `ERR_KEY_INVALID` for anything else,
 * never quoting key material.
 */
export function publicJwkOf(jwk: unknown): PublicJwk {
  const key = isJsonObject(jwk) ? jwk : {};
  const b64 = (name: string, bytes?: number) => {
    const value = key[name];
    if (typeof value !== 'string') return undefined;
    try {
      const decoded = fromBase64Url(value);
      return bytes === undefined || decoded.length === bytes ? value : undefined;
    } catch {
      return undefined;
    }
  };
  if (key.kty === 'OKP' && key.crv === 'Ed25519') {
    const x = b64('x', 32);
    if (x) {
      assertUsableEd25519Key(fromBase64Url(x), 'in this JWK');
      return { kty: 'OKP', crv: 'Ed25519', x };
    }
  } else if (key.kty === 'EC' && key.crv === 'P-256') {
    const [x, y] = [b64('x', 32), b64('y', 32)];
    if (x && y) return { kty: 'EC', crv: 'P-256', x, y };
  } else if (key.kty === 'RSA') {
    const [n, e] = [b64('n'), b64('e')];
    if (n && e) return { kty: 'RSA', n, e };
  } else {
    const kind = [key.kty, key.crv].filter((v) => typeof v === 'string').join(' ') || 'of no known type';
    throw new MicrocredError(
      ErrorCode.KEY_INVALID,
      `The key is ${kind}; microcred reads Ed25519 (OKP), P-256 (EC) and RSA keys.`,
    );
  }
  throw new MicrocredError(
    ErrorCode.KEY_INVALID,
    `The ${String(key.kty)} key is not well formed: its public members are missing or have the wrong length.`,
  );
}

/**
 * A public JWK a VC-JWT may be verified with: a {@link PublicJwk}, or an EC key on P-384 (ES384) or
 * secp256k1 (ES256K), curves microcred verifies but does not sign with.
 */
export type VerifyingJwk = PublicJwk | { kty: 'EC'; crv: 'P-384' | 'secp256k1'; x: string; y: string };

// The coordinate length of each verify-only curve, in bytes.
const VERIFY_ONLY_CURVES: Record<string, number> = { 'P-384': 48, secp256k1: 32 };

/** {@link publicJwkOf}, also reading P-384 and secp256k1 EC keys; `ERR_KEY_INVALID` for anything else. */
export function verifyingJwkOf(jwk: unknown): VerifyingJwk {
  if (!isJsonObject(jwk) || jwk.kty !== 'EC' || typeof jwk.crv !== 'string' || !(jwk.crv in VERIFY_ONLY_CURVES))
    return publicJwkOf(jwk);
  const length = VERIFY_ONLY_CURVES[jwk.crv] as number;
  const sized = (value: unknown) => {
    try {
      return typeof value === 'string' && fromBase64Url(value).length === length;
    } catch {
      return false;
    }
  };
  if (!sized(jwk.x) || !sized(jwk.y)) {
    throw new MicrocredError(
      ErrorCode.KEY_INVALID,
      `The ${jwk.crv} key is not well formed: its x and y must each be ${length} bytes.`,
    );
  }
  return { kty: 'EC', crv: jwk.crv as 'P-384' | 'secp256k1', x: jwk.x as string, y: jwk.y as string };
}

// Multicodec headers of Multikey public keys (varint-encoded): ed25519-pub 0xed, p256-pub 0x1200.
const ED25519_HEADER = [0xed, 0x01];
const P256_HEADER = [0x80, 0x24];

/**
 * The public key a Multikey value encodes: `z6Mk…` (Ed25519) or `zDn…` (P-256, a compressed
 * point), as a JWK. Throws `ERR_KEY_INVALID` for any other value.
 */
export function jwkOfMultibase(publicKeyMultibase: string): PublicJwk {
  let bytes: Uint8Array | undefined;
  try {
    if (publicKeyMultibase.startsWith('z')) bytes = fromBase58btc(publicKeyMultibase.slice(1));
  } catch {
    // reported below
  }
  const has = (header: number[], length: number) =>
    bytes?.length === header.length + length && header.every((b, i) => bytes?.[i] === b);
  if (bytes && has(ED25519_HEADER, 32)) {
    assertUsableEd25519Key(bytes.slice(2), `${publicKeyMultibase.slice(0, 12)}…`);
    return { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(bytes.slice(2)) };
  }
  if (bytes && has(P256_HEADER, 33)) {
    const point = decompressP256(bytes.slice(2));
    if (point) return { kty: 'EC', crv: 'P-256', x: toBase64Url(point.x), y: toBase64Url(point.y) };
  }
  throw new MicrocredError(
    ErrorCode.KEY_INVALID,
    `The multibase key ${publicKeyMultibase.slice(0, 12)}… is not an Ed25519 (z6Mk…) or P-256 (zDn…) public key.`,
  );
}

/** The Multikey value (`zDn…`, a compressed point) of a P-256 public key, as its did:key uses it. */
export function multibaseOfP256(jwk: PublicJwk & { kty: 'EC' }): string {
  const x = fromBase64Url(jwk.x);
  const y = fromBase64Url(jwk.y);
  return `z${toBase58btc(Uint8Array.from([...P256_HEADER, 0x02 | ((y[31] as number) & 1), ...x]))}`;
}

// NIST P-256 (SEC 2 §2.4.2): y² = x³ − 3x + b over the prime field p.
const P = 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

/** The full point of a 33-byte compressed P-256 public key (SEC 1 §2.3.4), or undefined if it is not on the curve. */
function decompressP256(compressed: Uint8Array): { x: Uint8Array; y: Uint8Array } | undefined {
  const prefix = compressed[0];
  if (prefix !== 0x02 && prefix !== 0x03) return undefined;
  const x = toBigInt(compressed.slice(1));
  if (x >= P) return undefined;
  const rhs = (((x * x) % P) * x - 3n * x + B) % P;
  const alpha = (rhs + P) % P;
  // p ≡ 3 (mod 4), so a square root is alpha^((p+1)/4).
  let y = modPow(alpha, (P + 1n) / 4n, P);
  if ((y * y) % P !== alpha) return undefined;
  if ((y & 1n) !== BigInt(prefix & 1)) y = P - y;
  return { x: compressed.slice(1), y: fromBigInt(y) };
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

function toBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  return value;
}

function fromBigInt(value: bigint, size = 32): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = size - 1, v = value; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

// The verify-only curves as a did:key names them: multicodec p384-pub 0x1201 and secp256k1-pub 0xe7
// (varints), a compressed point; each curve y² = x³ + ax + b over a prime p ≡ 3 (mod 4) (SEC 2 §2.4.1, §2.5.1).
const VERIFY_ONLY_MULTIKEYS = [
  {
    crv: 'P-384',
    header: [0x81, 0x24],
    size: 48,
    p: 2n ** 384n - 2n ** 128n - 2n ** 96n + 2n ** 32n - 1n,
    a: -3n,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
  },
  { crv: 'secp256k1', header: [0xe7, 0x01], size: 32, p: 2n ** 256n - 2n ** 32n - 977n, a: 0n, b: 7n },
] as const;

/**
 * {@link jwkOfMultibase}, also reading P-384 (`z82…`) and secp256k1 (`zQ3s…`) keys, which VC-JWTs
 * (ES384, ES256K) may name by did:key. Throws `ERR_KEY_INVALID` for anything else.
 */
export function verifyingJwkOfMultibase(publicKeyMultibase: string): VerifyingJwk {
  let bytes: Uint8Array | undefined;
  try {
    if (publicKeyMultibase.startsWith('z')) bytes = fromBase58btc(publicKeyMultibase.slice(1));
  } catch {
    // left to jwkOfMultibase, which reports it
  }
  const curve = VERIFY_ONLY_MULTIKEYS.find((c) => c.header.every((h, i) => bytes?.[i] === h));
  if (!bytes || !curve) return jwkOfMultibase(publicKeyMultibase);
  const point = bytes.length === 3 + curve.size ? decompress(bytes.slice(2), curve) : undefined;
  if (!point) {
    throw new MicrocredError(
      ErrorCode.KEY_INVALID,
      `The multibase key ${publicKeyMultibase.slice(0, 12)}… is not a ${curve.crv} public key: it holds no compressed point on the curve.`,
    );
  }
  return { kty: 'EC', crv: curve.crv, x: toBase64Url(point.x), y: toBase64Url(point.y) };
}

function decompress(
  compressed: Uint8Array,
  curve: { p: bigint; a: bigint; b: bigint; size: number },
): { x: Uint8Array; y: Uint8Array } | undefined {
  const { p, a, b, size } = curve;
  const prefix = compressed[0];
  if (prefix !== 0x02 && prefix !== 0x03) return undefined;
  const x = toBigInt(compressed.slice(1));
  if (x >= p) return undefined;
  const alpha = (((((x * x) % p) * x + a * x + b) % p) + p) % p;
  let y = modPow(alpha, (p + 1n) / 4n, p);
  if ((y * y) % p !== alpha) return undefined;
  if ((y & 1n) !== BigInt(prefix & 1)) y = p - y;
  return { x: compressed.slice(1), y: fromBigInt(y, size) };
}

/**
 * The public key a did:key or did:jwk DID (or a URL under one) names, without any lookup: both
 * methods carry the key in the identifier itself. Undefined for other DIDs.
 */
export function jwkOfSelfCertifyingDid(url: string): VerifyingJwk | undefined {
  const did = url.split('#')[0] as string;
  if (did.startsWith('did:key:')) return verifyingJwkOfMultibase(did.slice('did:key:'.length));
  if (did.startsWith('did:jwk:')) {
    let decoded: unknown;
    try {
      decoded = JSON.parse(
        new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(did.slice('did:jwk:'.length))),
      );
    } catch {
      throw new MicrocredError(
        ErrorCode.KEY_INVALID,
        `${did.slice(0, 40)}… is not a did:jwk: its identifier is not a base64url-encoded JWK.`,
      );
    }
    if (isJsonObject(decoded) && secretMemberOf(decoded))
      throw new MicrocredError(
        ErrorCode.KEY_INVALID,
        'The did:jwk carries private key material; it must never be trusted.',
      );
    return verifyingJwkOf(decoded);
  }
  return undefined;
}

/** The RFC 9278 thumbprint URI of a public key (`urn:ietf:params:oauth:jwk-thumbprint:sha-256:…`): a name for a key that has no other. */
export async function thumbprintUriOf(jwk: VerifyingJwk): Promise<string> {
  // Loaded on first use, as the VC-JWT verifier loads it (src/jwt/verifySignature.ts).
  const { calculateJwkThumbprintUri } = await import('jose');
  return calculateJwkThumbprintUri(jwk);
}

/** True when two public keys are the same key. */
export function sameKey(a: VerifyingJwk, b: VerifyingJwk): boolean {
  const members = (k: VerifyingJwk) => JSON.stringify(Object.entries(k).sort(([x], [y]) => (x < y ? -1 : 1)));
  return members(a) === members(b);
}
