// The loader serves bundled contexts and did:key documents from memory, plus documents the caller
// adds; it never fetches, and a bundled context can never be replaced.
import { describe, expect, it } from 'vitest';
import { DocumentLoader, MicrocredError, generateKey } from '../../src/index.js';
import { bundledContextUrls } from '../../src/contexts/bundled.js';
import { rejection } from '../helpers/errors.js';

const REQUIRED_CONTEXTS = [
  'https://www.w3.org/2018/credentials/v1',
  'https://www.w3.org/ns/credentials/v2',
  'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
  'https://w3id.org/security/data-integrity/v1',
  'https://w3id.org/security/data-integrity/v2',
  'https://w3id.org/security/multikey/v1',
  'https://w3id.org/security/suites/ed25519-2020/v1',
  'https://w3id.org/vc/status-list/2021/v1',
  'https://www.w3.org/ns/credentials/status/v1',
  'https://www.w3.org/ns/did/v1',
];

async function loadError(loader: DocumentLoader, url: string): Promise<MicrocredError> {
  return rejection(loader.load(url));
}

describe('DocumentLoader', () => {
  it.each(REQUIRED_CONTEXTS)('serves the bundled context %s', async (url) => {
    const loaded = await new DocumentLoader().load(url);
    expect(loaded).toMatchObject({ contextUrl: null, documentUrl: url });
    expect(loaded.document).toHaveProperty('@context');
    expect(bundledContextUrls()).toContain(url);
  });

  it('serves only real purl.imsglobal.org URLs of the Open Badges package, not its made-up ids', () => {
    const ob = bundledContextUrls().filter((u) => u.includes('imsglobal'));
    expect(ob.every((u) => u.startsWith('https://purl.imsglobal.org/'))).toBe(true);
  });

  it('throws ERR_CONTEXT_UNKNOWN naming an unknown URL, without fetching it', async () => {
    const url = 'https://contexts.example.org/unknown-v1.jsonld';
    const error = await loadError(new DocumentLoader(), url);
    expect(error.code).toBe('ERR_CONTEXT_UNKNOWN');
    expect(error.details.url).toBe(url);
    expect(error.message).toContain(url);
  });

  it('treats a near-miss of a bundled URL as unknown (http instead of https, trailing slash)', async () => {
    for (const url of ['http://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/v2/']) {
      expect((await loadError(new DocumentLoader(), url)).code).toBe('ERR_CONTEXT_UNKNOWN');
    }
  });

  describe('did:key', () => {
    it('resolves the bare DID to a DID document listing its one key for assertion', async () => {
      const key = await generateKey();
      const { document } = await new DocumentLoader().load(key.controller);
      expect(document).toMatchObject({
        id: key.controller,
        verificationMethod: [
          { id: key.id, type: 'Multikey', controller: key.controller, publicKeyMultibase: key.publicKeyMultibase },
        ],
        assertionMethod: [key.id],
      });
    });

    it('resolves the DID with its fragment to the verification method, with a context of its own', async () => {
      const key = await generateKey();
      const { document, documentUrl } = await new DocumentLoader().load(key.id);
      expect(documentUrl).toBe(key.id);
      expect(document).toEqual({
        '@context': 'https://w3id.org/security/multikey/v1',
        id: key.id,
        type: 'Multikey',
        controller: key.controller,
        publicKeyMultibase: key.publicKeyMultibase,
      });
    });

    // A did:key resolves from its identifier alone: one that names no usable key is invalid, never "not found".
    it("refuses a fragment other than the did:key's own key (ERR_KEY_INVALID)", async () => {
      const key = await generateKey();
      const error = await loadError(new DocumentLoader(), `${key.controller}#key-2`);
      expect(error.code).toBe('ERR_KEY_INVALID');
    });

    it.each([
      // secp256k1 (zQ3s…): a key type no suite microcred verifies with a Data Integrity proof uses
      ['a did:key of a key type microcred does not read', 'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme'],
      ['a P-256 did:key that holds no compressed point', 'did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU21'],
      ['a did:key that is not base58', 'did:key:z6Mk0OIl'],
      ['a truncated did:key', 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2Qt'],
    ])('refuses %s (ERR_KEY_INVALID)', async (_name, did) => {
      expect((await loadError(new DocumentLoader(), did)).code).toBe('ERR_KEY_INVALID');
    });
  });

  describe('documents the caller adds', () => {
    it('serves them by URL, given as an object or a Map, or added later', async () => {
      const doc = { '@context': { name: 'https://schema.org/name' } };
      const url = 'https://contexts.example.org/mine.jsonld';
      for (const loader of [
        new DocumentLoader({ documents: { [url]: doc } }),
        new DocumentLoader({ documents: new Map([[url, doc]]) }),
        new DocumentLoader().add(url, doc),
      ]) {
        expect((await loader.load(url)).document).toEqual(doc);
      }
    });

    it('serves a verification method of a held DID document by its fragment', async () => {
      const did = 'did:web:pd.example.org';
      const method = {
        id: `${did}#key-1`,
        type: 'Multikey',
        controller: did,
        publicKeyMultibase: 'z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      };
      const loader = new DocumentLoader({
        documents: { [did]: { '@context': ['https://www.w3.org/ns/did/v1'], id: did, verificationMethod: [method] } },
      });
      expect((await loader.load(`${did}#key-1`)).document).toEqual({
        '@context': 'https://w3id.org/security/multikey/v1',
        ...method,
      });
      expect((await loadError(loader, `${did}#key-2`)).code).toBe('ERR_KEY_UNRESOLVED');
    });

    it("keeps one loader's documents to itself", async () => {
      const url = 'https://contexts.example.org/private.jsonld';
      new DocumentLoader({ documents: { [url]: { '@context': {} } } });
      expect((await loadError(new DocumentLoader(), url)).code).toBe('ERR_CONTEXT_UNKNOWN');
    });

    it.each(REQUIRED_CONTEXTS.slice(0, 3))('cannot replace the bundled context %s', async (url) => {
      const forged = { '@context': { '@vocab': 'https://evil.example/' } };
      for (const make of [
        () => new DocumentLoader({ documents: { [url]: forged } }),
        () => new DocumentLoader().add(url, forged),
      ]) {
        expect(make).toThrow(MicrocredError);
      }
      const loader = new DocumentLoader();
      expect(() => loader.add(url, forged)).toThrow(
        expect.objectContaining({ details: expect.objectContaining({ url }) }),
      );
      expect((await loader.load(url)).document).not.toEqual(forged);
    });
  });
});
