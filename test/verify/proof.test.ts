// The proof check: a credential without a proof is invalid; one with only proofs of suites microcred
// does not implement could not be checked (it may well be genuine).
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKey, issueCredential, verifyCredential, type SignedCredential } from '../../src/index.js';
import { NOW, check, clone, unsignedCredential } from '../helpers/credential.js';

let signed: SignedCredential;
beforeAll(async () => {
  const key = await generateKey();
  signed = await issueCredential(unsignedCredential(key), { key, now: NOW });
});

describe('the proof check', () => {
  it('no proof: ERR_PROOF_MISSING at proof, and the signature, issuer and dates are skipped', async () => {
    const { proof: _proof, ...unsigned } = clone(signed);
    const report = await verifyCredential(unsigned, { now: NOW });
    expect(check(report, 'proof')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_PROOF_MISSING', path: 'proof' },
    });
    for (const id of ['signature', 'issuer', 'validity'] as const)
      expect(check(report, id).problem?.code).toBe('ERR_CHECK_SKIPPED');
    expect(report).toMatchObject({ authentic: false, verified: false, summary: 'invalid' });
  });

  it('an empty proof list is no proof', async () => {
    const report = await verifyCredential({ ...clone(signed), proof: [] }, { now: NOW });
    expect(check(report, 'proof').problem?.code).toBe('ERR_PROOF_MISSING');
  });

  it.each([
    ['an unsupported cryptosuite', { cryptosuite: 'ecdsa-rdfc-1900' }],
    ['a cryptosuite microcred does not implement', { cryptosuite: 'ecdsa-xi-2023' }],
    ['a DataIntegrityProof without cryptosuite', { cryptosuite: undefined }],
  ])('%s could not be checked (ERR_PROOF_UNSUPPORTED, could-not-check)', async (_name, change) => {
    const doc = clone(signed);
    doc.proof = { ...doc.proof, ...change };
    const report = await verifyCredential(doc, { now: NOW });
    expect(check(report, 'proof')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_PROOF_UNSUPPORTED', path: 'proof' },
    });
    expect(check(report, 'proof').problem?.detail).toContain('DataIntegrityProof');
    expect(check(report, 'signature').outcome).toBe('skipped');
    expect(report).toMatchObject({ authentic: false, verified: false, summary: 'could-not-check' });
  });

  it('a supported proof next to an unsupported one is verified', async () => {
    const doc = {
      ...clone(signed),
      proof: [clone(signed.proof), { ...clone(signed.proof), cryptosuite: 'ecdsa-xi-2023' }],
    };
    const report = await verifyCredential(doc, { now: NOW });
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report).toMatchObject({ authentic: true, verified: true });
  });

  it('a proof whose type no context defines is named by its path (ERR_TERM_UNDEFINED)', async () => {
    const doc = { ...clone(signed), proof: ['junk', null, { type: 'Unknown' }, clone(signed.proof)] };
    const report = await verifyCredential(doc, { now: NOW });
    expect(check(report, 'jsonld').problem).toMatchObject({ code: 'ERR_TERM_UNDEFINED', path: 'proof[2].type' });
    expect(check(report, 'jsonld').problem?.detail).toContain('"Unknown"');
    expect(report.authentic).toBe(false);
  });
});
