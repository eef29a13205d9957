// microcred and the plain Digital Bazaar stack must accept each other's credentials: a badge
// microcred issues is read by DCC wallets and other verifiers built on that stack, and badges made
// there must verify here.
import { describe, expect, it } from 'vitest';
import * as vc from '@digitalbazaar/vc';
import { generateKey, issueCredential, verifyCredential } from '../../src/index.js';
import { NOW, check, clone, unsignedCredential } from '../helpers/credential.js';
import { digitalBazaarKeyPair, digitalBazaarLoader, digitalBazaarSuite } from '../helpers/digitalBazaar.js';

describe('a credential microcred signs', () => {
  it('verifies in microcred and in @digitalbazaar/vc verifyCredential', async () => {
    const key = await generateKey();
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW });

    const ours = await verifyCredential(signed, { now: NOW });
    expect(ours).toMatchObject({ authentic: true, verified: true, summary: 'verified' });

    const theirs = await vc.verifyCredential({
      credential: clone(signed),
      suite: digitalBazaarSuite(),
      documentLoader: digitalBazaarLoader(),
      now: NOW,
    });
    expect(theirs.error).toBeUndefined();
    expect(theirs.verified).toBe(true);
  });

  it('fails in @digitalbazaar/vc too once a signed value changes (the plain verifier is really checking)', async () => {
    const key = await generateKey();
    const signed = clone(await issueCredential(unsignedCredential(key), { key, now: NOW }));
    signed.name = 'Something else';
    const theirs = await vc.verifyCredential({
      credential: signed,
      suite: digitalBazaarSuite(),
      documentLoader: digitalBazaarLoader(),
      now: NOW,
    });
    expect(theirs.verified).toBe(false);
  });
});

describe('a credential the plain Digital Bazaar stack signs', () => {
  async function signedByDigitalBazaar() {
    const pair = await digitalBazaarKeyPair();
    const credential = {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: 'urn:uuid:5e1f0bd2-6a4b-4d8e-9a63-1b7e9c0f0a11',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: 'Teamwork Badge',
      issuer: { id: pair.controller, type: ['Profile'], name: 'Plain Stack Issuer' },
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: {
        id: 'did:example:learner',
        type: ['AchievementSubject'],
        achievement: {
          id: 'https://example.com/achievements/teamwork',
          type: ['Achievement'],
          name: 'Teamwork',
          description: 'Collaborates within a group.',
          criteria: { narrative: 'Nominated by peers.' },
        },
      },
    };
    const suite = digitalBazaarSuite(pair.signer());
    return (await vc.issue({ credential, suite, documentLoader: digitalBazaarLoader() })) as Record<string, unknown>;
  }

  it('is authentic and verified in microcred', async () => {
    const signed = await signedByDigitalBazaar();
    expect(signed.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' });
    const report = await verifyCredential(signed, { now: NOW });
    expect(report.checks.map((c) => c.outcome)).toEqual(Array(report.checks.length).fill('passed'));
    expect(report).toMatchObject({ authentic: true, verified: true, summary: 'verified' });
  });

  it('is refused by microcred once tampered with', async () => {
    const signed = await signedByDigitalBazaar();
    (signed.issuer as Record<string, unknown>).name = 'Impostor';
    const report = await verifyCredential(signed, { now: NOW });
    expect(check(report, 'signature').problem?.code).toBe('ERR_SIGNATURE_INVALID');
    expect(report).toMatchObject({ authentic: false, verified: false, summary: 'invalid' });
  });
});
