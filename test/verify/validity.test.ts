// Dates: the signature is checked first, so an expired or not-yet-valid credential is still
// authentic; it is not verified. Clocks disagree, so 300 s of skew is allowed unless told otherwise.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKey, issueCredential, verifyCredential, type Key } from '../../src/index.js';
import { NOW, check, clone, unsignedCredential } from '../helpers/credential.js';
import { digitalBazaarKeyPair, signWithDigitalBazaar } from '../helpers/digitalBazaar.js';

let key: Key<'ed25519'>;
beforeAll(async () => {
  key = await generateKey();
});

const minutes = (n: number) => n * 60_000;
const at = (base: string, deltaMs: number) => new Date(Date.parse(base) + deltaMs);

describe('the validity check', () => {
  it('an expired credential is authentic but not verified (ERR_EXPIRED at validUntil)', async () => {
    const credential = await issueCredential(
      unsignedCredential(key, { validFrom: '2024-01-01T00:00:00Z', validUntil: '2025-01-01T00:00:00Z' }),
      { key, now: NOW },
    );
    const report = await verifyCredential(credential, { now: NOW });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(check(report, 'validity')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_EXPIRED', path: 'validUntil' },
    });
    expect(report).toMatchObject({ authentic: true, verified: false, summary: 'invalid' });
  });

  it('a credential not yet valid is authentic but not verified (ERR_NOT_YET_VALID at validFrom)', async () => {
    const credential = await issueCredential(unsignedCredential(key, { validFrom: '2027-01-01T00:00:00Z' }), {
      key,
      now: NOW,
    });
    const report = await verifyCredential(credential, { now: NOW });
    expect(check(report, 'validity')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_NOT_YET_VALID', path: 'validFrom' },
    });
    expect(report).toMatchObject({ authentic: true, verified: false, summary: 'invalid' });
  });

  it('passes inside the validity period', async () => {
    const credential = await issueCredential(
      unsignedCredential(key, { validFrom: '2026-01-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z' }),
      { key, now: NOW },
    );
    const report = await verifyCredential(credential, { now: NOW });
    expect(check(report, 'validity').outcome).toBe('passed');
    expect(report.verified).toBe(true);
  });

  describe('clock skew', () => {
    const validFrom = '2026-03-01T00:00:00Z';
    const validUntil = '2026-04-01T00:00:00Z';
    let credential: unknown;
    beforeAll(async () => {
      // Signed before every moment checked below: a proof made after the moment it is checked at is itself refused.
      credential = await issueCredential(unsignedCredential(key, { validFrom, validUntil }), {
        key,
        now: new Date('2026-02-01T00:00:00Z'),
      });
    });
    const outcome = async (now: Date, clockSkewSeconds?: number) =>
      check(
        await verifyCredential(credential, { now, ...(clockSkewSeconds === undefined ? {} : { clockSkewSeconds }) }),
        'validity',
      ).problem?.code ?? 'passed';

    it('allows 300 s by default at either end', async () => {
      expect(await outcome(at(validUntil, minutes(4)))).toBe('passed');
      expect(await outcome(at(validFrom, -minutes(4)))).toBe('passed');
      expect(await outcome(at(validUntil, minutes(10)))).toBe('ERR_EXPIRED');
      expect(await outcome(at(validFrom, -minutes(10)))).toBe('ERR_NOT_YET_VALID');
    });

    it('honours a larger clockSkewSeconds', async () => {
      expect(await outcome(at(validUntil, minutes(10)), 900)).toBe('passed');
      expect(await outcome(at(validFrom, -minutes(10)), 900)).toBe('passed');
      expect(await outcome(at(validUntil, minutes(20)), 900)).toBe('ERR_EXPIRED');
    });

    it('honours clockSkewSeconds: 0', async () => {
      expect(await outcome(at(validUntil, minutes(4)), 0)).toBe('ERR_EXPIRED');
      expect(await outcome(at(validFrom, -minutes(4)), 0)).toBe('ERR_NOT_YET_VALID');
    });
  });

  // microcred refuses to sign these, so the plain stack signs them: authentic, yet wrong.
  it('an unreadable validFrom is ERR_DATE_INVALID at validFrom (the plain stack signed it)', async () => {
    const pair = await digitalBazaarKeyPair();
    const base = clone(unsignedCredential(key)) as unknown as Record<string, unknown>;
    const credential = await signWithDigitalBazaar(
      {
        ...base,
        id: 'urn:uuid:7d0c1c55-5b0e-4a7e-9d7c-6f1e8b1b2c01',
        issuer: { id: pair.controller, type: ['Profile'] },
        validFrom: 'garbage 2024-05-01T12:00:00Z trailing',
      },
      pair,
    );
    const report = await verifyCredential(credential, { now: NOW });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(check(report, 'validity')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_DATE_INVALID', path: 'validFrom' },
    });
    expect(report).toMatchObject({ authentic: true, verified: false, summary: 'invalid' });
  });

  it('a missing validFrom is ERR_FIELD_REQUIRED (VC 2.0 allows it, Open Badges 3.0 does not)', async () => {
    const pair = await digitalBazaarKeyPair();
    const { validFrom: _validFrom, ...base } = clone(unsignedCredential(key)) as unknown as Record<string, unknown>;
    const credential = await signWithDigitalBazaar(
      {
        ...base,
        id: 'urn:uuid:7d0c1c55-5b0e-4a7e-9d7c-6f1e8b1b2c02',
        issuer: { id: pair.controller, type: ['Profile'] },
      },
      pair,
    );
    const report = await verifyCredential(credential, { now: NOW });
    expect(report.authentic).toBe(true);
    expect(check(report, 'validity')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_FIELD_REQUIRED', path: 'validFrom' },
    });
    expect(report).toMatchObject({ verified: false, summary: 'invalid' });
  });
});
