// Contexts and terms: microcred reads only bundled contexts or those the caller supplies, and every
// term must be defined — VC 2.0 would otherwise map it into @vocab, outside what the issuer meant.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKey, issueCredential, verifyCredential, type SignedCredential } from '../../src/index.js';
import { NOW, check, clone } from '../helpers/credential.js';
import { unsignedCredential } from '../helpers/credential.js';
import { digitalBazaarKeyPair, signWithDigitalBazaar } from '../helpers/digitalBazaar.js';

let signed: SignedCredential;
beforeAll(async () => {
  const key = await generateKey();
  signed = await issueCredential(unsignedCredential(key), { key, now: NOW });
});

function expectStoppedAtJsonLd(report: Awaited<ReturnType<typeof verifyCredential>>): void {
  for (const id of ['proof', 'signature', 'issuer', 'validity'] as const) {
    expect(check(report, id)).toMatchObject({ outcome: 'skipped', problem: { code: 'ERR_CHECK_SKIPPED' } });
  }
  expect(report.authentic).toBe(false);
  expect(report.verified).toBe(false);
}

describe('the jsonld check', () => {
  it('names an undefined top-level term and its path (ERR_TERM_UNDEFINED)', async () => {
    const doc = { ...clone(signed), favouriteColour: 'blue' };
    const report = await verifyCredential(doc, { now: NOW });
    const result = check(report, 'jsonld');
    expect(result).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_TERM_UNDEFINED', path: 'favouriteColour' },
    });
    expect(result.problem?.detail).toContain('"favouriteColour"');
    expect(report.summary).toBe('invalid');
    expectStoppedAtJsonLd(report);
  });

  it('names an undefined nested term with its full path', async () => {
    const doc = clone(signed);
    doc.credentialSubject.achievement.secretLevel = 'gold';
    const report = await verifyCredential(doc, { now: NOW });
    expect(check(report, 'jsonld').problem).toMatchObject({
      code: 'ERR_TERM_UNDEFINED',
      path: 'credentialSubject.achievement.secretLevel',
    });
    expect(check(report, 'jsonld').problem?.detail).toContain('secretLevel');
  });

  it('names undefined terms even when the issuer signed them under the undefined-terms context', async () => {
    const pair = await digitalBazaarKeyPair();
    const base = clone(unsignedCredential(await generateKey())) as unknown as Record<string, unknown>;
    const credential = await signWithDigitalBazaar(
      {
        ...base,
        '@context': [...(base['@context'] as string[]), 'https://www.w3.org/ns/credentials/undefined-terms/v2'],
        id: 'urn:uuid:3c1d9a4e-8f0b-4d6a-9e2c-5b7a1f0e3d01',
        issuer: { id: pair.controller, type: ['Profile'] },
        favouriteColour: 'blue',
      },
      pair,
    );
    const report = await verifyCredential(credential, { now: NOW });
    expect(check(report, 'jsonld').problem).toMatchObject({ code: 'ERR_TERM_UNDEFINED', path: 'favouriteColour' });
    expect(report.verified).toBe(false);
  });

  it('an unknown context could not be checked (ERR_CONTEXT_UNKNOWN), names the URL and is never fetched', async () => {
    const url = 'https://contexts.example.org/unknown-v1.jsonld';
    const doc = { ...clone(signed), '@context': [...signed['@context'], url] };
    const report = await verifyCredential(doc, { now: NOW });
    const result = check(report, 'jsonld');
    expect(result).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_CONTEXT_UNKNOWN', path: '@context[2]' },
    });
    expect(result.problem?.detail).toContain(url);
    expect(report.summary).toBe('could-not-check');
    expectStoppedAtJsonLd(report);
  });

  it('the VC context must come first (ERR_CONTEXT_ORDER at @context[0])', async () => {
    const doc = { ...clone(signed), '@context': [...signed['@context']].reverse() };
    const report = await verifyCredential(doc, { now: NOW });
    expect(check(report, 'jsonld')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_CONTEXT_ORDER', path: '@context[0]' },
    });
    expect(report.summary).toBe('invalid');
    expectStoppedAtJsonLd(report);
  });

  it.each([
    ['absent', undefined],
    ['empty', []],
  ])('a credential whose @context is %s fails with ERR_CONTEXT_MISSING', async (_name, context) => {
    const doc = clone(signed) as unknown as Record<string, unknown>;
    if (context === undefined) delete doc['@context'];
    else doc['@context'] = context;
    const report = await verifyCredential(doc, { now: NOW });
    expect(check(report, 'jsonld')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_CONTEXT_MISSING', path: '@context' },
    });
    expect(report).toMatchObject({ authentic: false, verified: false, summary: 'invalid' });
  });
});
