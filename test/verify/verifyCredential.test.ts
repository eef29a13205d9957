// The report as a whole: plain JSON, checks in pipeline order, and a summary of what the credential
// claims that a verifier page can show next to the verdict.
import { describe, expect, it } from 'vitest';
import { DocumentLoader, generateKey, issueCredential, verifyCredential } from '../../src/index.js';
import { NOW, unsignedCredential } from '../helpers/credential.js';

describe('verifyCredential', () => {
  it('reports every check in order, the moment it checked at, and what the credential claims', async () => {
    const key = await generateKey();
    const signed = await issueCredential(unsignedCredential(key, { validUntil: '2027-01-15T09:00:00Z' }), {
      key,
      now: NOW,
    });
    const report = await verifyCredential(signed, { now: NOW });
    expect(report.checks.map((c) => [c.id, c.outcome])).toEqual([
      ['parse', 'passed'],
      ['jsonld', 'passed'],
      ['view', 'passed'],
      ['type', 'passed'],
      ['proof', 'passed'],
      ['signature', 'passed'],
      ['issuer', 'passed'],
      ['schema', 'passed'],
      ['validity', 'passed'],
      ['status', 'passed'],
    ]);
    expect(report.checks.every((c) => c.title.length > 0 && c.problem === undefined)).toBe(true);
    expect(report.checkedAt).toBe('2026-06-01T12:00:00.000Z');
    expect(report.credential).toEqual({
      id: signed.id,
      name: 'Formative Assessment Practice',
      issuer: { id: key.controller, name: 'Example District PD' },
      achievement: { id: 'https://pd.example.org/achievements/formative-assessment', name: 'Formative Assessment' },
      recipient: 'did:example:teacher-42',
      validFrom: '2026-01-15T09:00:00Z',
      validUntil: '2027-01-15T09:00:00Z',
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', verificationMethod: key.id },
    });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('names a hashed recipient by its kind, never by its hash', async () => {
    const key = await generateKey();
    const input = unsignedCredential(key);
    delete input.credentialSubject.id;
    input.credentialSubject.identifier = [
      { type: 'IdentityObject', identityType: 'emailAddress', hashed: true, identityHash: 'sha256$00ff', salt: 's' },
    ];
    const report = await verifyCredential(await issueCredential(input, { key, now: NOW }), { now: NOW });
    expect(report.credential?.recipient).toBe('hashed emailAddress');
  });

  it('gives the same answer with a shared loader across many credentials', async () => {
    const loader = new DocumentLoader();
    const keys = await Promise.all([generateKey(), generateKey(), generateKey()]);
    for (const key of keys) {
      const signed = await issueCredential(unsignedCredential(key), { key, loader, now: NOW });
      expect((await verifyCredential(signed, { loader, now: NOW })).verified).toBe(true);
    }
  });

  it('never throws, even for options an untyped caller passes as null or junk', async () => {
    const key = await generateKey();
    const signed = await issueCredential(unsignedCredential(key, { validFrom: '2020-01-01T00:00:00Z' }), { key });
    for (const options of [null, { now: 'tomorrow', clockSkewSeconds: 'a lot' }]) {
      const report = await verifyCredential(signed, options as never);
      expect(report.verified).toBe(true);
    }
  });

  it('uses the current time when no clock is given', async () => {
    const key = await generateKey();
    const signed = await issueCredential(unsignedCredential(key, { validFrom: '2020-01-01T00:00:00Z' }), { key });
    const before = Date.now();
    const report = await verifyCredential(signed);
    expect(Date.parse(report.checkedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(report.verified).toBe(true);
  });
});
