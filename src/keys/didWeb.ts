import { CONTEXT } from '../model/constants.js';
import { MicrocredError, ErrorCode } from '../errors.js';
import type { Key } from './key.js';
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
    throw new MicrocredError(
      ErrorCode.FIELD_INVALID,
      `"${domain}" is not a domain name (with an optional port and path) for did:web.`,
      { path: 'domain' },
    );
  }
  const [host, ...path] = cleaned.split('/');
  // "." and ".." would resolve to another path than the DID names (did:web §3.2 builds a URL from them).
  if (path.some((segment) => /^\.+$/.test(segment)) || (host as string).split('.').some((label) => label === '')) {
    throw new MicrocredError(
      ErrorCode.FIELD_INVALID,
      `"${domain}" has an empty host label or a "." / ".." path segment; did:web needs a plain domain and path.`,
      { path: 'domain' },
    );
  }
  return ['did:web', (host as string).replace(':', '%3A'), ...path].join(':');
}

/**
 * The DID document an issuer publishes for did:web, listing the given keys for assertion. Each key
 * is re-bound to the did:web controller with `key.withController(did)`: it keeps its id when that is
 * already a URL of this DID, else it is named `#<multibase>` (Ed25519) or `#<thumbprint>` (P-256,
 * RSA). An Ed25519 key is listed as a Multikey, a P-256 or RSA key as a JsonWebKey.
 *
 * @example
 * const doc = didWebDocument('pd.example.org', [key]);
 * const webKey = key.withController(doc.id);
 */
export function didWebDocument(domain: string, keys: Key[]): DidDocument {
  const did = didWebOf(domain);
  const methods = keys.map((k) => k.withController(did).verificationMethod());
  const ids = methods.map((m) => m.id);
  return {
    '@context': [CONTEXT.DID_V1, CONTEXT.MULTIKEY_V1, ...(keys.some((k) => k.type !== 'ed25519') ? [JWK_CONTEXT] : [])],
    id: did,
    verificationMethod: methods,
    assertionMethod: ids,
    authentication: ids,
  };
}
