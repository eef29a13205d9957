// POST /presentations/verify: a wallet's presentation, with the challenge and domain the site gave,
// answered with the presentation's report (the holder's proof, then each credential's own report).
import { beforeAll, describe, expect, it } from 'vitest';
import { signPresentation, type PresentationReport } from '../../src/index.js';
import { NOW } from '../helpers/credential.js';
import { CHALLENGE, DOMAIN, wallet, type Wallet } from '../verify/presentations/helpers.js';
import { BASE, handler } from './helpers.js';

let w: Wallet;
let vp: Record<string, unknown>;
let vpJwt: string;

beforeAll(async () => {
  w = await wallet();
  const draft = { verifiableCredential: w.badges };
  vp = await signPresentation(draft, { key: w.holder, challenge: CHALLENGE, domain: DOMAIN, now: NOW });
  vpJwt = await signPresentation(draft, {
    key: w.holder,
    challenge: CHALLENGE,
    domain: DOMAIN,
    now: NOW,
    format: 'jwt',
  });
});

const postVp = (body: string, type?: string) =>
  new Request(`${BASE}/presentations/verify`, {
    method: 'POST',
    body,
    headers: type ? { 'content-type': type } : {},
  });

async function reportOf(response: Response): Promise<PresentationReport> {
  expect(response.status).toBe(200);
  return (await response.json()) as PresentationReport;
}

const codeOf = (report: PresentationReport, id: string) => report.checks.find((c) => c.id === id)?.problem?.code;

describe('POST /presentations/verify', () => {
  it('the VC-API shape with the challenge and domain: the presentation and both badges verify', async () => {
    const body = JSON.stringify({ verifiablePresentation: vp, options: { challenge: CHALLENGE, domain: DOMAIN } });
    const report = await reportOf(await handler()(postVp(body, 'application/json')));
    expect(report.verified).toBe(true);
    expect(report.credentials.map((c) => c.verified)).toEqual([true, true]);
  });

  it('a replay (another challenge than the one signed) is a report that says so', async () => {
    const body = JSON.stringify({ verifiablePresentation: vp, options: { challenge: 'another', domain: DOMAIN } });
    const report = await reportOf(await handler()(postVp(body, 'application/json')));
    expect(report.verified).toBe(false);
    expect(codeOf(report, 'challenge')).toBe('ERR_PRESENTATION_CHALLENGE');
  });

  it('a VP-JWT, raw as application/jwt or inside the VC-API shape', async () => {
    const raw = await reportOf(await handler()(postVp(vpJwt, 'application/jwt')));
    expect(raw.format).toBe('vp-jwt');
    expect(raw.credentials).toHaveLength(2);
    const shaped = JSON.stringify({ verifiablePresentation: vpJwt, options: { challenge: CHALLENGE, domain: DOMAIN } });
    expect((await reportOf(await handler()(postVp(shaped, 'application/json')))).verified).toBe(true);
  });

  it('a presentation posted as itself is checked against no challenge, and its report warns of that', async () => {
    const report = await reportOf(await handler()(postVp(JSON.stringify(vp), 'application/json')));
    expect(report.checks.find((c) => c.id === 'challenge')).toMatchObject({
      outcome: 'warning',
      problem: { code: 'ERR_PRESENTATION_CHALLENGE_UNCHECKED' },
    });
    expect(report.summary).toBe('verified-with-warnings');
  });

  it.each([
    ['', 'application/json', /empty/],
    ['{"verifiablePresentation": 42}', 'application/json', /must be the presentation/],
    ['{"verifiablePresentation": {}, "options": {"challenge": 7}}', 'application/json', /challenge/],
    ['not json', 'application/json', /not JSON/],
  ])('%j as %s: 400 saying what to send', async (body, type, message) => {
    const response = await handler()(postVp(body, type));
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; detail: string } };
    expect(error.code).toBe('ERR_HTTP_BODY_INVALID');
    expect(error.detail).toMatch(message);
  });

  it('an image type is refused with 415', async () => {
    const response = await handler()(postVp('<svg/>', 'image/svg+xml'));
    expect(response.status).toBe(415);
  });
});
