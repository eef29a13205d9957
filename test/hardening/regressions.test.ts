// Verifier bugs the hardening suites found, each pinned by the smallest credential that showed it.
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyCredential } from '../../src/index.js';
import { NOW, check, fixture } from '../helpers/credential.js';
import { microcredBases, type SignedBase } from './corpus.js';

type Doc = Record<string, unknown>;
const DCC = 'dcc/vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey';
const CRED = 'https://www.w3.org/2018/credentials#';
const DATE_TIME = 'http://www.w3.org/2001/XMLSchema#dateTime';

let proofSet: SignedBase;
let single: SignedBase;
beforeAll(async () => {
  const bases = await microcredBases();
  proofSet = bases.find((b) => b.name === 'microcred, two proofs, did:web') as SignedBase;
  single = bases.find((b) => b.name === 'microcred, did:web') as SignedBase;
});

const proofsOf = (doc: Doc) => structuredClone(doc.proof) as Doc[];

describe('a proof set is verified proof by proof (it verified when any one proof held)', () => {
  it('two good proofs: passed, one part per proof', async () => {
    const report = await verifyCredential(proofSet.credential, { now: NOW, loader: proofSet.loader });
    expect(report).toMatchObject({ verified: true, authentic: true });
    expect(check(report, 'signature').parts?.map((p) => p.outcome)).toEqual(['passed', 'passed']);
    expect(check(report, 'signature').parts?.[0]?.label).toMatch(
      /^DataIntegrityProof \(eddsa-rdfc-2022\) by did:web:pd\.example\.org#z6Mk/,
    );
  });

  it.each([
    ['its proofValue changed', (p: Doc) => ({ ...p, proofValue: `${String(p.proofValue).slice(0, -2)}11` })],
    ['its created date changed', (p: Doc) => ({ ...p, created: '2020-01-01T00:00:00Z' })],
    // The issuer's other key: it exists and may issue, but it did not make this signature.
    [
      'the other key named',
      (p: Doc) => ({ ...p, verificationMethod: (single.credential.proof as Doc).verificationMethod }),
    ],
  ])(
    'a second proof with %s fails the credential (ERR_SIGNATURE_INVALID or could not check, at proof[1])',
    async (_name, change) => {
      const [first, second] = proofsOf(proofSet.credential) as [Doc, Doc];
      const report = await verifyCredential(
        { ...proofSet.credential, proof: [first, change(second)] },
        { now: NOW, loader: proofSet.loader },
      );
      expect(report).toMatchObject({ verified: false, authentic: false });
      const signature = check(report, 'signature');
      expect(signature.problem?.path).toMatch(/^proof\[1\]/);
      expect(signature.parts?.map((p) => p.outcome)).toEqual(['passed', signature.outcome]);
    },
  );

  it('a forged copy of the only proof, appended, fails the credential', async () => {
    const proof = single.credential.proof as Doc;
    const forged = { ...proof, proofValue: `${String(proof.proofValue).slice(0, -2)}11` };
    const report = await verifyCredential(
      { ...single.credential, proof: [proof, forged] },
      { now: NOW, loader: single.loader },
    );
    expect(check(report, 'signature')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_SIGNATURE_INVALID', path: 'proof[1]' },
    });
    expect(report.authentic).toBe(false);
  });

  it('a proof of a suite microcred does not implement, beside a verified one, is a could-not-check part: not checked, the other proofs decide', async () => {
    const proof = single.credential.proof as Doc;
    const report = await verifyCredential(
      { ...single.credential, proof: [proof, { ...proof, cryptosuite: 'ecdsa-xi-2023' }] },
      { now: NOW, loader: single.loader },
    );
    expect(report).toMatchObject({ verified: true, authentic: true });
    expect(check(report, 'signature').parts?.[1]).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_PROOF_UNSUPPORTED', path: 'proof[1]' },
    });
  });
});

describe('a field the verifier reads cannot be hidden under another spelling of its term', () => {
  // Each spelling gives the same statements, so the signature holds; the JSON reader would miss them.
  const expired = () =>
    fixture('dcc/vc-test-fixtures/verifiableCredentials/v2/ed25519/didKey/legacy-noStatus-expired.json');
  const without = (doc: Doc, key: string) => Object.fromEntries(Object.entries(doc).filter(([k]) => k !== key));

  it('the expired fixture is authentic and expired as it is', async () => {
    const report = await verifyCredential(expired(), { now: NOW });
    expect(report).toMatchObject({ authentic: true, verified: false });
    expect(check(report, 'validity').problem?.code).toBe('ERR_EXPIRED');
  });

  it.each<[string, (doc: Doc) => Doc]>([
    [
      'validUntil written as its full IRI',
      (doc) => ({
        ...without(doc, 'validUntil'),
        [`${CRED}validUntil`]: { '@value': doc.validUntil, '@type': DATE_TIME },
      }),
    ],
    [
      'validUntil under an alias an added context defines',
      (doc) => ({
        ...without(doc, 'validUntil'),
        '@context': [...(doc['@context'] as string[]), { until: `${CRED}validUntil` }],
        until: { '@value': doc.validUntil, '@type': DATE_TIME },
      }),
    ],
  ])(
    '%s: refused (ERR_NOT_AS_SIGNED at validUntil), read as signed (expired), never "verified" (it verified)',
    async (_name, respell) => {
      const report = await verifyCredential(respell(expired()), { now: NOW });
      expect(check(report, 'view')).toMatchObject({
        outcome: 'failed',
        problem: { code: 'ERR_NOT_AS_SIGNED', path: 'validUntil' },
      });
      expect(check(report, 'validity').problem?.code).toBe('ERR_EXPIRED');
      expect(report).toMatchObject({ verified: false, authentic: false });
    },
  );

  it('credentialStatus written as its full IRI: refused (the status check read no status entry and passed)', async () => {
    const revoked = fixture(`${DCC}/noRegsitry-revokedStatus-notExpired.json`);
    const report = await verifyCredential(
      { ...without(revoked, 'credentialStatus'), [`${CRED}credentialStatus`]: revoked.credentialStatus },
      { now: NOW },
    );
    expect(check(report, 'view').problem).toMatchObject({ code: 'ERR_NOT_AS_SIGNED', path: 'credentialStatus' });
    // The entry is read as signed: the status check does not pass for want of an entry.
    expect(check(report, 'status').outcome).not.toBe('passed');
    expect(report.verified).toBe(false);
  });

  it('a status entry under its full IRI beside an empty @set under "credentialStatus": refused', async () => {
    const revoked = fixture(`${DCC}/noRegsitry-revokedStatus-notExpired.json`);
    const doc = { ...revoked, credentialStatus: { '@set': [] }, [`${CRED}credentialStatus`]: revoked.credentialStatus };
    const report = await verifyCredential(doc, { now: NOW });
    expect(check(report, 'view').problem).toMatchObject({ code: 'ERR_NOT_AS_SIGNED', path: 'credentialStatus' });
    expect(report.verified).toBe(false);
  });

  it('a field the verifier does not read may be spelled either way: name as https://schema.org/name still verifies', async () => {
    const doc = fixture(`${DCC}/legacyRegistry-noStatus-noExpiry-basicOBv3.json`);
    const report = await verifyCredential(
      { ...without(doc, 'name'), 'https://schema.org/name': doc.name },
      { now: NOW },
    );
    expect(report).toMatchObject({ verified: true, authentic: true });
  });
});

describe('validUntil is read under the VC 1.1 context too (it was ignored there)', () => {
  it('an expired VC 2.0 fixture put under the VC 1.1 context, which gives the same statements, is still expired', async () => {
    const doc = fixture('dcc/vc-test-fixtures/verifiableCredentials/v2/ed25519/didKey/legacy-noStatus-expired.json');
    const context = doc['@context'] as string[];
    const report = await verifyCredential(
      { ...doc, '@context': ['https://www.w3.org/2018/credentials/v1', ...context.slice(1)] },
      { now: NOW },
    );
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(check(report, 'validity').problem).toMatchObject({ code: 'ERR_EXPIRED', path: 'validUntil' });
    expect(report.verified).toBe(false);
  });
});

describe('a "__proto__" member is an undefined term like any other (it went unseen and the credential verified)', () => {
  it.each([
    ['at the top', (text: string) => text.replace('{', '{"__proto__":{"polluted":true},')],
    [
      'inside the achievement',
      (text: string) => text.replace('"achievement":{', '"achievement":{"__proto__":{"polluted":true},'),
    ],
  ])(
    '%s, as JSON text and as the object JSON.parse makes of it: ERR_TERM_UNDEFINED at its path',
    async (_name, add) => {
      const text = add(JSON.stringify(single.credential));
      for (const input of [text, JSON.parse(text) as unknown]) {
        const report = await verifyCredential(input, { now: NOW, loader: single.loader });
        expect(check(report, 'jsonld').problem).toMatchObject({
          code: 'ERR_TERM_UNDEFINED',
          path: expect.stringMatching(/__proto__$/),
        });
        expect(report).toMatchObject({ verified: false, authentic: false });
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }
    },
  );
});
