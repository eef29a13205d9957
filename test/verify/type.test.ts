// The type check: the shape of an Open Badge — the VC context first, an OB 3.0 context, type
// VerifiableCredential plus OpenBadgeCredential (or an alias), and the properties every one has —
// one problem per finding; an older OB context is a warning. A verifiable credential of another
// kind (a plain VC, a CLR) is verified all the same: the type check only warns that it is not an Open Badge.
import { describe, expect, it } from 'vitest';
import { generateKey, issueCredential, verifyCredential } from '../../src/index.js';
import { NOW, check, clone, fixture, problemsOf, unsignedCredential } from '../helpers/credential.js';
import { digitalBazaarKeyPair, signWithDigitalBazaar } from '../helpers/digitalBazaar.js';

describe('the type check', () => {
  it('a signed plain VC is verified, with a warning that it is not an Open Badge (ERR_NOT_OPEN_BADGE at type)', async () => {
    const pair = await digitalBazaarKeyPair();
    const base = clone(unsignedCredential(await generateKey())) as unknown as Record<string, unknown>;
    const credential = await signWithDigitalBazaar(
      {
        ...base,
        id: 'urn:uuid:1f2e3d4c-0000-4000-8000-000000000001',
        type: ['VerifiableCredential'],
        issuer: { id: pair.controller, type: ['Profile'] },
      },
      pair,
    );
    const report = await verifyCredential(credential, { now: NOW });
    expect(check(report, 'type')).toMatchObject({
      outcome: 'warning',
      problem: { code: 'ERR_NOT_OPEN_BADGE', path: 'type' },
    });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(check(report, 'type').problem?.detail).toMatch(/not an Open Badge/);
    expect(report).toMatchObject({ authentic: true, verified: true, summary: 'verified-with-warnings' });
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
    expect(check(report, 'type').problem).toMatchObject({ code: 'ERR_NOT_OPEN_BADGE', path: 'type' });
    expect(check(report, 'signature').problem?.code).toBe('ERR_SIGNATURE_INVALID');
    expect(report).toMatchObject({ authentic: false, verified: false, summary: 'invalid' });
  });

  it('accepts the AchievementCredential alias', async () => {
    const key = await generateKey();
    const signed = await issueCredential(
      unsignedCredential(key, { type: ['VerifiableCredential', 'AchievementCredential'] }),
      { key, now: NOW },
    );
    const report = await verifyCredential(signed, { now: NOW });
    expect(check(report, 'type').outcome).toBe('passed');
    expect(report.verified).toBe(true);
  });

  it('a plain VC without validFrom or an Open Badges context is not held to the Open Badges rules', async () => {
    const pair = await digitalBazaarKeyPair();
    const base = clone(unsignedCredential(await generateKey())) as unknown as Record<string, unknown>;
    const { validFrom: _validFrom, ...withoutValidFrom } = base;
    const credential = await signWithDigitalBazaar(
      {
        ...withoutValidFrom,
        id: 'urn:uuid:1f2e3d4c-0000-4000-8000-000000000002',
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiableCredential'],
        issuer: pair.controller,
        credentialSubject: { id: 'did:example:teacher-42' },
      },
      pair,
    );
    const report = await verifyCredential(credential, { now: NOW });
    // Not an Open Badge: none of the Open Badges rules (its context, validFrom, achievement) applies,
    // and VC 2.0 makes validFrom optional.
    expect(problemsOf(report, 'type')).toEqual([['ERR_NOT_OPEN_BADGE', 'type']]);
    expect(check(report, 'validity').outcome).toBe('passed');
    expect(report).toMatchObject({ authentic: true, verified: true, summary: 'verified-with-warnings' });
  });

  it('an Open Badge without an achievement in its subject: ERR_FIELD_REQUIRED at credentialSubject.achievement', async () => {
    const pair = await digitalBazaarKeyPair();
    const base = clone(unsignedCredential(await generateKey())) as unknown as Record<string, unknown>;
    const credential = await signWithDigitalBazaar(
      {
        ...base,
        id: 'urn:uuid:1f2e3d4c-0000-4000-8000-000000000003',
        issuer: { id: pair.controller, type: ['Profile'] },
        credentialSubject: { type: ['AchievementSubject'], id: 'did:example:teacher-42' },
      },
      pair,
    );
    const report = await verifyCredential(credential, { now: NOW });
    expect(check(report, 'type')).toMatchObject({
      outcome: 'failed',
      problem: {
        code: 'ERR_FIELD_REQUIRED',
        path: 'credentialSubject.achievement',
        title: 'A required field is missing',
        detail: expect.stringContaining('which achievement it awards'),
      },
    });
    expect(check(report, 'type').problems).toBeUndefined();
  });

  it('an older OB context (3.0.2) is a warning naming it; the credential is still verified', async () => {
    const credential = fixture(
      'dcc/vc-test-fixtures/verifiableCredentials/v2/ed25519/didKey/legacy-noStatus-noExpiry-lcwExperience.json',
    );
    const report = await verifyCredential(credential, { now: NOW });
    expect(check(report, 'type')).toMatchObject({
      outcome: 'warning',
      problem: { code: 'ERR_CONTEXT_OUTDATED', path: '@context[1]' },
    });
    expect(check(report, 'type').problem?.detail).toContain(
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
    );
    expect(report).toMatchObject({ verified: true, summary: 'verified-with-warnings' });
  });

  it('accepts an EndorsementCredential, which has no achievement', async () => {
    const report = await verifyCredential(
      fixture(
        'dcc/vc-test-fixtures/verifiableCredentials/v2/bothSignatureTypes/didkey/legacy-noStatus-notExpired-endorsement.json',
      ),
      { now: NOW },
    );
    expect(check(report, 'type').outcome).toBe('passed');
  });
});
