// VC-JWTs made by jose in every encoding (OB 3.0, VC-JWT 1.1, VC-JOSE-COSE), with every algorithm
// (EdDSA, ES256, RS256) and every way of naming the key (did:key, did:web, a URL, a jwk header):
// each verifies, and the report says what it verified.
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyCredential, type VerificationReport } from '../../src/index.js';
import { NOW, check } from '../helpers/credential.js';
import {
  ALGS,
  DID_WEB,
  ENCODINGS,
  URL_ISSUER,
  controllerDocument,
  didKeyMethod,
  loaderWith,
  obCredential,
  signJwt,
  testKey,
  vc11Credential,
  type Alg,
  type Encoding,
  type KeyHeader,
  type TestKey,
} from './helpers.js';

const keys = {} as Record<Alg, TestKey>;
let documents: Record<string, unknown>;

beforeAll(async () => {
  for (const alg of ALGS) keys[alg] = await testKey(alg);
  const all = ALGS.map((alg) => keys[alg]);
  documents = { [DID_WEB]: controllerDocument(DID_WEB, all), [URL_ISSUER]: controllerDocument(URL_ISSUER, all) };
});

type Source = 'did:key' | 'did:web' | 'url' | 'jwk';

/** Issuer and key header for a key named the given way; the documents list every key as #key-1…3. */
function naming(alg: Alg, source: Source): { issuer: string; header: KeyHeader } {
  const key = keys[alg];
  const fragment = `#key-${ALGS.indexOf(alg) + 1}`;
  if (source === 'did:key')
    return { issuer: key.didKey as string, header: { kid: didKeyMethod(key.didKey as string) } };
  if (source === 'did:web') return { issuer: DID_WEB, header: { kid: `${DID_WEB}${fragment}` } };
  if (source === 'url') return { issuer: URL_ISSUER, header: { kid: `${URL_ISSUER}${fragment}` } };
  // A header jwk names no owner; the issuer's DID document lists it, which is what binds it.
  return { issuer: DID_WEB, header: { jwk: key.publicJwk } };
}

async function jwtFor(alg: Alg, source: Source, encoding: Encoding): Promise<string> {
  const { issuer, header } = naming(alg, source);
  const credential = encoding === 'vc11' ? vc11Credential(issuer) : obCredential(issuer);
  return signJwt(credential, keys[alg], header, { encoding });
}

function expectVerified(report: VerificationReport): void {
  // A VC 1.1 credential (issuanceDate) is verified with one warning: the OB 3.0 JSON Schema describes VC 2.0.
  const notPassed = report.checks.filter((c) => c.outcome !== 'passed').map((c) => [c.id, c.outcome, c.problem?.code]);
  const vc11 = report.credential?.validFrom !== undefined && notPassed.some(([id]) => id === 'schema');
  expect(notPassed).toEqual(vc11 ? [['schema', 'warning', 'ERR_SCHEMA_NOT_APPLICABLE']] : []);
  expect(report).toMatchObject({
    verified: true,
    authentic: true,
    summary: vc11 ? 'verified-with-warnings' : 'verified',
    format: 'vc-jwt',
  });
  expect(report.checks.map((c) => c.id)).toEqual([
    'parse',
    'jsonld',
    'view',
    'type',
    'proof',
    'signature',
    'claims',
    'issuer',
    'schema',
    'validity',
    'status',
  ]);
}

const cases: [Encoding, Alg, Source][] = ENCODINGS.flatMap((encoding) =>
  ALGS.flatMap((alg) =>
    (['did:key', 'did:web', 'url', 'jwk'] as Source[])
      .filter((s) => !(alg === 'RS256' && s === 'did:key'))
      .map((s): [Encoding, Alg, Source] => [encoding, alg, s]),
  ),
);

describe('VC-JWTs made by jose', () => {
  it.each(cases)('%s encoding, %s, key by %s: verified', async (encoding, alg, source) => {
    const jwt = await jwtFor(alg, source, encoding);
    const report = await verifyCredential(jwt, { now: NOW, loader: loaderWith(documents) });
    expectVerified(report);
    const { issuer, header } = naming(alg, source);
    expect(report.credential).toMatchObject({
      id: 'urn:uuid:4a1e1b8c-53a4-4a66-9a55-0f6f1c3b9b0e',
      issuer: { id: issuer },
      recipient: 'did:example:teacher-42',
      validFrom: '2026-01-15T09:00:00Z',
      proof: {
        type: 'VC-JWT',
        alg,
        verificationMethod:
          'kid' in header ? header.kid : expect.stringMatching(/^urn:ietf:params:oauth:jwk-thumbprint:sha-256:/),
      },
    });
  });

  it('reads the JWT with whitespace around it (as a file or a form gives it)', async () => {
    const jwt = await jwtFor('ES256', 'did:key', 'ob3');
    expectVerified(await verifyCredential(`\n  ${jwt}\r\n`, { now: NOW }));
  });

  it('fills in what a VC-JWT 1.1 vc claim leaves out from iss, jti, sub, nbf and exp', async () => {
    const key = keys.EdDSA;
    const jwt = await signJwt(
      vc11Credential(key.didKey as string, { expirationDate: '2027-01-15T09:00:00Z' }),
      key,
      { kid: didKeyMethod(key.didKey as string) },
      { encoding: 'vc11' },
    );
    const report = await verifyCredential(jwt, { now: NOW });
    expectVerified(report);
    expect(report.credential).toMatchObject({
      id: 'urn:uuid:4a1e1b8c-53a4-4a66-9a55-0f6f1c3b9b0e',
      issuer: { id: key.didKey },
      recipient: 'did:example:teacher-42',
      validFrom: '2026-01-15T09:00:00Z',
      validUntil: '2027-01-15T09:00:00Z',
    });
  });

  it('accepts the typ of earlier VC-JOSE-COSE drafts and a typ written with "application/"', async () => {
    const key = keys.ES256;
    for (const typ of ['vc+ld+json+jwt', 'vc+ld+jwt', 'application/vc+jwt', 'jwt']) {
      const jwt = await signJwt(
        obCredential(key.didKey as string),
        key,
        { kid: didKeyMethod(key.didKey as string) },
        { encoding: 'vc-jose-cose', header: { typ } },
      );
      expectVerified(await verifyCredential(jwt, { now: NOW }));
    }
  });

  it('accepts the fully specified algorithm name Ed25519 (RFC 9864) for EdDSA', async () => {
    const key = keys.EdDSA;
    const jwt = await signJwt(
      obCredential(key.didKey as string),
      key,
      { kid: didKeyMethod(key.didKey as string) },
      { header: { alg: 'Ed25519' } },
    );
    expectVerified(await verifyCredential(jwt, { now: NOW }));
  });

  it('accepts a JWT without typ, and a kid relative to the issuer (#key-2)', async () => {
    const jwt = await signJwt(obCredential(DID_WEB), keys.ES256, { kid: '#key-2' }, { header: { typ: undefined } });
    expectVerified(await verifyCredential(jwt, { now: NOW, loader: loaderWith(documents) }));
  });

  it('takes the key from a JWK Set at the kid URL, and from a did:jwk', async () => {
    const key = keys.RS256;
    const set = {
      keys: [
        { ...keys.ES256.publicJwk, kid: 'p256' },
        { ...key.publicJwk, kid: 'rsa' },
      ],
    };
    const jwks = 'https://issuer.example/.well-known/jwks.json';
    // The key in the set names no owner, so the issuer's document must list it to bind it.
    const fromSet = await signJwt(obCredential(URL_ISSUER), key, { kid: `${jwks}#rsa` });
    expectVerified(await verifyCredential(fromSet, { now: NOW, loader: loaderWith({ ...documents, [jwks]: set }) }));

    const didJwk = `did:jwk:${Buffer.from(JSON.stringify(key.publicJwk)).toString('base64url')}`;
    const fromDid = await signJwt(obCredential(didJwk), key, { kid: `${didJwk}#0` });
    expectVerified(await verifyCredential(fromDid, { now: NOW }));
  });

  it('binds a header jwk to a did:jwk issuer that is that key', async () => {
    const key = keys.ES256;
    const didJwk = `did:jwk:${Buffer.from(JSON.stringify(key.publicJwk)).toString('base64url')}`;
    const jwt = await signJwt(obCredential(didJwk), key, { jwk: key.publicJwk });
    expectVerified(await verifyCredential(jwt, { now: NOW }));
  });

  it('a credential whose JWT expired (exp / validUntil) is authentic but not verified', async () => {
    const key = keys.EdDSA;
    const kid = { kid: didKeyMethod(key.didKey as string) };
    const ob3 = await signJwt(obCredential(key.didKey as string, { validUntil: '2026-03-01T00:00:00Z' }), key, kid);
    const vc11 = await signJwt(
      vc11Credential(key.didKey as string, { expirationDate: '2026-03-01T00:00:00Z' }),
      key,
      kid,
      { encoding: 'vc11' },
    );
    for (const [jwt, path] of [
      [ob3, 'validUntil'],
      [vc11, 'expirationDate'],
    ] as const) {
      const report = await verifyCredential(jwt, { now: NOW });
      expect(check(report, 'claims').outcome).toBe('passed');
      expect(check(report, 'validity')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_EXPIRED', path } });
      expect(report).toMatchObject({ authentic: true, verified: false, summary: 'invalid' });
    }
  });
});
