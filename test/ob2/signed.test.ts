// A signed Open Badges 2.0 assertion (§SignedBadge): its JWS is checked against the
// CryptographicKey that verification.creator names, the key must be the issuer's, and then dates,
// revocation and (when named) the recipient. Every attack starts from a genuinely signed assertion.
import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, formatReport, verifyCredential, type VerificationReport } from '../../src/index.js';
import {
  BADGE,
  EMAIL,
  ISSUER,
  KEY,
  NETWORK,
  NOW,
  REVOCATIONS,
  SIGNED_ID,
  assertion,
  fetchServing,
  issuerDocuments,
  issuerProfile,
  keyDocument,
  rsaPair,
  signJws,
  withPayload,
  type Doc,
  type RsaPair,
} from './helpers.js';

const outcome = (report: VerificationReport, id: string) => report.checks.find((c) => c.id === id);

let pair: RsaPair;
let other: RsaPair;
let jws: string;

beforeAll(async () => {
  pair = rsaPair();
  other = rsaPair();
  jws = await signJws(assertion('signed'), pair);
});

describe('a signed Open Badges 2.0 assertion', () => {
  it('verifies against the key its creator names, with the issuer documents supplied', async () => {
    const report = await verifyCredential(jws, { now: NOW, documents: issuerDocuments(pair) });
    expect(report).toMatchObject({ verified: true, authentic: true, summary: 'verified', format: 'open-badges-2.0' });
    expect(report.checks.map((c) => [c.id, c.outcome])).toEqual([
      ['parse', 'passed'],
      ['type', 'passed'],
      ['signature', 'passed'],
      ['badge', 'passed'],
      ['issuer', 'passed'],
      ['validity', 'passed'],
      ['status', 'passed'],
    ]);
    expect(report.credential).toEqual({
      id: SIGNED_ID,
      name: 'Formative Assessment',
      issuer: { id: ISSUER, name: 'Riverbend District Professional Learning' },
      achievement: { id: BADGE, name: 'Formative Assessment' },
      recipient: 'hashed email (sha256)',
      validFrom: '2026-01-15T09:00:00Z',
      proof: { type: 'SignedBadge', alg: 'RS256', verificationMethod: KEY },
    });
    expect(formatReport(report)).toMatch(/✔ Verified\n\n\s+Format\s+Open Badges 2\.0 assertion, signed/);
  });

  it('verifies with the key, badge class and issuer fetched through the caller’s fetch', async () => {
    const fetch = fetchServing(issuerDocuments(pair));
    const report = await verifyCredential(jws, { now: NOW, fetch, network: NETWORK });
    expect(report.verified).toBe(true);
    expect(fetch.asked.sort()).toEqual([BADGE, ISSUER, KEY].sort());
  });

  it('is could-not-check, naming the key URL, when the key can be neither supplied nor fetched', async () => {
    const report = await verifyCredential(jws, { now: NOW });
    expect(outcome(report, 'signature')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: ErrorCode.NETWORK_DISABLED, path: 'verification.creator' },
    });
    expect(outcome(report, 'signature')?.problem?.detail).toContain(KEY);
    expect(report).toMatchObject({ verified: false, authentic: false, summary: 'could-not-check' });
    expect(report.checks.slice(3).every((c) => c.outcome === 'skipped')).toBe(true);
  });

  it('fails when the payload was changed after signing', async () => {
    const tampered = withPayload(jws, { ...assertion('signed'), issuedOn: '2025-09-01T09:00:00Z' });
    const report = await verifyCredential(tampered, { now: NOW, documents: issuerDocuments(pair) });
    expect(outcome(report, 'signature')).toMatchObject({
      outcome: 'failed',
      problem: { code: ErrorCode.SIGNATURE_INVALID },
    });
    expect(report).toMatchObject({ verified: false, authentic: false, summary: 'invalid' });
  });

  it('fails when another key signed it', async () => {
    const forged = await signJws(assertion('signed'), other);
    const report = await verifyCredential(forged, { now: NOW, documents: issuerDocuments(pair) });
    expect(outcome(report, 'signature')?.problem?.code).toBe(ErrorCode.SIGNATURE_INVALID);
    expect(report.authentic).toBe(false);
  });

  it('fails when the key belongs to someone else, even though the signature holds', async () => {
    const stranger = 'https://elsewhere.example/issuer.json';
    const documents = issuerDocuments(pair, { [KEY]: keyDocument(pair, { owner: stranger }) });
    const report = await verifyCredential(jws, { now: NOW, documents });
    expect(outcome(report, 'signature')?.outcome).toBe('passed');
    expect(outcome(report, 'issuer')).toMatchObject({
      outcome: 'failed',
      problem: { code: ErrorCode.OB2_KEY_NOT_OWNED },
    });
    expect(outcome(report, 'issuer')?.problem?.detail).toContain(stranger);
    expect(report).toMatchObject({ verified: false, authentic: false });
  });

  it('fails when a key published elsewhere only claims the issuer as its owner', async () => {
    // The forger's own key, at the forger's own URL, naming the real issuer and its real badge class.
    const forgerKey = 'https://forger.example/key.json';
    const forged = await signJws(
      assertion('signed', { verification: { type: 'SignedBadge', creator: forgerKey } }),
      other,
    );
    const documents = issuerDocuments(pair, { [forgerKey]: keyDocument(other, { id: forgerKey, owner: ISSUER }) });
    const report = await verifyCredential(forged, { now: NOW, documents });
    expect(outcome(report, 'signature')?.outcome).toBe('passed');
    expect(outcome(report, 'issuer')).toMatchObject({
      outcome: 'failed',
      problem: { code: ErrorCode.OB2_KEY_NOT_OWNED },
    });
    expect(report.authentic).toBe(false);
  });

  it('accepts a key on the issuer’s own host that names the issuer, when the profile lists no keys', async () => {
    const documents = issuerDocuments(pair, { [ISSUER]: issuerProfile({ publicKey: undefined }) });
    const report = await verifyCredential(jws, { now: NOW, documents });
    expect(report.verified).toBe(true);
  });

  it('fails when the document at the creator URL says it is another key', async () => {
    const documents = issuerDocuments(pair, { [KEY]: keyDocument(pair, { id: `${KEY}#other` }) });
    const report = await verifyCredential(jws, { now: NOW, documents });
    expect(outcome(report, 'signature')?.problem?.code).toBe(ErrorCode.KEY_INVALID);
    expect(report.authentic).toBe(false);
  });

  it('refuses an unsigned or shared-secret JWS', async () => {
    const body = Buffer.from(JSON.stringify(assertion('signed'))).toString('base64url');
    for (const [alg, code] of [
      ['none', ErrorCode.JWT_ALG_NONE],
      ['HS256', ErrorCode.JWT_ALG_SYMMETRIC],
    ] as const) {
      const header = Buffer.from(JSON.stringify({ alg })).toString('base64url');
      const report = await verifyCredential(`${header}.${body}.AAAA`, { now: NOW, documents: issuerDocuments(pair) });
      expect(outcome(report, 'signature')).toMatchObject({ outcome: 'failed', problem: { code } });
    }
  });

  it('is could-not-check when the signed assertion is given as JSON, without its JWS', async () => {
    const report = await verifyCredential(assertion('signed'), { now: NOW, documents: issuerDocuments(pair) });
    expect(report.format).toBe('open-badges-2.0');
    expect(outcome(report, 'signature')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: ErrorCode.OB2_SIGNATURE_MISSING },
    });
    expect(report.authentic).toBe(false);
  });

  it('is genuine but expired after `expires`', async () => {
    const expired = await signJws(assertion('signed', { expires: '2026-03-01T00:00:00Z' }), pair);
    const report = await verifyCredential(expired, { now: NOW, documents: issuerDocuments(pair) });
    expect(outcome(report, 'validity')).toMatchObject({ outcome: 'failed', problem: { code: ErrorCode.EXPIRED } });
    expect(report).toMatchObject({
      verified: false,
      authentic: true,
      credential: { validUntil: '2026-03-01T00:00:00Z' },
    });
    expect(formatReport(report)).toMatch(/Genuine, but expired on 2026-03-01/);
  });

  it('is not yet valid when issued in the future, and reads a Unix timestamp as a date', async () => {
    const future = await signJws(
      assertion('signed', { issuedOn: Math.floor(Date.parse('2027-01-01T00:00:00Z') / 1000) }),
      pair,
    );
    const report = await verifyCredential(future, { now: NOW, documents: issuerDocuments(pair) });
    expect(outcome(report, 'validity')?.problem?.code).toBe(ErrorCode.NOT_YET_VALID);
    expect(report.credential?.validFrom).toBe('2027-01-01T00:00:00Z');
  });
});

describe('revocation of a signed assertion', () => {
  const withList = (list: unknown) =>
    issuerDocuments(pair, { [ISSUER]: issuerProfile({ revocationList: REVOCATIONS }), [REVOCATIONS]: list as Doc });
  const list = (entries: unknown[]) => ({
    '@context': 'https://w3id.org/openbadges/v2',
    id: REVOCATIONS,
    type: 'RevocationList',
    issuer: ISSUER,
    revokedAssertions: entries,
  });

  it('is revoked when the issuer’s revocation list names it, by id (with the reason) or as a bare id', async () => {
    for (const entry of [{ id: SIGNED_ID, revocationReason: 'Awarded in error' }, SIGNED_ID]) {
      const report = await verifyCredential(jws, {
        now: NOW,
        documents: withList(list([{ id: 'urn:uuid:other' }, entry])),
      });
      expect(outcome(report, 'status')).toMatchObject({ outcome: 'failed', problem: { code: ErrorCode.REVOKED } });
      expect(report).toMatchObject({ verified: false, authentic: true });
      expect(formatReport(report)).toMatch(/^✖ Revoked — genuine, but its issuer revoked it/);
    }
    const reason = await verifyCredential(jws, {
      now: NOW,
      documents: withList(list([{ id: SIGNED_ID, revocationReason: 'Awarded in error' }])),
    });
    expect(outcome(reason, 'status')?.problem?.detail).toContain('Awarded in error');
  });

  it('is revoked when the list names its uid (an older assertion)', async () => {
    const old = await signJws(assertion('signed', { uid: 'abc-123' }), pair);
    const report = await verifyCredential(old, { now: NOW, documents: withList(list([{ uid: 'abc-123' }])) });
    expect(outcome(report, 'status')?.problem?.code).toBe(ErrorCode.REVOKED);
  });

  it('passes when the list does not name it', async () => {
    const report = await verifyCredential(jws, { now: NOW, documents: withList(list(['urn:uuid:other'])) });
    expect(report.verified).toBe(true);
  });

  it('is could-not-check, naming the list, when the list cannot be read — never "not revoked"', async () => {
    const documents = issuerDocuments(pair, { [ISSUER]: issuerProfile({ revocationList: REVOCATIONS }) });
    const report = await verifyCredential(jws, { now: NOW, documents });
    expect(outcome(report, 'status')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: ErrorCode.NETWORK_DISABLED },
    });
    expect(outcome(report, 'status')?.problem?.detail).toContain(REVOCATIONS);
    expect(report).toMatchObject({ verified: false, authentic: true, summary: 'could-not-check' });
  });
});

describe('the recipient', () => {
  const verify = (input: unknown, recipient?: string) =>
    verifyCredential(input, { now: NOW, documents: issuerDocuments(pair), ...(recipient ? { recipient } : {}) });

  it('without a recipient named, the report only says how the recipient is identified', async () => {
    const report = await verify(jws);
    expect(outcome(report, 'recipient')).toBeUndefined();
    expect(report.credential?.recipient).toBe('hashed email (sha256)');
  });

  it('matches the salted sha256 hash of the address named, whatever its case', async () => {
    for (const given of [EMAIL, ' Ana.Ruiz@Riverbend.example ']) {
      const report = await verify(jws, given);
      expect(outcome(report, 'recipient')?.outcome).toBe('passed');
      expect(report.verified).toBe(true);
    }
  });

  it('fails for another address: awarded to someone else, still genuine', async () => {
    const report = await verify(jws, 'someone.else@riverbend.example');
    expect(outcome(report, 'recipient')).toMatchObject({
      outcome: 'failed',
      problem: { code: ErrorCode.OB2_RECIPIENT_MISMATCH },
    });
    expect(report).toMatchObject({ verified: false, authentic: true });
  });

  it('compares a plain identity directly', async () => {
    const plain = await signJws(
      assertion('signed', { recipient: { type: 'email', hashed: false, identity: EMAIL } }),
      pair,
    );
    expect(outcome(await verify(plain, EMAIL.toUpperCase()), 'recipient')?.outcome).toBe('passed');
    expect(outcome(await verify(plain, 'x@riverbend.example'), 'recipient')?.outcome).toBe('failed');
    expect((await verify(plain)).credential?.recipient).toBe(`email ${EMAIL}`);
  });

  it('is could-not-check for an md5 hash, never "someone else"', async () => {
    const md5 = await signJws(
      assertion('signed', {
        recipient: { type: 'email', hashed: true, salt: 'x', identity: 'md5$0cc175b9c0f1b6a831c399e269772661' },
      }),
      pair,
    );
    const report = await verify(md5, EMAIL);
    expect(outcome(report, 'recipient')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: ErrorCode.OB2_RECIPIENT_UNCHECKED },
    });
    expect(report.authentic).toBe(true);
  });
});

describe('issuers you know', () => {
  const trust = [{ id: ISSUER, name: 'Riverbend District', url: 'https://riverbend.example' }];

  it('names a known issuer once the assertion is bound to it', async () => {
    const report = await verifyCredential(jws, { now: NOW, documents: issuerDocuments(pair), trust });
    expect(outcome(report, 'trust')?.outcome).toBe('passed');
    expect(report.issuerTrust).toEqual(trust[0]);
    expect(report.verified).toBe(true);
  });

  it('warns about an issuer not on the list', async () => {
    const report = await verifyCredential(jws, {
      now: NOW,
      documents: issuerDocuments(pair),
      trust: [{ id: 'https://other.example/issuer.json', name: 'Other' }],
    });
    expect(outcome(report, 'trust')).toMatchObject({ outcome: 'warning', problem: { code: ErrorCode.ISSUER_UNKNOWN } });
    expect(report).toMatchObject({ verified: true, summary: 'verified-with-warnings' });
    expect(report.issuerTrust).toBeUndefined();
  });

  it('never names a known issuer for a badge its key does not bind to it', async () => {
    const forgerKey = 'https://forger.example/key.json';
    const forged = await signJws(
      assertion('signed', { verification: { type: 'SignedBadge', creator: forgerKey } }),
      other,
    );
    const documents = issuerDocuments(pair, { [forgerKey]: keyDocument(other, { id: forgerKey, owner: ISSUER }) });
    const report = await verifyCredential(forged, { now: NOW, documents, trust });
    expect(outcome(report, 'trust')?.outcome).toBe('skipped');
    expect(report.issuerTrust).toBeUndefined();
  });
});

describe('a signed assertion that names no creator', () => {
  const noCreator = () => signJws(assertion('signed', { verification: { type: 'SignedBadge' } }), pair);

  it('is checked with the keys its issuer lists under publicKey', async () => {
    const report = await verifyCredential(await noCreator(), { now: NOW, documents: issuerDocuments(pair) });
    expect(report.verified).toBe(true);
    const embedded = issuerDocuments(pair, {
      [ISSUER]: issuerProfile({ publicKey: [`${KEY}-old`, keyDocument(pair, { id: undefined })] }),
      [`${KEY}-old`]: keyDocument(other, { id: `${KEY}-old` }),
    });
    expect((await verifyCredential(await noCreator(), { now: NOW, documents: embedded })).verified).toBe(true);
  });

  it('fails when none of the issuer’s keys signed it', async () => {
    const documents = issuerDocuments(pair, { [KEY]: keyDocument(other) });
    const report = await verifyCredential(await noCreator(), { now: NOW, documents });
    expect(outcome(report, 'signature')?.problem?.code).toBe(ErrorCode.SIGNATURE_INVALID);
    expect(report.authentic).toBe(false);
  });

  it('is could-not-check when the issuer lists no key', async () => {
    const documents = issuerDocuments(pair, { [ISSUER]: issuerProfile({ publicKey: undefined }) });
    const report = await verifyCredential(await noCreator(), { now: NOW, documents });
    expect(outcome(report, 'signature')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: ErrorCode.KEY_UNRESOLVED },
    });
  });
});
