// Real credentials made by other issuers: the DCC test fixtures (eddsa-rdfc-2022 and Ed25519Signature2020 over did:key) and
// the 1EdTech Open Badges 3.0 Linked Data Proof test vector. Verdicts are those the fixtures'
// README records; the clock is pinned because some fixtures expire.
import { describe, expect, it } from 'vitest';
import { DocumentLoader, importKey, issueCredential, verifyCredential, type UnsignedCredential } from '../../src/index.js';
import { NOW, check, fixture, specVectorKeyDocument } from '../helpers/credential.js';

const DCC = 'dcc/vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey';

describe('DCC vc-test-fixtures, VC 2.0, DataIntegrityProof, did:key', () => {
  // Each is "valid" in the fixtures' README (none has a status entry; test/status covers those).
  it.each([
    'legacyRegistry-noStatus-noExpiry-OBSpecExample.json',
    'legacyRegistry-noStatus-noExpiry-achievementTypeExample.json',
    'legacyRegistry-noStatus-noExpiry-alignments.json',
    'legacyRegistry-noStatus-noExpiry-basicOBv3.json',
    'legacyRegistry-noStatus-noExpiry-credName.json',
    'legacyRegistry-noStatus-noExpiry-credSubjName.json',
    'legacyRegistry-noStatus-noExpiry-identityHash.json',
    'legacyRegistry-noStatus-notExpired-withSchema.json',
    'oidf-noStatus-notExpired-complexIssuer.json',
  ])('%s is authentic and verified', async (file) => {
    const report = await verifyCredential(fixture(`${DCC}/${file}`), { now: NOW });
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report).toMatchObject({ authentic: true, verified: true, summary: 'verified' });
  });

  it('the "minimal" valid fixture is authentic, but it is a plain VC, not an Open Badge, and has no validFrom', async () => {
    const report = await verifyCredential(fixture(`${DCC}/legacyRegistry-noStatus-noExpiry-minimal.json`), { now: NOW });
    expect(report.authentic).toBe(true);
    expect(check(report, 'type').problem).toMatchObject({ code: 'ERR_TYPE_INVALID', path: 'type' });
    expect(check(report, 'validity').problem).toMatchObject({ code: 'ERR_FIELD_REQUIRED', path: 'validFrom' });
    expect(report).toMatchObject({ verified: false, summary: 'invalid' });
  });

  it('an expired fixture (validUntil 2010-01-02) is authentic but not verified: ERR_EXPIRED at validUntil', async () => {
    const report = await verifyCredential(fixture(`${DCC}/twoOIDF-validStatus-expired.json`), { now: NOW });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(check(report, 'validity')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_EXPIRED', path: 'validUntil' } });
    expect(report).toMatchObject({ authentic: true, verified: false, summary: 'invalid' });
  });

  it('a revoked and expired fixture reports the expiry (its status list is not supplied here: test/status)', async () => {
    const report = await verifyCredential(fixture(`${DCC}/noRegistry-revokedStatus-noExpiry.json`), { now: NOW });
    expect(check(report, 'validity').problem).toMatchObject({ code: 'ERR_EXPIRED', path: 'validUntil' });
    expect(report).toMatchObject({ authentic: true, verified: false });
  });

  it('a not-yet-valid fixture (validFrom 2099) is authentic but not verified: ERR_NOT_YET_VALID at validFrom', async () => {
    const report = await verifyCredential(fixture(`${DCC}/oidf-noStatus-notExpired-notYetValid.json`), { now: NOW });
    expect(check(report, 'validity').problem).toMatchObject({ code: 'ERR_NOT_YET_VALID', path: 'validFrom' });
    expect(report).toMatchObject({ authentic: true, verified: false, summary: 'invalid' });
  });
});

describe('DCC vc-test-fixtures, VC 1.1 (issuanceDate / expirationDate), did:key', () => {
  it.each([
    'v1/dataIntegrityProof/didKey/fourRegistry-noStatus-noExpiry.json',
    'v1/dataIntegrityProof/didKey/legacy-noStatus-noExpiry.json',
    'v1/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-OBSpecExample.json',
    'v1/dataIntegrityProof/didKey/noRegistry-noStatus-noExpiry.json',
    'v1/dataIntegrityProof/didKey/oidf-noStatus-noExpiry.json',
    // Two proofs, eddsa-rdfc-2022 and Ed25519Signature2020.
    'v1/bothSignatureTypes/didKey/legacy-noStatus-noExpiry-basicOBv3.json',
    'v1/bothSignatureTypes/didKey/oidf-noStatus-noExpiry.json',
  ])('%s is authentic and verified', async (file) => {
    const report = await verifyCredential(fixture(`dcc/vc-test-fixtures/verifiableCredentials/${file}`), { now: NOW });
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report).toMatchObject({ authentic: true, verified: true, summary: 'verified' });
  });

  it('an expired VC 1.1 fixture reports ERR_EXPIRED at expirationDate', async () => {
    const report = await verifyCredential(fixture('dcc/vc-test-fixtures/verifiableCredentials/v1/dataIntegrityProof/didKey/oidf-noStatus-expired.json'), { now: NOW });
    expect(check(report, 'validity').problem).toMatchObject({ code: 'ERR_EXPIRED', path: 'expirationDate' });
    expect(report).toMatchObject({ authentic: true, verified: false });
  });

  it('a fixture using a context microcred does not bundle could not be checked, until the caller supplies that context', async () => {
    const credential = fixture('dcc/vc-test-fixtures/verifiableCredentials/v1/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-oldDCCExample.json');
    const without = await verifyCredential(credential, { now: NOW });
    expect(check(without, 'jsonld').problem).toMatchObject({ code: 'ERR_CONTEXT_UNKNOWN', path: '@context[2]' });
    expect(without.summary).toBe('could-not-check');
    const loader = new DocumentLoader({ documents: { 'https://w3id.org/dcc/v1': fixture('contexts/w3id.org_dcc_v1.jsonld') } });
    const withContext = await verifyCredential(credential, { loader, now: NOW });
    expect(withContext.authentic).toBe(true);
    // It is a plain VerifiableCredential, not an Open Badge.
    expect(check(withContext, 'type').problem?.code).toBe('ERR_TYPE_INVALID');
  });
});

describe('DCC vc-test-fixtures, VC 2.0, Ed25519Signature2020, did:key', () => {
  const dir = 'dcc/vc-test-fixtures/verifiableCredentials/v2/ed25519/didKey';
  it.each([
    'legacy-noStatus-noExpiry.json',
    'legacy-noStatus-noExpiry-stringIssuerId.json',
    // Signed under OB context 3.0.2, which expands differently from 3.0.3.
    'legacy-noStatus-noExpiry-lcwExperience.json',
  ])('%s is authentic and verified', async (file) => {
    const report = await verifyCredential(fixture(`${dir}/${file}`), { now: NOW });
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report).toMatchObject({ authentic: true, verified: true, summary: 'verified' });
  });

  it('the tampered fixture fails with ERR_SIGNATURE_INVALID', async () => {
    const report = await verifyCredential(fixture(`${dir}/legacy-noStatus-noExpiry-tampered.json`), { now: NOW });
    expect(check(report, 'signature').problem).toMatchObject({ code: 'ERR_SIGNATURE_INVALID', path: 'proof' });
    expect(report).toMatchObject({ authentic: false, verified: false, summary: 'invalid' });
  });

  it('the expired fixture is authentic but expired', async () => {
    const report = await verifyCredential(fixture(`${dir}/legacy-noStatus-expired.json`), { now: NOW });
    expect(check(report, 'validity').problem).toMatchObject({ code: 'ERR_EXPIRED', path: 'validUntil' });
    expect(report).toMatchObject({ authentic: true, verified: false });
  });
});

describe('1EdTech OB 3.0 Linked Data Proof test vector (eddsa-rdfc-2022)', () => {
  const vector = fixture('spec/test-vectors/obv3p0/signed-credential.json');
  const keys = fixture('spec/test-vectors/obv3p0/keypair-and-intermediates.json') as Record<string, string>;
  // The issuer publishes its key at an https URL; microcred never fetches, so the caller supplies it.
  const { controller, document: controllerDocument } = specVectorKeyDocument();

  it('verifies when the issuer\'s key document is held by the loader', async () => {
    const loader = new DocumentLoader({ documents: { [controller]: controllerDocument } });
    const report = await verifyCredential(vector, { loader, now: NOW });
    expect(report).toMatchObject({ authentic: true, verified: true, summary: 'verified' });
  });

  it('could not be checked when the key document is not held and no fetch is given: ERR_NETWORK_DISABLED', async () => {
    const report = await verifyCredential(vector, { now: NOW });
    expect(check(report, 'signature')).toMatchObject({ outcome: 'could-not-check', problem: { code: 'ERR_NETWORK_DISABLED', path: 'proof.verificationMethod' } });
    expect(check(report, 'signature').problem?.detail).toContain(controller);
    expect(report).toMatchObject({ authentic: false, verified: false, summary: 'could-not-check' });
  });

  it('microcred signing the unsigned vector with the published key reproduces the published proofValue', async () => {
    const key = await importKey({ publicKeyMultibase: keys.publicKeyMultibase, secretKeyMultibase: keys.secretKeyMultibase }, { controller });
    const unsigned = fixture('spec/test-vectors/obv3p0/unsigned-credential.json') as unknown as UnsignedCredential;
    const signed = await issueCredential(unsigned, { key, now: new Date(keys.proofCreated as string) });
    expect(signed.proof.verificationMethod).toBe(keys.verificationMethod);
    expect(signed.proof.proofValue).toBe(keys.proofValue);
  });
});
