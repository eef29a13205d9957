// Public keys as JSON Web Keys (RFC 7517): reading them from the places verification methods keep
// them (publicKeyJwk, publicKeyMultibase, did:key, did:jwk) and naming them by thumbprint.
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import { calculateJwkThumbprintUri } from 'jose';
import { MicrocredError, ErrorCode } from '../errors.js';
import { fromBase64Url, toBase64Url } from '../encoding.js';
import { isJsonObject } from '../jsonPath.js';

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
    if (x) return { kty: 'OKP', crv: 'Ed25519', x };
  } else if (key.kty === 'EC' && key.crv === 'P-256') {
    const [x, y] = [b64('x', 32), b64('y', 32)];
    if (x && y) return { kty: 'EC', crv: 'P-256', x, y };
  } else if (key.kty === 'RSA') {
    const [n, e] = [b64('n'), b64('e')];
    if (n && e) return { kty: 'RSA', n, e };
  } else {
    const kind = [key.kty, key.crv].filter((v) => typeof v === 'string').join(' ') || 'of no known type';
    throw new MicrocredError(ErrorCode.KEY_INVALID, `The key is ${kind}; microcred reads Ed25519 (OKP), P-256 (EC) and RSA keys.`);
  }
  throw new MicrocredError(ErrorCode.KEY_INVALID, `The ${String(key.kty)} key is not well formed: its public members are missing or have the wrong length.`);
}

/**
 * The public key a Multikey value encodes: `z6Mk…` (Ed25519) or `zDn…` (P-256), as a JWK.
 * Throws `ERR_KEY_INVALID` for any other value.
 */
export async function jwkOfMultibase(publicKeyMultibase: string): Promise<PublicJwk> {
  try {
    if (publicKeyMultibase.startsWith('z6Mk')) {
      const pair = await Ed25519Multikey.from({ publicKeyMultibase });
      return publicJwkOf({ kty: 'OKP', crv: 'Ed25519', x: toBase64Url(pair.publicKey) });
    }
    if (publicKeyMultibase.startsWith('zDn')) {
      const pair = await EcdsaMultikey.from({ publicKeyMultibase });
      return publicJwkOf(await EcdsaMultikey.toJwk({ keyPair: pair }));
    }
  } catch (error) {
    if (error instanceof MicrocredError) throw error;
    throw new MicrocredError(ErrorCode.KEY_INVALID, `${publicKeyMultibase} does not decode to a valid public key.`);
  }
  throw new MicrocredError(ErrorCode.KEY_INVALID, `The multibase key ${publicKeyMultibase.slice(0, 12)}… is not an Ed25519 (z6Mk…) or P-256 (zDn…) key.`);
}

/** The Multikey value (`zDn…`) of a P-256 public key, as its did:key uses it. */
export async function multibaseOfP256(jwk: PublicJwk & { kty: 'EC' }): Promise<string> {
  const pair = await EcdsaMultikey.fromJwk({ jwk });
  return pair.publicKeyMultibase;
}

/**
 * The public key a did:key or did:jwk DID (or a URL under one) names, without any lookup: both
 * methods carry the key in the identifier itself. Undefined for other DIDs.
 */
export async function jwkOfSelfCertifyingDid(url: string): Promise<PublicJwk | undefined> {
  const did = url.split('#')[0] as string;
  if (did.startsWith('did:key:')) return jwkOfMultibase(did.slice('did:key:'.length));
  if (did.startsWith('did:jwk:')) {
    let decoded: unknown;
    try {
      decoded = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(did.slice('did:jwk:'.length))));
    } catch {
      throw new MicrocredError(ErrorCode.KEY_INVALID, `${did.slice(0, 40)}… is not a did:jwk: its identifier is not a base64url-encoded JWK.`);
    }
    if (isJsonObject(decoded) && secretMemberOf(decoded)) throw new MicrocredError(ErrorCode.KEY_INVALID, 'The did:jwk carries private key material; it must never be trusted.');
    return publicJwkOf(decoded);
  }
  return undefined;
}

/** The RFC 9278 thumbprint URI of a public key (`urn:ietf:params:oauth:jwk-thumbprint:sha-256:…`): a name for a key that has no other. */
export async function thumbprintUriOf(jwk: PublicJwk): Promise<string> {
  return calculateJwkThumbprintUri(jwk);
}

/** True when two public keys are the same key. */
export function sameKey(a: PublicJwk, b: PublicJwk): boolean {
  const members = (k: PublicJwk) => JSON.stringify(Object.entries(k).sort(([x], [y]) => (x < y ? -1 : 1)));
  return members(a) === members(b);
}
