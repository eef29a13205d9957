// Keys that must not make a proof hold, each attack built from a genuinely signed credential
// (microcred's and the plain Digital Bazaar stack's; eddsa-rdfc-2022, Ed25519Signature2020, VC-JWT):
// - a key of small order (or a non-canonical encoding) with the identity signature "signs" anything;
// - an Ed25519 signature whose S is not reduced;
// - a key its controller says has expired (or, for VC-JWT, was revoked);
// - a key that resolves but cannot have made the proof (P-256, another fragment, the wrong length)
//   is a failed signature, not a key that could not be found.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  didWebDocument,
  generateKey,
  issueCredential,
  verifyCredential,
  type Key,
  type VerificationReport,
} from '../../../src/index.js';
import { fromBase58btc, fromHex, toBase58btc, toBase64Url } from '../../../src/encoding.js';
import { NOW, check, clone, unsignedCredential } from '../../helpers/credential.js';
import { digitalBazaarKeyPair, signWithDigitalBazaar } from '../../helpers/digitalBazaar.js';
import {
  DID_WEB,
  controllerDocument,
  decodePart,
  didKeyMethod,
  encodePart,
  partsOf,
  signJwt,
  testKey,
  type TestKey,
} from '../../jwt/helpers.js';

type Suite = 'eddsa-rdfc-2022' | 'Ed25519Signature2020';
type Doc = Record<string, unknown> & { issuer: Record<string, unknown>; proof: Record<string, unknown> };

const ED25519_2020_CONTEXT = 'https://w3id.org/security/suites/ed25519-2020/v1';
const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const DAY = 86_400_000;
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The identity point followed by S = 0: under a key of small order it verifies whatever was signed. */
const IDENTITY_SIGNATURE = fromHex(`01${'00'.repeat(63)}`);
const WEAK_KEYS: [string, string][] = [
  ['the identity point', `01${'00'.repeat(31)}`],
  ['the identity written non-canonically (y = p + 1)', `ee${'ff'.repeat(30)}7f`],
  ['the point of order 2 (y = p − 1)', `ec${'ff'.repeat(30)}7f`],
];
const multibaseOf = (hex: string) => `z${toBase58btc(Uint8Array.from([0xed, 0x01, ...fromHex(hex)]))}`;

let key: Key<'ed25519'>;
const signed = {} as Record<string, Doc>;

beforeAll(async () => {
  key = await generateKey();
  const pair = await digitalBazaarKeyPair();
  const base = unsignedCredential(key, { id: 'urn:uuid:8e0c6b8a-1f2d-4c3b-9a7e-5d4c3b2a1f0e' });
  signed.microcred = (await issueCredential(base, { key, now: NOW })) as unknown as Doc;
  signed['microcred Ed25519Signature2020'] = (await issueCredential(
    { ...base, '@context': [...(base['@context'] as string[]), ED25519_2020_CONTEXT] },
    { key, now: NOW, suite: 'Ed25519Signature2020' },
  )) as unknown as Doc;
  signed['plain Digital Bazaar'] = (await signWithDigitalBazaar(
    { ...clone(base), issuer: { ...base.issuer, id: pair.controller } },
    pair,
  )) as Doc;
});
const SIGNED = ['microcred', 'microcred Ed25519Signature2020', 'plain Digital Bazaar'];

function signature(report: VerificationReport) {
  const { outcome, problem } = check(report, 'signature');
  return { outcome, code: problem?.code, path: problem?.path };
}

/** `doc` re-pointed at another issuer and key, its proofValue replaced when given. */
function repointed(doc: Doc, issuer: string, method: string, proofValue?: Uint8Array): Doc {
  const copy = clone(doc);
  copy.issuer.id = issuer;
  copy.proof.verificationMethod = method;
  if (proofValue) copy.proof.proofValue = `z${toBase58btc(proofValue)}`;
  return copy;
}

describe('an Ed25519 key of small order, with the identity signature (Data Integrity)', () => {
  describe.each(SIGNED)('from a genuine %s credential', (which) => {
    it.each(WEAK_KEYS)('as a did:key, %s: a failed signature (ERR_KEY_INVALID), never verified', async (_name, hex) => {
      const did = `did:key:${multibaseOf(hex)}`;
      const forged = repointed(signed[which] as Doc, did, `${did}#${multibaseOf(hex)}`, IDENTITY_SIGNATURE);
      const report = await verifyCredential(forged, { now: NOW });
      expect(signature(report)).toEqual({
        outcome: 'failed',
        code: 'ERR_KEY_INVALID',
        path: 'proof.verificationMethod',
      });
      expect(check(report, 'signature').problem?.detail).toMatch(/small order|non-canonical/);
      expect(report).toMatchObject({ authentic: false, verified: false, summary: 'invalid' });
    });

    it.each<[string, (method: string, hex: string) => Record<string, unknown>]>([
      ['Multikey', (id, hex) => ({ id, type: 'Multikey', controller: DID_WEB, publicKeyMultibase: multibaseOf(hex) })],
      [
        'Ed25519VerificationKey2020',
        (id, hex) => ({
          id,
          type: 'Ed25519VerificationKey2020',
          controller: DID_WEB,
          publicKeyMultibase: multibaseOf(hex),
        }),
      ],
      [
        'JsonWebKey',
        (id, hex) => ({
          id,
          type: 'JsonWebKey',
          controller: DID_WEB,
          publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(fromHex(hex)) },
        }),
      ],
    ])('as a %s in a did:web document: a failed signature (ERR_KEY_INVALID)', async (_type, methodOf) => {
      const id = `${DID_WEB}#key-1`;
      const document = {
        '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
        id: DID_WEB,
        verificationMethod: [methodOf(id, WEAK_KEYS[0]![1])],
        assertionMethod: [id],
      };
      const forged = repointed(signed[which] as Doc, DID_WEB, id, IDENTITY_SIGNATURE);
      const report = await verifyCredential(forged, { now: NOW, documents: { [DID_WEB]: document } });
      expect(signature(report)).toEqual({
        outcome: 'failed',
        code: 'ERR_KEY_INVALID',
        path: 'proof.verificationMethod',
      });
      expect(report.authentic).toBe(false);
    });
  });
});

describe('an Ed25519 key of small order, with the identity signature (VC-JWT)', () => {
  let genuine: string;
  let ed25519: TestKey;
  beforeAll(async () => {
    ed25519 = await testKey('EdDSA');
    genuine = await signJwt(obCredentialOf(ed25519.didKey as string), ed25519, {
      kid: didKeyMethod(ed25519.didKey as string),
    });
  });

  function obCredentialOf(issuer: string): Record<string, unknown> {
    return {
      ...unsignedCredential({ controller: issuer } as Key<'ed25519'>),
      id: 'urn:uuid:4a1e1b8c-53a4-4a66-9a55-0f6f1c3b9b0e',
    };
  }

  /** The genuine token with its key header, issuer (iss and issuer.id) and signature replaced. */
  function forgedJwt(keyHeader: Record<string, unknown>, issuer: string): string {
    const [headerPart, payloadPart] = partsOf(genuine);
    const [header, payload] = [decodePart(headerPart), decodePart(payloadPart)];
    delete header.kid;
    const claims = { ...payload, iss: issuer, issuer: { ...(payload.issuer as Record<string, unknown>), id: issuer } };
    return `${encodePart({ ...header, ...keyHeader })}.${encodePart(claims)}.${toBase64Url(IDENTITY_SIGNATURE)}`;
  }

  it.each(WEAK_KEYS)(
    '%s: as a did:key kid, a did:jwk kid, a header jwk and a JsonWebKey in a did:web document, ERR_KEY_INVALID',
    async (_name, hex) => {
      const jwk = { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(fromHex(hex)) };
      const didKey = `did:key:${multibaseOf(hex)}`;
      const didJwk = `did:jwk:${toBase64Url(new TextEncoder().encode(JSON.stringify(jwk)))}`;
      const document = {
        '@context': ['https://www.w3.org/ns/did/v1'],
        id: DID_WEB,
        verificationMethod: [{ id: `${DID_WEB}#key-1`, type: 'JsonWebKey', controller: DID_WEB, publicKeyJwk: jwk }],
        assertionMethod: [`${DID_WEB}#key-1`],
      };
      const cases: [string, string, string][] = [
        [forgedJwt({ kid: didKeyMethod(didKey) }, didKey), 'header.kid', 'did:key'],
        [forgedJwt({ kid: `${didJwk}#0` }, didJwk), 'header.kid', 'did:jwk'],
        [forgedJwt({ jwk }, ed25519.didKey as string), 'header.jwk', 'header jwk'],
        [forgedJwt({ kid: `${DID_WEB}#key-1` }, DID_WEB), 'header.kid', 'did:web'],
      ];
      for (const [jwt, path, where] of cases) {
        const report = await verifyCredential(jwt, { now: NOW, documents: { [DID_WEB]: document } });
        expect(signature(report), where).toEqual({ outcome: 'failed', code: 'ERR_KEY_INVALID', path });
        expect(report.authentic, where).toBe(false);
      }
    },
  );
});

describe('an Ed25519 signature whose S is not reduced (S + L)', () => {
  function withScalarPlusL(signatureBytes: Uint8Array): Uint8Array {
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(signatureBytes[i] as number);
    s += L;
    const out = Uint8Array.from(signatureBytes);
    for (let i = 32; i < 64; i++, s >>= 8n) out[i] = Number(s & 0xffn);
    return out;
  }

  it.each(SIGNED)('a genuine %s proof, so re-encoded: ERR_SIGNATURE_INVALID', async (which) => {
    const doc = clone(signed[which] as Doc);
    doc.proof.proofValue = `z${toBase58btc(withScalarPlusL(fromBase58btc((doc.proof.proofValue as string).slice(1))))}`;
    expect(signature(await verifyCredential(doc, { now: NOW }))).toEqual({
      outcome: 'failed',
      code: 'ERR_SIGNATURE_INVALID',
      path: 'proof',
    });
  });

  it('a genuine EdDSA VC-JWT, so re-encoded: ERR_SIGNATURE_INVALID at signature', async () => {
    const ed25519 = await testKey('EdDSA');
    const jwt = await signJwt(
      {
        ...unsignedCredential({ controller: ed25519.didKey } as Key<'ed25519'>),
        id: 'urn:uuid:1b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0',
      },
      ed25519,
      { kid: didKeyMethod(ed25519.didKey as string) },
    );
    const [header, payload, sig] = partsOf(jwt);
    const reencoded = `${header}.${payload}.${toBase64Url(withScalarPlusL(Buffer.from(sig, 'base64url')))}`;
    expect(signature(await verifyCredential(jwt, { now: NOW })).outcome).toBe('passed');
    expect(signature(await verifyCredential(reencoded, { now: NOW }))).toEqual({
      outcome: 'failed',
      code: 'ERR_SIGNATURE_INVALID',
      path: 'signature',
    });
  });
});

describe('a key its controller says has expired (Data Integrity)', () => {
  const domain = 'pd.example.org';

  async function credentialUnder(expires: string | undefined, suite: Suite) {
    const document = didWebDocument(domain, [key]) as unknown as Record<string, unknown> & {
      verificationMethod: Record<string, unknown>[];
    };
    if (expires) document.verificationMethod[0]!.expires = expires;
    const webKey = key.withController(document.id as string);
    const base = unsignedCredential(webKey);
    const unsigned =
      suite === 'Ed25519Signature2020'
        ? { ...base, '@context': [...(base['@context'] as string[]), ED25519_2020_CONTEXT] }
        : base;
    // Signed while the key was in force.
    const credential = await issueCredential(unsigned, { key: webKey, now: new Date(NOW.getTime() - 30 * DAY), suite });
    return { credential, documents: { [document.id as string]: document } };
  }

  it.each<Suite>(['eddsa-rdfc-2022', 'Ed25519Signature2020'])(
    '%s: expired a day before: ERR_KEY_EXPIRED, failed; in force until tomorrow: verified',
    async (suite) => {
      const expired = await credentialUnder(at(-DAY), suite);
      const report = await verifyCredential(expired.credential, { now: NOW, documents: expired.documents });
      expect(signature(report)).toEqual({
        outcome: 'failed',
        code: 'ERR_KEY_EXPIRED',
        path: 'proof.verificationMethod',
      });
      expect(check(report, 'signature').problem?.detail).toContain(at(-DAY));
      expect(report).toMatchObject({ authentic: false, verified: false });

      const current = await credentialUnder(at(DAY), suite);
      expect(await verifyCredential(current.credential, { now: NOW, documents: current.documents })).toMatchObject({
        authentic: true,
        verified: true,
      });
    },
  );

  it('the clock skew, and no more, is allowed', async () => {
    const justNow = await credentialUnder(at(-240_000), 'eddsa-rdfc-2022');
    expect(
      signature(await verifyCredential(justNow.credential, { now: NOW, documents: justNow.documents })).outcome,
    ).toBe('passed');
    expect(
      signature(
        await verifyCredential(justNow.credential, { now: NOW, documents: justNow.documents, clockSkewSeconds: 0 }),
      ).code,
    ).toBe('ERR_KEY_EXPIRED');
  });

  it('a plain Digital Bazaar credential signed by a did:web key that has since expired: ERR_KEY_EXPIRED', async () => {
    const pair = await digitalBazaarKeyPair();
    pair.controller = DID_WEB;
    pair.id = `${DID_WEB}#key-1`;
    const document = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: DID_WEB,
      verificationMethod: [
        {
          id: pair.id,
          type: 'Multikey',
          controller: DID_WEB,
          publicKeyMultibase: pair.publicKeyMultibase,
          expires: at(-DAY),
        },
      ],
      assertionMethod: [pair.id],
    };
    const credential = await signWithDigitalBazaar(
      {
        ...clone(unsignedCredential({ controller: DID_WEB } as Key<'ed25519'>)),
        id: 'urn:uuid:5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
      },
      pair,
    );
    expect(signature(await verifyCredential(credential, { now: NOW, documents: { [DID_WEB]: document } }))).toEqual({
      outcome: 'failed',
      code: 'ERR_KEY_EXPIRED',
      path: 'proof.verificationMethod',
    });
  });
});

describe('a key its controller says has expired or was revoked (VC-JWT)', () => {
  let ed25519: TestKey;
  let jwt: string;
  beforeAll(async () => {
    ed25519 = await testKey('EdDSA');
    jwt = await signJwt(
      {
        ...unsignedCredential({ controller: DID_WEB } as Key<'ed25519'>),
        id: 'urn:uuid:6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0',
      },
      ed25519,
      { kid: `${DID_WEB}#key-1` },
    );
  });

  function documentWith(lifecycle: Record<string, unknown>): Record<string, unknown> {
    const document = controllerDocument(DID_WEB, [ed25519]) as { verificationMethod: Record<string, unknown>[] };
    Object.assign(document.verificationMethod[0]!, lifecycle);
    return document;
  }

  it('expired a day before: ERR_KEY_EXPIRED at header.kid; in force until tomorrow: verified', async () => {
    const report = await verifyCredential(jwt, {
      now: NOW,
      documents: { [DID_WEB]: documentWith({ expires: at(-DAY) }) },
    });
    expect(signature(report)).toEqual({ outcome: 'failed', code: 'ERR_KEY_EXPIRED', path: 'header.kid' });
    expect(report.authentic).toBe(false);
    expect(
      await verifyCredential(jwt, { now: NOW, documents: { [DID_WEB]: documentWith({ expires: at(DAY) }) } }),
    ).toMatchObject({ authentic: true, verified: true });
  });

  it('revoked: ERR_KEY_INVALID at header.kid, as Data Integrity already refused it', async () => {
    const report = await verifyCredential(jwt, {
      now: NOW,
      documents: { [DID_WEB]: documentWith({ revoked: at(-DAY) }) },
    });
    expect(signature(report)).toEqual({ outcome: 'failed', code: 'ERR_KEY_INVALID', path: 'header.kid' });
  });

  it('a header jwk the issuer lists only under an expired method is not bound to the issuer', async () => {
    const withJwk = await signJwt(
      {
        ...unsignedCredential({ controller: DID_WEB } as Key<'ed25519'>),
        id: 'urn:uuid:7a8b9c0d-1e2f-4a3b-c4d5-e6f7a8b9c0d1',
      },
      ed25519,
      { jwk: ed25519.publicJwk },
    );
    const expired = await verifyCredential(withJwk, {
      now: NOW,
      documents: { [DID_WEB]: documentWith({ expires: at(-DAY) }) },
    });
    expect(check(expired, 'issuer')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_JWT_KEY_NOT_BOUND' } });
    const current = await verifyCredential(withJwk, {
      now: NOW,
      documents: { [DID_WEB]: documentWith({ expires: at(DAY) }) },
    });
    expect(check(current, 'issuer').outcome).toBe('passed');
  });
});

describe('a key that resolves but cannot have made the proof: failed, not could-not-check', () => {
  const P256_DID = 'did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169';

  describe.each(SIGNED)('from a genuine %s credential', (which) => {
    it('a P-256 did:key claiming an Ed25519 proof', async () => {
      const forged = repointed(signed[which] as Doc, P256_DID, didKeyMethod(P256_DID));
      const report = await verifyCredential(forged, { now: NOW });
      expect(signature(report)).toEqual({
        outcome: 'failed',
        code: 'ERR_KEY_INVALID',
        path: 'proof.verificationMethod',
      });
      expect(check(report, 'signature').problem?.detail).toContain('P-256');
    });

    it('a did:key whose fragment names another key', async () => {
      const doc = signed[which] as Doc;
      const did = doc.issuer.id as string;
      const other = await generateKey();
      const report = await verifyCredential(repointed(doc, did, `${did}#${other.publicKeyMultibase}`), { now: NOW });
      expect(signature(report)).toEqual({
        outcome: 'failed',
        code: 'ERR_KEY_INVALID',
        path: 'proof.verificationMethod',
      });
    });

    it('a did:key of the wrong length', async () => {
      const doc = signed[which] as Doc;
      const short = (doc.issuer.id as string).slice(0, -3);
      const report = await verifyCredential(repointed(doc, short, `${short}#${short.slice('did:key:'.length)}`), {
        now: NOW,
      });
      expect(signature(report)).toEqual({
        outcome: 'failed',
        code: 'ERR_KEY_INVALID',
        path: 'proof.verificationMethod',
      });
    });
  });

  it('VC-JWT: a P-256 did:key under EdDSA, another fragment, a did:key of the wrong length all fail', async () => {
    const ed25519 = await testKey('EdDSA');
    const did = ed25519.didKey as string;
    const credential = {
      ...unsignedCredential({ controller: did } as Key<'ed25519'>),
      id: 'urn:uuid:8b9c0d1e-2f3a-4b4c-d5e6-f7a8b9c0d1e2',
    };
    const other = await generateKey();
    for (const kid of [
      didKeyMethod(P256_DID),
      `${did}#${other.publicKeyMultibase}`,
      `${did.slice(0, -3)}#${did.slice('did:key:'.length, -3)}`,
    ]) {
      const report = await verifyCredential(await signJwt(credential, ed25519, { kid }), { now: NOW });
      expect(check(report, 'signature').outcome, kid).toBe('failed');
    }
  });

  it('still could-not-check: a did:web document not supplied (network off), and a DID method microcred does not resolve', async () => {
    const doc = signed.microcred as Doc;
    const web = await verifyCredential(
      repointed(doc, 'did:web:nobody.example.org', 'did:web:nobody.example.org#key-1'),
      { now: NOW },
    );
    expect(signature(web)).toEqual({
      outcome: 'could-not-check',
      code: 'ERR_NETWORK_DISABLED',
      path: 'proof.verificationMethod',
    });
    const unknown = await verifyCredential(repointed(doc, 'did:example:issuer', 'did:example:issuer#key-1'), {
      now: NOW,
    });
    expect(signature(unknown)).toMatchObject({ outcome: 'could-not-check', code: 'ERR_KEY_UNRESOLVED' });
  });
});
