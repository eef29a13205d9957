// Real credentials made by other issuers, for what the fixture walk (fixturesWalk.test.ts, which
// gives every fixture its verdict) does not show: a context or key the caller must supply, and the
// 1EdTech Open Badges 3.0 Linked Data Proof test vector reproduced by microcred's own signing.
import { describe, expect, it } from 'vitest';
import {
  DocumentLoader,
  importKey,
  issueCredential,
  verifyCredential,
  type UnsignedCredential,
} from '../../src/index.js';
import { NOW, check, fixture, specVectorKeyDocument } from '../helpers/credential.js';

describe('a context microcred does not bundle', () => {
  it('could not be checked until the caller supplies it; then the credential is authentic, though a plain VC', async () => {
    const credential = fixture(
      'dcc/vc-test-fixtures/verifiableCredentials/v1/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-oldDCCExample.json',
    );
    const without = await verifyCredential(credential, { now: NOW });
    expect(check(without, 'jsonld').problem).toMatchObject({ code: 'ERR_CONTEXT_UNKNOWN', path: '@context[2]' });
    expect(without.summary).toBe('could-not-check');
    const loader = new DocumentLoader({
      documents: { 'https://w3id.org/dcc/v1': fixture('contexts/w3id.org_dcc_v1.jsonld') },
    });
    const withContext = await verifyCredential(credential, { loader, now: NOW });
    expect(withContext.authentic).toBe(true);
    // It is a plain VerifiableCredential without an Open Badges context: verified, with a warning
    // that it is not an Open Badge.
    expect(check(withContext, 'type')).toMatchObject({ outcome: 'warning', problem: { code: 'ERR_NOT_OPEN_BADGE' } });
    expect(withContext.verified).toBe(true);
  });
});

describe('1EdTech OB 3.0 Linked Data Proof test vector (eddsa-rdfc-2022)', () => {
  const vector = fixture('spec/test-vectors/obv3p0/signed-credential.json');
  const keys = fixture('spec/test-vectors/obv3p0/keypair-and-intermediates.json') as Record<string, string>;
  // The issuer publishes its key at an https URL; microcred never fetches, so the caller supplies it.
  const { controller, document: controllerDocument } = specVectorKeyDocument();

  it("verifies when the issuer's key document is held by the loader", async () => {
    const loader = new DocumentLoader({ documents: { [controller]: controllerDocument } });
    const report = await verifyCredential(vector, { loader, now: NOW });
    expect(report).toMatchObject({ authentic: true, verified: true, summary: 'verified' });
  });

  it('could not be checked when the key document is not held and no fetch is given: ERR_NETWORK_DISABLED', async () => {
    const report = await verifyCredential(vector, { now: NOW });
    expect(check(report, 'signature')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_NETWORK_DISABLED', path: 'proof.verificationMethod' },
    });
    expect(check(report, 'signature').problem?.detail).toContain(controller);
    expect(report).toMatchObject({ authentic: false, verified: false, summary: 'could-not-check' });
  });

  it('microcred signing the unsigned vector with the published key reproduces the published proofValue', async () => {
    const key = await importKey(
      { publicKeyMultibase: keys.publicKeyMultibase, secretKeyMultibase: keys.secretKeyMultibase },
      { controller },
    );
    const unsigned = fixture('spec/test-vectors/obv3p0/unsigned-credential.json') as unknown as UnsignedCredential;
    const signed = await issueCredential(unsigned, { key, now: new Date(keys.proofCreated as string) });
    expect(signed.proof.verificationMethod).toBe(keys.verificationMethod);
    expect(signed.proof.proofValue).toBe(keys.proofValue);
  });
});
