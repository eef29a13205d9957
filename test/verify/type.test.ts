// The type check: an Open Badge is a VerifiableCredential and an OpenBadgeCredential (or its alias).
import { describe, expect, it } from 'vitest';
import { generateKey, issueCredential, verifyCredential } from '../../src/index.js';
import { NOW, check, clone, unsignedCredential } from '../helpers/credential.js';
import { digitalBazaarKeyPair, signWithDigitalBazaar } from '../helpers/digitalBazaar.js';

describe('the type check', () => {
  it('a signed plain VC is authentic but not an Open Badge (ERR_TYPE_INVALID at type)', async () => {
    const pair = await digitalBazaarKeyPair();
    const base = clone(unsignedCredential(await generateKey())) as unknown as Record<string, unknown>;
    const credential = await signWithDigitalBazaar({ ...base, id: 'urn:uuid:1f2e3d4c-0000-4000-8000-000000000001', type: ['VerifiableCredential'], issuer: { id: pair.controller, type: ['Profile'] } }, pair);
    const report = await verifyCredential(credential, { now: NOW });
    expect(check(report, 'type')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_TYPE_INVALID', path: 'type' } });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(report).toMatchObject({ authentic: true, verified: false, summary: 'invalid' });
  });

  it('without VerifiableCredential the VC terms are out of scope: refused before the signature', async () => {
    const key = await generateKey();
    const signed = clone(await issueCredential(unsignedCredential(key), { key, now: NOW }));
    const report = await verifyCredential({ ...signed, type: ['OpenBadgeCredential'] }, { now: NOW });
    expect(check(report, 'jsonld').problem).toMatchObject({ code: 'ERR_TERM_UNDEFINED', path: 'credentialSubject' });
    expect(report).toMatchObject({ authentic: false, verified: false, summary: 'invalid' });
  });

  it('a type changed after signing is reported by the type check and the signature check', async () => {
    const key = await generateKey();
    const signed = clone(await issueCredential(unsignedCredential(key), { key, now: NOW }));
    const report = await verifyCredential({ ...signed, type: ['VerifiableCredential'] }, { now: NOW });
    expect(check(report, 'type').problem).toMatchObject({ code: 'ERR_TYPE_INVALID', path: 'type' });
    expect(check(report, 'signature').problem?.code).toBe('ERR_SIGNATURE_INVALID');
    expect(report).toMatchObject({ authentic: false, verified: false, summary: 'invalid' });
  });

  it('accepts the AchievementCredential alias', async () => {
    const key = await generateKey();
    const signed = await issueCredential(unsignedCredential(key, { type: ['VerifiableCredential', 'AchievementCredential'] }), { key, now: NOW });
    const report = await verifyCredential(signed, { now: NOW });
    expect(check(report, 'type').outcome).toBe('passed');
    expect(report.verified).toBe(true);
  });
});
