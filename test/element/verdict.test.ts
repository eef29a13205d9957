// What the element headlines for a report, from reports of genuinely signed credentials: a displayer
// tells a valid badge from an expired, a revoked and a forged one, and says the issuer's withdrawal
// first whatever else is wrong.
import { describe, expect, it } from 'vitest';
import { issueCredential, signPresentation, verifyCredential, verifyPresentation } from '../../src/index.js';
import { credentialHeadline, presentationHeadline } from '../../src/element/verdict.js';
import { TEXT } from '../../src/element/text.js';
import { NOW, clone, unsignedCredential } from '../helpers/credential.js';
import { newRegistry, published } from '../status/helpers.js';
import { CHALLENGE, wallet } from '../verify/presentations/helpers.js';

describe('credentialHeadline', () => {
  it('valid: verified, no reason', async () => {
    const { key } = await newRegistry();
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW });
    expect(credentialHeadline(await verifyCredential(signed, { now: NOW }))).toEqual({
      verdict: 'verified',
      authentic: true,
    });
  });

  it('expired or not yet valid: said as such, with the date as signed, and genuine', async () => {
    const { key } = await newRegistry();
    const signed = await issueCredential(unsignedCredential(key, { validUntil: '2026-03-01T00:00:00Z' }), {
      key,
      now: NOW,
    });
    expect(credentialHeadline(await verifyCredential(signed, { now: NOW }))).toMatchObject({
      verdict: 'expired',
      date: '2026-03-01T00:00:00Z',
      authentic: true,
      reason: { code: 'ERR_EXPIRED' },
    });
    // Signed ahead of its validFrom (a proof dated after the moment checked would fail on its own).
    const ahead = await issueCredential(unsignedCredential(key), { key, now: new Date('2025-11-01T00:00:00Z') });
    const early = await verifyCredential(ahead, { now: new Date('2025-12-01T00:00:00Z') });
    expect(credentialHeadline(early)).toMatchObject({
      verdict: 'not-yet-valid',
      date: '2026-01-15T09:00:00Z',
      authentic: true,
    });
    expect(TEXT.verdictLine.expired('March 1, 2026')).toBe(
      'The credential is genuine, but it expired on March 1, 2026.',
    );
  });

  it('revoked and expired as well: revoked is what the headline says', async () => {
    const { key, registry } = await newRegistry({ purposes: ['revocation'] });
    await registry.createLists();
    const draft = unsignedCredential(key, { validUntil: '2026-03-01T00:00:00Z' });
    const signed = await issueCredential(draft, { key, now: NOW, status: registry });
    const { listCredential } = await registry.revoke(signed.id);
    const report = await verifyCredential(signed, { now: NOW, loader: published(listCredential) });
    expect(report.checks.find((c) => c.id === 'validity')?.outcome).toBe('failed');
    expect(credentialHeadline(report)).toMatchObject({ verdict: 'revoked', reason: { code: 'ERR_REVOKED' } });
  });

  it('tampered: invalid, not genuine, the signature problem as the reason', async () => {
    const { key } = await newRegistry();
    const signed = clone(await issueCredential(unsignedCredential(key), { key, now: NOW })) as unknown as {
      name: string;
    };
    signed.name = 'Something else';
    expect(credentialHeadline(await verifyCredential(signed, { now: NOW }))).toMatchObject({
      verdict: 'invalid',
      authentic: false,
      reason: { code: 'ERR_SIGNATURE_INVALID' },
    });
  });

  it('a status list nobody can fetch: could not check, the status problem as the reason', async () => {
    const { key, registry } = await newRegistry({ purposes: ['revocation'] });
    await registry.createLists();
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW, status: registry });
    const headline = credentialHeadline(await verifyCredential(signed, { now: NOW }));
    expect(headline).toMatchObject({ verdict: 'could-not-check', authentic: true });
    expect(headline.reason?.code).toMatch(/^ERR_/);
  });
});

describe('presentationHeadline', () => {
  it('a presentation answering no challenge of ours: verified with warnings, the challenge as the reason', async () => {
    const w = await wallet();
    const vp = await signPresentation(
      { verifiableCredential: w.badges },
      { key: w.holder, challenge: CHALLENGE, now: NOW },
    );
    expect(presentationHeadline(await verifyPresentation(vp, { now: NOW }))).toMatchObject({
      verdict: 'verified-with-warnings',
      reason: { code: 'ERR_PRESENTATION_CHALLENGE_UNCHECKED' },
    });
  });

  it('a presentation whose holder signed a forged credential: not verified, the inner problem as the reason', async () => {
    const w = await wallet();
    const forged = clone(w.badges[0]) as { name: string };
    forged.name = 'Something else';
    const vp = await signPresentation(
      { verifiableCredential: [forged, w.badges[1]] },
      { key: w.holder, challenge: CHALLENGE, now: NOW },
    );
    const report = await verifyPresentation(vp, { now: NOW, challenge: CHALLENGE });
    expect(report.verified).toBe(false);
    expect(presentationHeadline(report)).toMatchObject({
      verdict: 'invalid',
      authentic: false,
    });
  });
});
