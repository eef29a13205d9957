// The trust check: only present when the caller passes issuers they know. A match passes and the
// report says who; an unknown issuer is a warning, never a failure of authenticity; a listed issuer
// whose signature does not bind it is not shown under its name.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  generateKey,
  issueCredential,
  verifyCredential,
  type Key,
  type SignedCredential,
  type TrustedIssuer,
} from '../../src/index.js';
import { NOW, check, clone, unsignedCredential } from '../helpers/credential.js';
import { digitalBazaarKeyPair, signWithDigitalBazaar } from '../helpers/digitalBazaar.js';

let key: Key<'ed25519'>;
let signed: SignedCredential;
let trusted: TrustedIssuer;

beforeAll(async () => {
  key = await generateKey();
  signed = await issueCredential(unsignedCredential(key), { key, now: NOW });
  trusted = {
    id: key.controller,
    name: 'Example District PD',
    url: 'https://pd.example.org',
    logo: 'https://pd.example.org/logo.png',
  };
});

describe('the trust check', () => {
  it('is left out of the report when no trust list is given (null from an untyped caller included)', async () => {
    for (const options of [{ now: NOW }, { now: NOW, trust: null as unknown as TrustedIssuer[] }]) {
      const report = await verifyCredential(signed, options);
      expect(report.checks.map((c) => c.id)).not.toContain('trust');
      expect(report.issuerTrust).toBeUndefined();
    }
  });

  it('passes for a listed issuer, last in the report, and the report says who matched', async () => {
    const report = await verifyCredential(signed, {
      now: NOW,
      trust: [{ id: 'did:web:other.example.org', name: 'Other' }, trusted],
    });
    expect(report.checks.at(-1)).toMatchObject({ id: 'trust', outcome: 'passed' });
    expect(report.issuerTrust).toEqual(trusted);
    expect(report).toMatchObject({ verified: true, summary: 'verified' });
  });

  it('an issuer not on the list is a warning (ERR_ISSUER_UNKNOWN), and the credential stays authentic and verified', async () => {
    const report = await verifyCredential(signed, {
      now: NOW,
      trust: [{ id: 'did:web:other.example.org', name: 'Other' }],
    });
    expect(check(report, 'trust')).toMatchObject({
      outcome: 'warning',
      problem: { code: 'ERR_ISSUER_UNKNOWN', path: 'issuer.id' },
    });
    expect(check(report, 'trust').problem?.detail).toContain(key.controller);
    expect(report).toMatchObject({ authentic: true, verified: true, summary: 'verified-with-warnings' });
    expect(report.issuerTrust).toBeUndefined();
  });

  it('an empty list knows nobody', async () => {
    const report = await verifyCredential(signed, { now: NOW, trust: [] });
    expect(check(report, 'trust').problem?.code).toBe('ERR_ISSUER_UNKNOWN');
  });

  it('a listed issuer named by a credential another key signed is not treated as that issuer', async () => {
    const pair = await digitalBazaarKeyPair();
    const { proof: _proof, ...unsigned } = clone(signed) as unknown as Record<string, unknown>;
    const forged = await signWithDigitalBazaar(unsigned, pair);
    const report = await verifyCredential(forged, { now: NOW, trust: [trusted] });
    expect(check(report, 'issuer').problem?.code).toBe('ERR_ISSUER_MISMATCH');
    expect(check(report, 'trust')).toMatchObject({ outcome: 'warning', problem: { code: 'ERR_ISSUER_UNKNOWN' } });
    expect(report.issuerTrust).toBeUndefined();
    expect(report).toMatchObject({ authentic: false, verified: false });
  });

  it('is skipped when the signature does not hold', async () => {
    const forged = { ...clone(signed), name: 'Changed after signing' };
    const report = await verifyCredential(forged, { now: NOW, trust: [trusted] });
    expect(check(report, 'trust').outcome).toBe('skipped');
    expect(report.issuerTrust).toBeUndefined();
  });

  it('a trust option that is not a trust list: could not check, naming the field; verification does not throw', async () => {
    const report = await verifyCredential(signed, {
      now: NOW,
      trust: [{ id: key.controller }] as unknown as TrustedIssuer[],
    });
    expect(check(report, 'trust')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_TRUST_LIST_INVALID' },
    });
    expect(check(report, 'trust').problem?.detail).toContain('[0].name');
    expect(report).toMatchObject({ authentic: true, verified: false, summary: 'could-not-check' });
  });

  it('matches an issuer given as a plain string', async () => {
    const pair = await digitalBazaarKeyPair();
    const { proof: _proof, ...unsigned } = clone(signed) as unknown as Record<string, unknown>;
    const credential = await signWithDigitalBazaar({ ...unsigned, issuer: pair.controller }, pair);
    const report = await verifyCredential(credential, {
      now: NOW,
      trust: [{ id: pair.controller, name: 'A plain issuer' }],
    });
    expect(check(report, 'trust').outcome).toBe('passed');
    expect(report.issuerTrust).toEqual({ id: pair.controller, name: 'A plain issuer' });
  });
});
