// did:web: where a DID document is published, resolving it through the caller's fetch, refusing a
// document of another DID, and the key representations DID documents use in the wild.
import { afterEach, describe, expect, it } from 'vitest';
import {
  DocumentLoader,
  didWebOf,
  didWebUrl,
  generateKey,
  issueCredential,
  verifyCredential,
} from '../../src/index.js';
import { toBase64Url } from '../../src/encoding.js';
import { NOW, check, fixture, unsignedCredential } from '../helpers/credential.js';
import { rejection } from '../helpers/errors.js';
import { LOCAL, didWebCredential, json, localServer, mappedFetch, timed, type LocalServer } from './helpers.js';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('didWebUrl (did:web spec §3.2)', () => {
  it("follows the spec's examples: no path means /.well-known, a path replaces the colons, a port is percent-encoded", () => {
    expect(didWebUrl('did:web:w3c-ccg.github.io')).toBe('https://w3c-ccg.github.io/.well-known/did.json');
    expect(didWebUrl('did:web:w3c-ccg.github.io:user:alice')).toBe('https://w3c-ccg.github.io/user/alice/did.json');
    expect(didWebUrl('did:web:example.com%3A3000:user:alice')).toBe('https://example.com:3000/user/alice/did.json');
    expect(didWebUrl('did:web:Example.COM%3A3000#key-1')).toBe('https://example.com:3000/.well-known/did.json');
  });

  it('is where didWebOf says an issuer publishes', () => {
    for (const domain of [
      'pd.example.org',
      'pd.example.org:8443/issuers/district-7',
      'digitalcredentials.github.io/vc-test-fixtures/dids/legacy',
    ]) {
      expect(didWebUrl(didWebOf(domain))).toBe(
        `https://${domain.includes('/') ? domain : `${domain}/.well-known`}/did.json`,
      );
    }
  });

  it.each([
    'did:web:',
    'did:web:exa mple.com',
    'did:web:example.com:..:admin',
    'did:web:example.com::x',
    'did:web:user@example.com',
    'did:web:example.com%2Fevil',
    'did:web:example.com/path',
    'did:web:%E0%A4%A',
    'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
  ])('refuses %s (ERR_KEY_UNRESOLVED)', (did) => {
    expect(() => didWebUrl(did)).toThrow(expect.objectContaining({ code: 'ERR_KEY_UNRESOLVED' }));
  });
});

describe("resolved through the caller's fetch", () => {
  async function publish(routes: Parameters<typeof localServer>[0]) {
    server = await localServer(routes);
    const asked: string[] = [];
    return { asked, fetch: mappedFetch({ 'https://pd.example.org/': `${server.origin}/` }, asked) };
  }
  // The local server stands in for pd.example.org: https is still required, the address check is what is relaxed.
  const network = { allowPrivateAddresses: true };

  it('a credential signed by a did:web key verifies, with one request for the key and its controller', async () => {
    const { credential, document } = await didWebCredential();
    const { fetch, asked } = await publish({ '/.well-known/did.json': json(200, document, 'application/did+json') });
    const report = await verifyCredential(credential, { fetch, network, now: NOW });
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report).toMatchObject({ verified: true, authentic: true });
    expect(asked).toEqual(['https://pd.example.org/.well-known/did.json']);
  });

  it('a did:web with a path is fetched from that path', async () => {
    const key = await generateKey();
    const did = 'did:web:pd.example.org:schools:north';
    const webKey = key.withController(did);
    const document = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [webKey.verificationMethod()],
      assertionMethod: [webKey.id],
    };
    const credential = await issueCredential(unsignedCredential(webKey), { key: webKey, now: NOW });
    const { fetch, asked } = await publish({ '/schools/north/did.json': json(200, document) });
    expect((await verifyCredential(credential, { fetch, network, now: NOW })).verified).toBe(true);
    expect(asked).toEqual(['https://pd.example.org/schools/north/did.json']);
  });

  it('refuses a DID document whose id is another DID: ERR_DID_DOCUMENT_MISMATCH, could-not-check', async () => {
    const { credential, document } = await didWebCredential();
    const { fetch } = await publish({
      '/.well-known/did.json': json(200, { ...document, id: 'did:web:attacker.example' }),
    });
    const report = await verifyCredential(credential, { fetch, network, now: NOW });
    expect(check(report, 'signature')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_DID_DOCUMENT_MISMATCH', path: 'proof.verificationMethod' },
    });
    expect(check(report, 'signature').problem?.detail).toContain('did:web:attacker.example');
    expect(report).toMatchObject({ verified: false, authentic: false, summary: 'could-not-check' });
  });

  it('a server that never answers gives a report within the timeout, naming the URL', async () => {
    const { credential } = await didWebCredential();
    const { fetch } = await publish({ '/.well-known/did.json': () => undefined });
    await verifyCredential(credential, { now: NOW }); // jsonld's first context processing is not what is timed
    const { ms, value: report } = await timed(() =>
      verifyCredential(credential, { fetch, network: { ...network, timeoutMs: 400 }, now: NOW }),
    );
    expect(ms).toBeLessThan(400 + 600);
    expect(check(report, 'signature')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_NETWORK_TIMEOUT' },
    });
    expect(check(report, 'signature').problem?.detail).toContain('https://pd.example.org/.well-known/did.json');
    expect(report.summary).toBe('could-not-check');
  });

  it('an HTML page where the DID document should be is reported as such', async () => {
    const { credential } = await didWebCredential();
    const { fetch } = await publish({
      '/.well-known/did.json': json(200, '<html><body>Not found</body></html>', 'text/html'),
    });
    const report = await verifyCredential(credential, { fetch, network, now: NOW });
    expect(check(report, 'signature')).toMatchObject({
      outcome: 'could-not-check',
      problem: {
        code: 'ERR_CONTENT_TYPE_REFUSED',
        title: 'A web page, not a JSON document',
        detail: expect.stringContaining('The signing key could not be fetched'),
      },
    });
  });

  it('under the default policy a did:web on localhost is refused before any request', async () => {
    const key = (await generateKey()).withController('did:web:localhost%3A8443');
    const credential = await issueCredential(unsignedCredential(key), { key, now: NOW });
    const asked: string[] = [];
    const report = await verifyCredential(credential, { fetch: mappedFetch({}, asked), now: NOW });
    expect(check(report, 'signature').problem).toMatchObject({ code: 'ERR_NETWORK_REFUSED' });
    expect(check(report, 'signature').problem?.detail).toContain('https://localhost:8443/.well-known/did.json');
    expect(asked).toEqual([]);
  });

  it('a loader made with a fetch keeps what it fetched across verifications', async () => {
    const { credential, document } = await didWebCredential();
    const { fetch, asked } = await publish({ '/.well-known/did.json': json(200, document) });
    const loader = new DocumentLoader({ fetch, network: LOCAL });
    for (let i = 0; i < 3; i++) expect((await verifyCredential(credential, { loader, now: NOW })).verified).toBe(true);
    expect(asked).toHaveLength(1);
  });
});

describe('DCC did:web fixtures, verified offline with their DID documents supplied', () => {
  const LEGACY = 'did:web:digitalcredentials.github.io:vc-test-fixtures:dids:legacy';
  const OIDF = 'did:web:digitalcredentials.github.io:vc-test-fixtures:dids:oidf';
  const documents = {
    [LEGACY]: fixture('dcc/vc-test-fixtures/dids/legacy/did.json'),
    [OIDF]: fixture('dcc/vc-test-fixtures/dids/oidf/did.json'),
  };
  const VCS = 'dcc/vc-test-fixtures/verifiableCredentials';

  it.each([
    // legacy: an Ed25519VerificationKey2020 embedded in assertionMethod, read by both suites
    'v1/ed25519/didWeb/legacy-noStatus-noExpiry.json',
    'v1/dataIntegrityProof/didWeb/legacy-noStatus-noExpiry.json',
    'v1/bothSignatureTypes/didWeb/legacy-noStatus-noExpiry.json',
    // oidf: a Multikey listed under verificationMethod and assertionMethod
    'v2/dataIntegrityProof/didweb/oidf-noStatus-notExpired.json',
    'v2/ed25519/didWeb/oidf-noStatus-notExpired.json',
  ])("%s is verified (the README's verdict: valid)", async (file) => {
    const report = await verifyCredential(fixture(`${VCS}/${file}`), { documents, now: NOW });
    expect(check(report, 'signature').outcome).toBe('passed');
    // A VC 1.1 credential is verified with a warning: the OB 3.0 JSON Schema describes VC 2.0.
    expect(report.checks.filter((c) => c.outcome !== 'passed').map((c) => [c.id, c.problem?.code])).toEqual(
      file.startsWith('v1/') ? [['schema', 'ERR_SCHEMA_NOT_APPLICABLE']] : [],
    );
    expect(report).toMatchObject({ verified: true, authentic: true });
  });

  it('the DID document may also be supplied under the https URL it is published at', async () => {
    const report = await verifyCredential(fixture(`${VCS}/v1/ed25519/didWeb/legacy-noStatus-noExpiry.json`), {
      documents: { [didWebUrl(LEGACY)]: documents[LEGACY] },
      now: NOW,
    });
    expect(report.verified).toBe(true);
  });

  it('a changed fixture no longer verifies: ERR_SIGNATURE_INVALID', async () => {
    const credential = fixture(`${VCS}/v1/dataIntegrityProof/didWeb/legacy-noStatus-noExpiry.json`);
    credential.name = `${String(credential.name)} (edited)`;
    const report = await verifyCredential(credential, { documents, now: NOW });
    expect(check(report, 'signature').problem?.code).toBe('ERR_SIGNATURE_INVALID');
  });

  it('with the key marked revoked in the DID document, neither proof suite accepts it: ERR_KEY_INVALID', async () => {
    const legacy = structuredClone(documents[LEGACY]) as { assertionMethod: Record<string, unknown>[] };
    legacy.assertionMethod[0]!.revoked = '2025-01-01T00:00:00Z';
    for (const file of [
      'v1/ed25519/didWeb/legacy-noStatus-noExpiry.json',
      'v1/dataIntegrityProof/didWeb/legacy-noStatus-noExpiry.json',
    ]) {
      const report = await verifyCredential(fixture(`${VCS}/${file}`), { documents: { [LEGACY]: legacy }, now: NOW });
      expect(check(report, 'signature').problem?.code).toBe('ERR_KEY_INVALID');
    }
  });

  it('the document of another DID supplied for this one is refused: ERR_DID_DOCUMENT_MISMATCH', async () => {
    const report = await verifyCredential(fixture(`${VCS}/v2/ed25519/didWeb/oidf-noStatus-notExpired.json`), {
      documents: { [OIDF]: documents[LEGACY] },
      now: NOW,
    });
    expect(check(report, 'signature')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_DID_DOCUMENT_MISMATCH' },
    });
  });

  it('badDidWeb (its DID does not resolve) could not be checked offline, and names the URL it would need', async () => {
    const report = await verifyCredential(fixture(`${VCS}/v2/ed25519/didWeb/badDidWeb.json`), { documents, now: NOW });
    expect(check(report, 'signature')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_NETWORK_DISABLED' },
    });
    expect(check(report, 'signature').problem?.detail).toContain(
      'https://digitalcredentials.github.io/dcc-did-web-bad/did.json',
    );
  });
});

describe('key representations in DID documents', () => {
  const did = 'did:web:pd.example.org';
  const DID_CONTEXTS = ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'];

  async function signedBy(fragment: string) {
    const key = (await generateKey()).withController(did, fragment);
    return { key, credential: await issueCredential(unsignedCredential(key), { key, now: NOW }) };
  }

  it('an Ed25519 publicKeyJwk (JsonWebKey2020), with relative ids, verifies', async () => {
    const { key, credential } = await signedBy('key-1');
    const method = {
      id: '#key-1',
      type: 'JsonWebKey2020',
      controller: did,
      publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(key.publicKey) },
    };
    const report = await verifyCredential(credential, {
      documents: {
        [did]: { '@context': DID_CONTEXTS, id: did, verificationMethod: [method], assertionMethod: ['#key-1'] },
      },
      now: NOW,
    });
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
  });

  it('a publicKeyJwk of another key does not verify: ERR_SIGNATURE_INVALID', async () => {
    const { credential } = await signedBy('key-1');
    const other = await generateKey();
    const method = {
      id: `${did}#key-1`,
      type: 'JsonWebKey',
      controller: did,
      publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(other.publicKey) },
    };
    const report = await verifyCredential(credential, {
      documents: {
        [did]: { '@context': DID_CONTEXTS, id: did, verificationMethod: [method], assertionMethod: [method.id] },
      },
      now: NOW,
    });
    expect(check(report, 'signature').problem?.code).toBe('ERR_SIGNATURE_INVALID');
  });

  it('an Ed25519VerificationKey2020 verifies an eddsa-rdfc-2022 proof', async () => {
    const { key, credential } = await signedBy('key-2020');
    const method = {
      id: key.id,
      type: 'Ed25519VerificationKey2020',
      controller: did,
      publicKeyMultibase: key.publicKeyMultibase,
    };
    const document = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/ed25519-2020/v1'],
      id: did,
      assertionMethod: [method],
    };
    expect((await verifyCredential(credential, { documents: { [did]: document }, now: NOW })).verified).toBe(true);
  });

  it('a key listed only for authentication may not issue: ERR_KEY_NOT_AUTHORIZED', async () => {
    const { key, credential } = await signedBy('auth');
    const document = {
      '@context': ['https://www.w3.org/ns/did/v1'],
      id: did,
      verificationMethod: [key.verificationMethod()],
      authentication: [key.id],
    };
    const report = await verifyCredential(credential, { documents: { [did]: document }, now: NOW });
    expect(check(report, 'signature').problem?.code).toBe('ERR_KEY_NOT_AUTHORIZED');
  });

  it('a revoked key is refused, whichever the proof suite: ERR_KEY_INVALID', async () => {
    const { key, credential } = await signedBy('old');
    const method = { ...key.verificationMethod(), revoked: '2026-01-01T00:00:00Z' };
    const report = await verifyCredential(credential, {
      documents: {
        [did]: {
          '@context': ['https://www.w3.org/ns/did/v1'],
          id: did,
          verificationMethod: [method],
          assertionMethod: [key.id],
        },
      },
      now: NOW,
    });
    expect(check(report, 'signature')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_KEY_INVALID', path: 'proof.verificationMethod' },
    });
    expect(check(report, 'signature').problem?.detail).toContain('revoked');
  });

  it('the loader serves the selected method as a Multikey document, taking only the public members', async () => {
    const { key } = await signedBy('key-1');
    const jwk = { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(key.publicKey), kid: 'key-1', use: 'sig' };
    const loader = new DocumentLoader({
      documents: {
        [did]: {
          id: did,
          verificationMethod: [{ id: '#key-1', type: 'JsonWebKey2020', controller: did, publicKeyJwk: jwk }],
        },
      },
    });
    expect((await loader.load(`${did}#key-1`)).document).toEqual({
      '@context': 'https://w3id.org/security/multikey/v1',
      id: key.id,
      type: 'Multikey',
      controller: did,
      publicKeyMultibase: key.publicKeyMultibase,
    });
    await rejection(loader.load(`${did}#key-2`), 'ERR_KEY_UNRESOLVED');
  });

  it('a key whose document publishes its secret is never trusted: ERR_KEY_INVALID, the secret not repeated', async () => {
    const { key, credential } = await signedBy('key-1');
    const secret = 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I';
    const leaking = (member: Record<string, unknown>) => ({
      [did]: {
        '@context': DID_CONTEXTS,
        id: did,
        verificationMethod: [
          {
            id: '#key-1',
            type: 'JsonWebKey2020',
            controller: did,
            publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(key.publicKey) },
            ...member,
          },
        ],
        assertionMethod: ['#key-1'],
      },
    });
    const inJwk = leaking({ publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(key.publicKey), d: secret } });
    const beside = leaking({ secretKeyMultibase: `z${secret}` });
    for (const documents of [inJwk, beside]) {
      const error = await rejection(new DocumentLoader({ documents }).load(`${did}#key-1`), 'ERR_KEY_INVALID');
      expect(error.message).toContain('private key material');
      expect(error.message).not.toContain(secret);
      const report = await verifyCredential(credential, { documents, now: NOW });
      expect(check(report, 'signature')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_KEY_INVALID' } });
      expect(JSON.stringify(report)).not.toContain(secret);
      expect(report.verified).toBe(false);
    }
  });
});
