// P-256 and RSA keys as Multikey values (Controlled Identifiers §2.2.2 and the multicodec table):
// a multicodec header, then the key bytes, in base58btc with the `z` multibase prefix. Ed25519
// Multikeys are read and written by @digitalbazaar/ed25519-multikey (see importKey / exportKey).
import { MicrocredError, ErrorCode } from '../errors.js';
import { fromBase58btc, fromBase64Url, toBase58btc, toBase64Url } from '../encoding.js';
import { jwkOfMultibase, multibaseOfP256, type PublicJwk } from './jwk.js';
import { jwkOfRsaPrivateKeyDer, jwkOfRsaPublicKeyDer, rsaPrivateKeyDer, rsaPublicKeyDer } from './rsaDer.js';

// Multicodec codes, varint-encoded: p256-priv 0x1306, rsa-pub 0x1205 and rsa-priv 0x1305 (PKCS #1 DER).
const P256_SECRET_HEADER = [0x86, 0x26];
const RSA_PUBLIC_HEADER = [0x85, 0x24];
const RSA_SECRET_HEADER = [0x85, 0x26];

/** The Multikey `publicKeyMultibase` of a P-256 (`zDn…`, compressed point) or RSA (`z4MX…`, PKCS #1) public key. */
export function multibaseOfPublicJwk(jwk: PublicJwk & { kty: 'EC' | 'RSA' }): string {
  if (jwk.kty === 'EC') return multibaseOfP256(jwk);
  return encode(RSA_PUBLIC_HEADER, rsaPublicKeyDer(jwk));
}

/** The public JWK of a P-256 or RSA `publicKeyMultibase`; `ERR_KEY_INVALID` for anything else. */
export function publicJwkOfMultibase(publicKeyMultibase: string): PublicJwk & { kty: 'EC' | 'RSA' } {
  const rsa = decode(publicKeyMultibase, RSA_PUBLIC_HEADER);
  if (rsa) {
    const jwk = jwkOfRsaPublicKeyDer(rsa);
    if (jwk) return { kty: 'RSA', n: jwk.n as string, e: jwk.e as string };
  } else {
    const jwk = jwkOfMultibase(publicKeyMultibase);
    if (jwk.kty === 'EC') return jwk;
  }
  throw new MicrocredError(
    ErrorCode.KEY_INVALID,
    `The multibase key ${publicKeyMultibase.slice(0, 12)}… is not a P-256 (zDn…) or RSA (z4MX…) public key.`,
  );
}

/** The `secretKeyMultibase` of a P-256 (`d`, 32 bytes) or RSA (PKCS #1 RSAPrivateKey) secret. */
export function secretMultibaseOf(
  publicJwk: PublicJwk & { kty: 'EC' | 'RSA' },
  secret: Readonly<Record<string, string>>,
): string {
  if (publicJwk.kty === 'EC') return encode(P256_SECRET_HEADER, fromBase64Url(secret.d as string));
  return encode(RSA_SECRET_HEADER, rsaPrivateKeyDer({ ...publicJwk, ...secret }));
}

/**
 * The private JWK members a `secretKeyMultibase` holds for `publicJwk`, or undefined when it is not
 * a secret of that key's type (an RSA secret must also repeat the public `n` and `e`). Never quotes the value.
 */
export function secretOfMultibase(
  publicJwk: PublicJwk & { kty: 'EC' | 'RSA' },
  secretKeyMultibase: string,
): Record<string, string> | undefined {
  if (publicJwk.kty === 'EC') {
    const d = decode(secretKeyMultibase, P256_SECRET_HEADER);
    return d?.length === 32 ? { d: toBase64Url(d) } : undefined;
  }
  const der = decode(secretKeyMultibase, RSA_SECRET_HEADER);
  const jwk = der ? jwkOfRsaPrivateKeyDer(der) : undefined;
  if (!jwk || jwk.n !== publicJwk.n || jwk.e !== publicJwk.e) return undefined;
  const { n: _n, e: _e, ...secret } = jwk;
  return secret;
}

function encode(header: number[], bytes: Uint8Array): string {
  const out = new Uint8Array(header.length + bytes.length);
  out.set(header);
  out.set(bytes, header.length);
  return `z${toBase58btc(out)}`;
}

function decode(multibase: string, header: number[]): Uint8Array | undefined {
  if (!multibase.startsWith('z')) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = fromBase58btc(multibase.slice(1));
  } catch {
    return undefined;
  }
  return bytes.length > header.length && header.every((b, i) => bytes[i] === b)
    ? bytes.slice(header.length)
    : undefined;
}
