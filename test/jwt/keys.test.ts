// Finding a VC-JWT's key and tying it to the issuer: a key microcred cannot look up offline is
// "could not check" (never "invalid"); a key its owner does not list for issuing, or that nothing
// ties to the issuer, is not authentic.
import type * as jose from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyCredential, type VerificationReport } from '../../src/index.js';
import { NOW, check } from '../helpers/credential.js';
import { json, localServer, mappedFetch } from '../network/helpers.js';
import {
  DID_WEB,
  URL_ISSUER,
  controllerDocument,
  didKeyMethod,
  loaderWith,
  obCredential,
  signByHand,
  signJwt,
  testKey,
  type TestKey,
} from './helpers.js';

let p256: TestKey;
let ed25519: TestKey;

beforeAll(async () => {
  [p256, ed25519] = await Promise.all([testKey('ES256'), testKey('EdDSA')]);
});

function outcome(report: VerificationReport, id: 'signature' | 'issuer') {
  const { outcome, problem } = check(report, id);
  return { outcome, code: problem?.code, path: problem?.path };
}

describe('a key that cannot be looked up offline', () => {
  it("is could-not-check with the loader's ERR_NETWORK_DISABLED naming the URL, for did:web and for an https kid", async () => {
    for (const [issuer, kid] of [
      [DID_WEB, `${DID_WEB}#key-1`],
      [URL_ISSUER, `${URL_ISSUER}#key-1`],
    ]) {
      const report = await verifyCredential(
        await signJwt(obCredential(issuer as string), p256, { kid: kid as string }),
        { now: NOW },
      );
      expect(outcome(report, 'signature')).toEqual({
        outcome: 'could-not-check',
        code: 'ERR_NETWORK_DISABLED',
        path: 'header.kid',
      });
      expect(check(report, 'signature').problem?.detail).toContain(issuer);
      expect(report).toMatchObject({ authentic: false, verified: false, summary: 'could-not-check' });
      expect(report.checks.some((c) => c.outcome === 'failed')).toBe(false);
    }
  });

  it('is could-not-check with ERR_KEY_UNRESOLVED for a DID method microcred cannot resolve', async () => {
    const report = await verifyCredential(
      await signJwt(obCredential('did:example:issuer'), p256, { kid: 'did:example:issuer#key-1' }),
      { now: NOW },
    );
    expect(outcome(report, 'signature')).toEqual({
      outcome: 'could-not-check',
      code: 'ERR_KEY_UNRESOLVED',
      path: 'header.kid',
    });
    expect(check(report, 'signature').problem?.detail).toContain('did:example:issuer');
  });

  it("verifies once the DID document is given (documents option), or fetched through the caller's fetch", async () => {
    const jwt = await signJwt(obCredential(DID_WEB), p256, { kid: `${DID_WEB}#key-1` });
    const document = controllerDocument(DID_WEB, [p256]);
    expect(await verifyCredential(jwt, { now: NOW, documents: { [DID_WEB]: document } })).toMatchObject({
      verified: true,
    });

    // A local server stands in for issuer.example (https is still required; only the address check is relaxed).
    const server = await localServer({ '/.well-known/did.json': json(200, document, 'application/did+json') });
    try {
      const asked: string[] = [];
      const fetch = mappedFetch({ 'https://issuer.example/': `${server.origin}/` }, asked);
      expect(await verifyCredential(jwt, { now: NOW, fetch, network: { allowPrivateAddresses: true } })).toMatchObject({
        verified: true,
      });
      expect(asked).toContain('https://issuer.example/.well-known/did.json');
    } finally {
      await server.close();
    }
  });

  it('is could-not-check for a kid that is not a URI, unless the header also carries the jwk', async () => {
    const withoutJwk = await signJwt(obCredential(p256.didKey as string), p256, { kid: 'key-1' });
    expect(outcome(await verifyCredential(withoutJwk, { now: NOW }), 'signature')).toMatchObject({
      outcome: 'could-not-check',
      code: 'ERR_KEY_UNRESOLVED',
    });
    // The jwk is used; its key is the issuer's did:key, so it also binds.
    const withJwk = await signJwt(
      obCredential(p256.didKey as string),
      p256,
      { kid: 'key-1' },
      { header: { jwk: p256.publicJwk } },
    );
    expect(await verifyCredential(withJwk, { now: NOW })).toMatchObject({ verified: true });
  });
});

describe('a key its document does not vouch for', () => {
  it('fails with ERR_KEY_NOT_AUTHORIZED when the DID document lists the key but not for assertion', async () => {
    const jwt = await signJwt(obCredential(DID_WEB), p256, { kid: `${DID_WEB}#key-1` });
    const report = await verifyCredential(jwt, {
      now: NOW,
      loader: loaderWith({ [DID_WEB]: controllerDocument(DID_WEB, [p256], { assertion: false }) }),
    });
    expect(outcome(report, 'signature')).toEqual({
      outcome: 'failed',
      code: 'ERR_KEY_NOT_AUTHORIZED',
      path: 'header.kid',
    });
  });

  it("refuses a document held for a URL that says it is another's: ERR_KEY_NOT_AUTHORIZED, or for a DID the loader's ERR_DID_DOCUMENT_MISMATCH", async () => {
    const jwt = await signJwt(obCredential(URL_ISSUER), p256, { kid: `${URL_ISSUER}#key-1` });
    const report = await verifyCredential(jwt, {
      now: NOW,
      loader: loaderWith({ [URL_ISSUER]: controllerDocument('https://elsewhere.example/issuer', [p256]) }),
    });
    expect(outcome(report, 'signature')).toMatchObject({ outcome: 'failed', code: 'ERR_KEY_NOT_AUTHORIZED' });
    // As for a Data Integrity proof: the loader will not use another DID's document for this one.
    const web = await signJwt(obCredential(DID_WEB), p256, { kid: `${DID_WEB}#key-1` });
    const mismatch = await verifyCredential(web, {
      now: NOW,
      loader: loaderWith({ [DID_WEB]: controllerDocument('did:web:elsewhere.example', [p256]) }),
    });
    expect(outcome(mismatch, 'signature')).toMatchObject({
      outcome: 'could-not-check',
      code: 'ERR_DID_DOCUMENT_MISMATCH',
    });
  });

  it('fails with ERR_KEY_UNRESOLVED when the document does not list the kid', async () => {
    const jwt = await signJwt(obCredential(DID_WEB), p256, { kid: `${DID_WEB}#key-9` });
    const report = await verifyCredential(jwt, {
      now: NOW,
      loader: loaderWith({ [DID_WEB]: controllerDocument(DID_WEB, [p256]) }),
    });
    expect(outcome(report, 'signature')).toMatchObject({ code: 'ERR_KEY_UNRESOLVED' });
  });

  it("checks a key document's controller claim against the controller's own document", async () => {
    const keyUrl = 'https://keys.example/p256';
    const method = { id: keyUrl, type: 'JsonWebKey', controller: DID_WEB, publicKeyJwk: p256.publicJwk };
    const jwt = await signJwt(obCredential(DID_WEB), p256, { kid: keyUrl });
    const listing = { ...controllerDocument(DID_WEB, []), assertionMethod: [keyUrl] };
    const notListing = controllerDocument(DID_WEB, [ed25519]);

    expect(
      await verifyCredential(jwt, { now: NOW, loader: loaderWith({ [keyUrl]: method, [DID_WEB]: listing }) }),
    ).toMatchObject({ verified: true });
    expect(
      outcome(
        await verifyCredential(jwt, { now: NOW, loader: loaderWith({ [keyUrl]: method, [DID_WEB]: notListing }) }),
        'signature',
      ),
    ).toMatchObject({ outcome: 'failed', code: 'ERR_KEY_NOT_AUTHORIZED' });
    expect(
      outcome(await verifyCredential(jwt, { now: NOW, loader: loaderWith({ [keyUrl]: method }) }), 'signature'),
    ).toMatchObject({ outcome: 'could-not-check', code: 'ERR_NETWORK_DISABLED' });
  });

  it('fails with ERR_JWT_JWK_PRIVATE when the published key carries d, and never repeats it', async () => {
    const doc = controllerDocument(DID_WEB, [p256]);
    (doc.verificationMethod as { publicKeyJwk: unknown }[])[0]!.publicKeyJwk = p256.privateJwk;
    const report = await verifyCredential(await signJwt(obCredential(DID_WEB), p256, { kid: `${DID_WEB}#key-1` }), {
      now: NOW,
      loader: loaderWith({ [DID_WEB]: doc }),
    });
    expect(outcome(report, 'signature')).toMatchObject({ outcome: 'failed', code: 'ERR_JWT_JWK_PRIVATE' });
    expect(JSON.stringify(report)).not.toContain(p256.privateJwk.d);
  });

  it('fails with ERR_KEY_INVALID for a did:key kid whose fragment is not its key', async () => {
    const jwt = await signJwt(obCredential(p256.didKey as string), p256, { kid: `${p256.didKey}#key-1` });
    expect(outcome(await verifyCredential(jwt, { now: NOW }), 'signature')).toMatchObject({
      outcome: 'failed',
      code: 'ERR_KEY_INVALID',
    });
  });

  it('fails with ERR_KEY_INVALID for an RSA key shorter than 2048 bits', async () => {
    const pair = (await globalThis.crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['sign', 'verify'],
    )) as { publicKey: jose.CryptoKey; privateKey: jose.CryptoKey };
    const publicJwk = await globalThis.crypto.subtle.exportKey('jwk', pair.publicKey);
    const weak: TestKey = {
      alg: 'RS256',
      privateKey: pair.privateKey,
      publicJwk: { kty: 'RSA', n: publicJwk.n, e: publicJwk.e },
      privateJwk: {},
    };
    const jwt = await signByHand(
      { alg: 'RS256', typ: 'JWT', jwk: weak.publicJwk },
      { ...obCredential(DID_WEB), iss: DID_WEB },
      weak,
    );
    const report = await verifyCredential(jwt, {
      now: NOW,
      loader: loaderWith({ [DID_WEB]: controllerDocument(DID_WEB, [weak]) }),
    });
    expect(outcome(report, 'signature')).toMatchObject({
      outcome: 'failed',
      code: 'ERR_KEY_INVALID',
      path: 'header.jwk',
    });
  });
});

describe('binding the key to the issuer', () => {
  it("fails with ERR_ISSUER_MISMATCH when the kid is another DID's key", async () => {
    const jwt = await signJwt(obCredential(DID_WEB), p256, { kid: didKeyMethod(p256.didKey as string) });
    const report = await verifyCredential(jwt, { now: NOW });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(outcome(report, 'issuer')).toEqual({ outcome: 'failed', code: 'ERR_ISSUER_MISMATCH', path: 'issuer.id' });
    expect(report.authentic).toBe(false);
  });

  it("leaves a header jwk unbound (could-not-check, ERR_JWT_KEY_NOT_BOUND) when the issuer's document is not held", async () => {
    const jwt = await signJwt(obCredential(DID_WEB), p256, { jwk: p256.publicJwk });
    const report = await verifyCredential(jwt, { now: NOW });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(outcome(report, 'issuer')).toEqual({
      outcome: 'could-not-check',
      code: 'ERR_JWT_KEY_NOT_BOUND',
      path: 'issuer.id',
    });
    expect(check(report, 'issuer').problem?.detail).toContain(DID_WEB);
    expect(report).toMatchObject({ authentic: false, verified: false, summary: 'could-not-check' });
  });

  it("fails a header jwk (ERR_JWT_KEY_NOT_BOUND) that the issuer's document does not list, or that is not the issuer's did:key", async () => {
    const jwt = await signJwt(obCredential(DID_WEB), p256, { jwk: p256.publicJwk });
    const report = await verifyCredential(jwt, {
      now: NOW,
      loader: loaderWith({ [DID_WEB]: controllerDocument(DID_WEB, [ed25519]) }),
    });
    expect(outcome(report, 'issuer')).toEqual({ outcome: 'failed', code: 'ERR_JWT_KEY_NOT_BOUND', path: 'issuer.id' });
    // A self-made key in the header claiming a did:key issuer that is another key.
    const impostor = await signJwt(obCredential(ed25519.didKey as string), p256, { jwk: p256.publicJwk });
    expect(outcome(await verifyCredential(impostor, { now: NOW }), 'issuer')).toMatchObject({
      outcome: 'failed',
      code: 'ERR_JWT_KEY_NOT_BOUND',
    });
  });

  it('does not bind a header jwk through a document that lists it only for authentication', async () => {
    const jwt = await signJwt(obCredential(DID_WEB), p256, { jwk: p256.publicJwk });
    const report = await verifyCredential(jwt, {
      now: NOW,
      loader: loaderWith({ [DID_WEB]: controllerDocument(DID_WEB, [p256], { assertion: false }) }),
    });
    expect(outcome(report, 'issuer')).toMatchObject({ outcome: 'failed', code: 'ERR_JWT_KEY_NOT_BOUND' });
  });
});
