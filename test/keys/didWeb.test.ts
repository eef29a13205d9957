// did:web: the DID of a domain (with optional port and path) and the DID document the issuer
// publishes at /.well-known/did.json (or <path>/did.json).
import { describe, expect, it } from 'vitest';
import { MicrocredError, didWebDocument, didWebOf, generateKey } from '../../src/index.js';

describe('didWebOf', () => {
  it.each([
    ['pd.example.org', 'did:web:pd.example.org'],
    ['https://pd.example.org/', 'did:web:pd.example.org'],
    ['localhost.example:8443', 'did:web:localhost.example%3A8443'],
    ['pd.example.org/issuers/district-7', 'did:web:pd.example.org:issuers:district-7'],
    ['pd.example.org:8443/issuers/district-7', 'did:web:pd.example.org%3A8443:issuers:district-7'],
  ])('%s → %s', (domain, did) => {
    expect(didWebOf(domain)).toBe(did);
  });

  it.each([
    '',
    'localhost',
    'not a domain',
    'pd.example.org/../etc',
    'pd.example.org/./x',
    'pd..example.org',
    '.example.org',
    'http://pd.example.org',
    'pd.example.org?x=1',
  ])('refuses %j (ERR_FIELD_INVALID)', (domain) => {
    expect(() => didWebOf(domain)).toThrow(MicrocredError);
    expect(() => didWebOf(domain)).toThrow(expect.objectContaining({ code: 'ERR_FIELD_INVALID' }));
  });
});

describe('didWebDocument', () => {
  it('lists each key as a Multikey of the did:web controller, for assertion and authentication', async () => {
    const [a, b] = await Promise.all([generateKey(), generateKey()]);
    const doc = didWebDocument('pd.example.org:8443/issuers/district-7', [a, b]);
    const did = 'did:web:pd.example.org%3A8443:issuers:district-7';
    const ids = [a, b].map((k) => `${did}#${k.publicKeyMultibase}`);
    expect(doc).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [a, b].map((k, i) => ({
        id: ids[i],
        type: 'Multikey',
        controller: did,
        publicKeyMultibase: k.publicKeyMultibase,
      })),
      assertionMethod: ids,
      authentication: ids,
    });
  });

  it('never contains a secret', async () => {
    const key = await generateKey();
    const doc = JSON.stringify(didWebDocument('pd.example.org', [key]));
    expect(doc).not.toMatch(/secret|"d"/i);
  });

  it('pairs with key.withController: the re-bound key is the one the document lists', async () => {
    const key = await generateKey();
    const doc = didWebDocument('pd.example.org', [key]);
    const webKey = key.withController(doc.id);
    expect(webKey.id).toBe(doc.verificationMethod[0]?.id);
    expect(webKey.controller).toBe(doc.id);
    expect(webKey.canSign).toBe(true);
    expect(key.controller).toMatch(/^did:key:/);
  });
});
