// A teacher shares badges with a verifier site as a presentation signed with a Data Integrity proof.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKey, signPresentation, verifyPresentation, verifyCredential } from '../../../src/index.js';
import { NOW, clone } from '../../helpers/credential.js';
import { CHALLENGE, DOMAIN, wallet, type Wallet } from './helpers.js';

let w: Wallet;
let vp: Record<string, unknown>;
const options = { challenge: CHALLENGE, domain: DOMAIN, now: NOW };
const outcomeOf = (report: Awaited<ReturnType<typeof verifyPresentation>>, id: string) =>
  report.checks.find((c) => c.id === id);

beforeAll(async () => {
  w = await wallet();
  vp = await signPresentation(
    { verifiableCredential: w.badges },
    { key: w.holder, challenge: CHALLENGE, domain: DOMAIN, now: NOW },
  );
});

describe('verifyPresentation (Data Integrity)', () => {
  it('a presentation of two badges by their subject verifies, each badge with its own full report', async () => {
    const report = await verifyPresentation(vp, options);
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report.verified).toBe(true);
    expect(report.format).toBe('json-ld');
    expect(report.holder).toBe(w.holder.controller);
    expect(report.credentials).toHaveLength(2);
    expect(report.credentials.map((c) => c.verified)).toEqual([true, true]);
    expect(report.credentials.map((c) => c.credential?.name)).toEqual([
      'Formative Assessment',
      'Argumentation in Science',
    ]);
    expect(report.checks.map((c) => c.id)).toEqual([
      'parse',
      'jsonld',
      'proof',
      'signature',
      'holder',
      'challenge',
      'domain',
      'credentials',
      'subject',
    ]);
  });

  it('a replayed presentation (made for another challenge) fails with its own code', async () => {
    const report = await verifyPresentation(vp, { ...options, challenge: 'a-fresh-challenge' });
    expect(report.verified).toBe(false);
    expect(outcomeOf(report, 'challenge')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_PRESENTATION_CHALLENGE', path: 'proof.challenge' },
    });
    // The holder's signature itself holds: the presentation is genuine, but not for this request.
    expect(outcomeOf(report, 'signature')?.outcome).toBe('passed');
  });

  it('changing the challenge in the proof breaks the signature (it is signed)', async () => {
    const replay = clone(vp);
    (replay.proof as Record<string, unknown>).challenge = 'a-fresh-challenge';
    const report = await verifyPresentation(replay, { ...options, challenge: 'a-fresh-challenge' });
    expect(outcomeOf(report, 'signature')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_SIGNATURE_INVALID' },
    });
    expect(report.credentials).toEqual([]);
    expect(report.verified).toBe(false);
  });

  it('a presentation without a challenge is a replay when one is expected; no expected challenge is a warning', async () => {
    const signed = clone(vp);
    const report = await verifyPresentation(signed, { now: NOW, domain: DOMAIN });
    expect(outcomeOf(report, 'challenge')).toMatchObject({
      outcome: 'warning',
      problem: { code: 'ERR_PRESENTATION_CHALLENGE_UNCHECKED' },
    });
    expect(report.summary).toBe('verified-with-warnings');
  });

  it('a presentation meant for another domain fails', async () => {
    const report = await verifyPresentation(vp, { ...options, domain: 'other.example.com' });
    expect(outcomeOf(report, 'domain')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_PRESENTATION_DOMAIN' },
    });
    expect(report.verified).toBe(false);
  });

  it('a holder who is not the subject of a badge fails the subject check', async () => {
    const stranger = await generateKey();
    const theirs = await signPresentation(
      { verifiableCredential: w.badges },
      { key: stranger, challenge: CHALLENGE, domain: DOMAIN, now: NOW },
    );
    const report = await verifyPresentation(theirs, options);
    expect(report.credentials.every((c) => c.verified)).toBe(true);
    expect(outcomeOf(report, 'subject')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_HOLDER_NOT_SUBJECT' },
    });
    expect(report.verified).toBe(false);
    const lenient = await verifyPresentation(theirs, { ...options, holderMustBeSubject: false });
    expect(outcomeOf(lenient, 'subject')?.outcome).toBe('warning');
    expect(lenient.verified).toBe(true);
  });

  it('a presentation naming a holder other than its signer fails', async () => {
    const stranger = await generateKey();
    const draft = { holder: stranger.controller, verifiableCredential: w.badges };
    // signPresentation refuses it; the plain stack would not, so the holder is changed and re-signed by the holder key.
    await expect(signPresentation(draft, { key: w.holder, challenge: CHALLENGE })).rejects.toMatchObject({
      code: 'ERR_HOLDER_MISMATCH',
    });
    const forged = await signPresentation(
      { verifiableCredential: w.badges },
      { key: stranger, challenge: CHALLENGE, domain: DOMAIN, now: NOW },
    );
    // The stranger's presentation claims the teacher as holder: the signature no longer covers it.
    forged.holder = w.holder.controller;
    const report = await verifyPresentation(forged, options);
    expect(outcomeOf(report, 'signature')?.outcome).toBe('failed');
    expect(report.verified).toBe(false);
  });

  it('a presentation with one tampered badge: its holder proof holds, that badge fails, the presentation is not verified', async () => {
    const badges = clone(w.badges);
    badges[1]!.name = 'Leadership in Science';
    const tampered = await signPresentation(
      { verifiableCredential: badges },
      { key: w.holder, challenge: CHALLENGE, domain: DOMAIN, now: NOW },
    );
    const report = await verifyPresentation(tampered, options);
    expect(outcomeOf(report, 'signature')?.outcome).toBe('passed');
    expect(report.credentials.map((c) => c.verified)).toEqual([true, false]);
    expect(report.credentials[1]!.checks.find((c) => c.id === 'signature')?.problem?.code).toBe(
      'ERR_SIGNATURE_INVALID',
    );
    const credentials = outcomeOf(report, 'credentials');
    expect(credentials).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_PRESENTATION_CREDENTIAL', path: 'verifiableCredential[1]' },
    });
    expect(credentials?.parts?.map((p) => p.outcome)).toEqual(['passed', 'failed']);
    expect(report.verified).toBe(false);
    expect(report.summary).toBe('invalid');
  });

  it('verifyCredential given a presentation says to use verifyPresentation', async () => {
    const report = await verifyCredential(vp, { now: NOW });
    expect(report.verified).toBe(false);
    expect(report.checks[0]).toMatchObject({
      id: 'parse',
      outcome: 'failed',
      problem: { code: 'ERR_PRESENTATION_GIVEN' },
    });
    expect(report.checks[0]!.problem!.detail).toMatch(/verifyPresentation/);
  });

  it('verifyPresentation given a credential says to use verifyCredential', async () => {
    const report = await verifyPresentation(w.badges[0], options);
    expect(report.checks[0]).toMatchObject({
      id: 'parse',
      outcome: 'failed',
      problem: { code: 'ERR_PRESENTATION_INVALID' },
    });
    expect(report.checks[0]!.problem!.detail).toMatch(/verifyCredential/);
    expect(report.verified).toBe(false);
  });

  it('never throws, whatever it is given', async () => {
    for (const input of [
      undefined,
      null,
      42,
      'not json',
      '{"type":"VerifiablePresentation"}',
      new Uint8Array([1, 2, 3]),
      { type: 'VerifiablePresentation', '@context': 5 },
    ]) {
      const report = await verifyPresentation(input, options);
      expect(report.verified).toBe(false);
      expect(report.checks.length).toBeGreaterThan(0);
    }
  });

  it('the presentation as bytes (an upload) is read as its JSON text', async () => {
    const report = await verifyPresentation(Buffer.from(JSON.stringify(vp)), options);
    expect(report.verified).toBe(true);
  });
});
