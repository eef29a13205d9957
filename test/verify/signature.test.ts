// The signature check: any change to a signed value, a proof from elsewhere, or a key other than the
// one named makes the credential invalid, and the checks after it are not run.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  generateKey,
  issueCredential,
  verifyCredential,
  type Key,
  type SignedCredential,
  type VerificationReport,
} from '../../src/index.js';
import { NOW, check, clone, unsignedCredential } from '../helpers/credential.js';
import { digitalBazaarKeyPair, signWithDigitalBazaar } from '../helpers/digitalBazaar.js';

let key: Key<'ed25519'>;
let signed: SignedCredential;

beforeAll(async () => {
  key = await generateKey();
  signed = await issueCredential(unsignedCredential(key), { key, now: NOW });
});

function expectForgery(report: VerificationReport): void {
  expect(check(report, 'signature')).toMatchObject({
    outcome: 'failed',
    problem: { code: 'ERR_SIGNATURE_INVALID', path: 'proof' },
  });
  for (const id of ['issuer', 'validity'] as const) {
    expect(check(report, id)).toMatchObject({ outcome: 'skipped', problem: { code: 'ERR_CHECK_SKIPPED' } });
  }
  expect(report).toMatchObject({ authentic: false, verified: false, summary: 'invalid' });
}

describe('the signature check', () => {
  it('passes for an untouched credential, given as an object or as JSON text', async () => {
    for (const input of [signed, JSON.stringify(signed)]) {
      const report = await verifyCredential(input, { now: NOW });
      expect(check(report, 'signature').outcome).toBe('passed');
      expect(report).toMatchObject({ authentic: true, verified: true, summary: 'verified' });
    }
  });

  it.each<[string, (c: SignedCredential) => void]>([
    [
      'the credential name',
      (c) => {
        c.name = 'Advanced Formative Assessment';
      },
    ],
    [
      'the issuer name',
      (c) => {
        c.issuer.name = 'Another District';
      },
    ],
    [
      'the subject id',
      (c) => {
        c.credentialSubject.id = 'did:example:someone-else';
      },
    ],
    [
      'the achievement name',
      (c) => {
        c.credentialSubject.achievement.name = 'Summative Assessment';
      },
    ],
    [
      'validFrom',
      (c) => {
        c.validFrom = '2025-01-15T09:00:00Z';
      },
    ],
    [
      'an added field',
      (c) => {
        c.description = 'Added after signing.';
      },
    ],
    [
      'a removed field',
      (c) => {
        delete c.credentialSubject.achievement.achievementType;
      },
    ],
  ])('fails with ERR_SIGNATURE_INVALID when %s is changed after signing', async (_name, tamper) => {
    const forged = clone(signed);
    tamper(forged);
    expectForgery(await verifyCredential(forged, { now: NOW }));
  });

  it('fails when the proof is taken from another credential of the same issuer', async () => {
    const other = await issueCredential(unsignedCredential(key, { name: 'Another Badge' }), { key, now: NOW });
    const forged = { ...clone(signed), proof: clone(other.proof) };
    expectForgery(await verifyCredential(forged, { now: NOW }));
  });

  it("fails when another key made the proof but names the issuer's verification method", async () => {
    const impostor = await digitalBazaarKeyPair();
    impostor.id = key.id;
    impostor.controller = key.controller;
    const { proof: _proof, ...unsigned } = clone(signed) as unknown as Record<string, unknown>;
    const forged = await signWithDigitalBazaar(unsigned, impostor);
    expect((forged.proof as Record<string, unknown>).verificationMethod).toBe(key.id);
    expectForgery(await verifyCredential(forged, { now: NOW }));
  });

  it('fails when the proofValue is corrupted', async () => {
    const forged = clone(signed);
    const value = forged.proof.proofValue;
    forged.proof.proofValue = value.slice(0, -4) + (value.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expectForgery(await verifyCredential(forged, { now: NOW }));
  });

  it('fails when the proof options (created) are changed', async () => {
    const forged = clone(signed);
    forged.proof.created = '2020-01-01T00:00:00Z';
    expectForgery(await verifyCredential(forged, { now: NOW }));
  });
});
