import { CONTEXT } from '../model/constants.js';
import { MicrocredError, ErrorCode } from '../errors.js';
import type { IssuerKey } from './issuerKey.js';
import { JwtKey } from './jwtKey.js';
import type { PublicJwk } from './jwk.js';

/** A verification method of a DID document: an Ed25519 Multikey, or a P-256 / RSA key as a JsonWebKey. */
export type DidVerificationMethod =
  | { id: string; type: 'Multikey'; controller: string; publicKeyMultibase: string }
  | { id: string; type: 'JsonWebKey'; controller: string; publicKeyJwk: PublicJwk };

/** A DID document, as published at `https://<domain>/.well-known/did.json` for did:web. */
export interface DidDocument {
  '@context': string[];
  id: string;
  verificationMethod: DidVerificationMethod[];
  assertionMethod: string[];
  authentication: string[];
}

const JWK_CONTEXT = 'https://w3id.org/security/jwk/v1';

/**
 * The did:web DID for a domain and optional path (did:web method spec §3.1: `:` separates path
 * segments, a port's colon is percent-encoded).
 *
 * @example didWebOf('pd.example.org') // 'did:web:pd.example.org'
 */
export function didWebOf(domain: string): string {
  const cleaned = domain.replace(/^https:\/\//, '').replace(/\/+$/, '');
  if (!/^[a-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~-]+)*$/i.test(cleaned) || !cleaned.includes('.')) {
    throw new MicrocredError(ErrorCode.FIELD_INVALID, `"${domain}" is not a domain name (with an optional port and path) for did:web.`, { path: 'domain' });
  }
  const [host, ...path] = cleaned.split('/');
  // "." and ".." would resolve to another path than the DID names (did:web §3.2 builds a URL from them).
  if (path.some((segment) => /^\.+$/.test(segment)) || (host as string).split('.').some((label) => label === '')) {
    throw new MicrocredError(ErrorCode.FIELD_INVALID, `"${domain}" has an empty host label or a "." / ".." path segment; did:web needs a plain domain and path.`, { path: 'domain' });
  }
  return ['did:web', (host as string).replace(':', '%3A'), ...path].join(':');
}

/**
 * The DID document an issuer publishes for did:web, listing the given keys for assertion.
 * Each key is re-bound to the did:web controller: an Ed25519 {@link IssuerKey} as a Multikey
 * (`#z6Mk…`), a {@link JwtKey} as a JsonWebKey under its id when that is a URL of this DID, else
 * under `#<its thumbprint>` (see {@link didWebKey}).
 *
 * @example
 * const doc = didWebDocument('pd.example.org', [key]);
 * const webKey = key.withController(doc.id);
 */
export function didWebDocument(domain: string, keys: (IssuerKey | JwtKey)[]): DidDocument {
  const did = didWebOf(domain);
  const methods = keys.map((k): DidVerificationMethod => {
    if (k instanceof JwtKey) return { id: (didWebKey(did, k).id as string), type: 'JsonWebKey', controller: did, publicKeyJwk: k.publicJwk };
    const m = k.withController(did).verificationMethod();
    return { id: m.id, type: 'Multikey', controller: m.controller, publicKeyMultibase: m.publicKeyMultibase };
  });
  const ids = methods.map((m) => m.id);
  return {
    '@context': [CONTEXT.DID_V1, CONTEXT.MULTIKEY_V1, ...(keys.some((k) => k instanceof JwtKey) ? [JWK_CONTEXT] : [])],
    id: did,
    verificationMethod: methods,
    assertionMethod: ids,
    authentication: ids,
  };
}

/**
 * A {@link JwtKey} as a key of the did:web `did`: unchanged when its id is already a URL of that
 * DID, else re-named `did#<thumbprint>`. Its JWTs then carry that kid.
 *
 * @example
 * const webKey = didWebKey(didWebOf('pd.example.org'), await generateJwtKey({ alg: 'RS256' }));
 */
export function didWebKey(did: string, key: JwtKey): JwtKey {
  return key.id?.startsWith(`${did}#`) ? key : key.withId(`${did}#${key.thumbprint}`, did);
}
