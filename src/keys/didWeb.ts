import { CONTEXT } from '../model/constants.js';
import { MicrocredError, ErrorCode } from '../errors.js';
import type { IssuerKey } from './issuerKey.js';

/** A DID document, as published at `https://<domain>/.well-known/did.json` for did:web. */
export interface DidDocument {
  '@context': string[];
  id: string;
  verificationMethod: { id: string; type: string; controller: string; publicKeyMultibase: string }[];
  assertionMethod: string[];
  authentication: string[];
}

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
 * Each key is re-bound to the did:web controller.
 *
 * @example
 * const doc = didWebDocument('pd.example.org', [key]);
 * const webKey = key.withController(doc.id);
 */
export function didWebDocument(domain: string, keys: IssuerKey[]): DidDocument {
  const did = didWebOf(domain);
  const methods = keys.map((k) => k.withController(did).verificationMethod());
  const ids = methods.map((m) => m.id);
  return {
    '@context': [CONTEXT.DID_V1, CONTEXT.MULTIKEY_V1],
    id: did,
    verificationMethod: methods.map((m) => ({ id: m.id, type: m.type, controller: m.controller, publicKeyMultibase: m.publicKeyMultibase })),
    assertionMethod: ids,
    authentication: ids,
  };
}
