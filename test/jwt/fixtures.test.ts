// The 1EdTech validator's VC-JWT fixtures (test/fixtures/1edtech-validator, rows in the fixtures
// README). All three use contexts that exist in no repository, so offline they stop at the jsonld
// check as "could not check", never "invalid". With a stand-in for each missing context (an @vocab
// that defines every term, so the later checks run), each reaches the check its README row is about.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DocumentLoader, verifyCredential, type VerificationReport } from '../../src/index.js';
import { decodeJwt } from '../../src/jwt/decode.js';
import { verifyJwtSignature } from '../../src/jwt/verifySignature.js';
import { NOW, check, fixturePath } from '../helpers/credential.js';

const MISSING_CONTEXTS = {
  'ob30/simple.jwt': 'https://imsglobal.github.io/openbadges-specification/context.json',
  'ob30/velocity.jwt': 'https://lib.velocitynetwork.foundation/contexts/credential-extensions-2022.jsonld.json',
  'clr20/simple.jwt': 'https://dc.imsglobal.org/draft/clr/v2p0/context',
} as const;
type Fixture = keyof typeof MISSING_CONTEXTS;

function jwtOf(file: Fixture): string {
  return readFileSync(fixturePath(`1edtech-validator/${file}`), 'utf8');
}

function withStandIns(): DocumentLoader {
  const standIn = { '@context': { '@vocab': 'https://stand-in.example/terms#' } };
  // clr20/simple.jwt also uses the draft OB context of ob30/simple.jwt.
  return new DocumentLoader({
    documents: Object.fromEntries(Object.values(MISSING_CONTEXTS).map((url) => [url, standIn])),
  });
}

function expectUnknownContext(report: VerificationReport, url: string): void {
  expect(report).toMatchObject({ format: 'vc-jwt', authentic: false, verified: false, summary: 'could-not-check' });
  expect(check(report, 'parse').outcome).toBe('passed');
  expect(check(report, 'jsonld')).toMatchObject({
    outcome: 'could-not-check',
    problem: { code: 'ERR_CONTEXT_UNKNOWN' },
  });
  expect(check(report, 'jsonld').problem?.detail).toContain(url);
  expect(report.checks.some((c) => c.outcome === 'failed')).toBe(false);
}

describe('1edtech-validator/ob30/simple.jwt (expected: unknown; the validator rejects it for having no key)', () => {
  it('offline: could not check (its draft context is unknown); decoded as a VC-JWT 1.1', async () => {
    const report = await verifyCredential(jwtOf('ob30/simple.jwt'), { now: NOW });
    expectUnknownContext(report, MISSING_CONTEXTS['ob30/simple.jwt']);
    expect(decodeJwt(jwtOf('ob30/simple.jwt')).encoding).toBe('vc11');
    // Nothing is shown of a credential whose statements could not be read: its JSON alone says nothing signed.
    expect(report.credential).toBeUndefined();
  });

  it('past the context: invalid, because its header names no key (ERR_JWT_KEY_MISSING), as the validator says', async () => {
    const report = await verifyCredential(jwtOf('ob30/simple.jwt'), { now: NOW, loader: withStandIns() });
    expect(check(report, 'proof')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_JWT_KEY_MISSING' } });
    expect(report.summary).toBe('invalid');
  });
});

describe('1edtech-validator/ob30/velocity.jwt (expected: invalid, for its missing Velocity context)', () => {
  it('offline: could not check, naming the Velocity context microcred does not hold (it never fetches contexts)', async () => {
    expectUnknownContext(
      await verifyCredential(jwtOf('ob30/velocity.jwt'), { now: NOW }),
      MISSING_CONTEXTS['ob30/velocity.jwt'],
    );
  });

  it('past the context: could not check, because its did:velocity key lives in a registry microcred cannot read', async () => {
    const report = await verifyCredential(jwtOf('ob30/velocity.jwt'), { now: NOW, loader: withStandIns() });
    expect(check(report, 'proof').outcome).toBe('passed');
    expect(check(report, 'signature')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_KEY_UNRESOLVED', path: 'header.kid' },
    });
    expect(check(report, 'signature').problem?.detail).toMatch(/^did:velocity:v2:0x4ade3a40/);
    expect(report.summary).toBe('could-not-check');
  });
});

describe('1edtech-validator/clr20/simple.jwt (expected: unknown; its test is disabled)', () => {
  it('offline: could not check (its CLR draft context is unknown)', async () => {
    expectUnknownContext(
      await verifyCredential(jwtOf('clr20/simple.jwt'), { now: NOW }),
      MISSING_CONTEXTS['clr20/simple.jwt'],
    );
  });

  it('its RS256 signature verifies under the RSA key in its header (jose), and a changed payload does not', async () => {
    const jwt = decodeJwt(jwtOf('clr20/simple.jwt'));
    const key = await verifyJwtSignature(jwt, { loader: new DocumentLoader() });
    expect(key).toMatchObject({ source: 'jwk', jwk: { kty: 'RSA', e: 'AQAB' } });
    expect(key.controller).toBeUndefined();
    const [header, , signature] = jwt.compact.split('.');
    const changed = Buffer.from(JSON.stringify({ ...jwt.payload, sub: 'did:example:someone-else' })).toString(
      'base64url',
    );
    await expect(
      verifyJwtSignature(decodeJwt(`${header}.${changed}.${signature}`), { loader: new DocumentLoader() }),
    ).rejects.toMatchObject({ code: 'ERR_SIGNATURE_INVALID' });
  });

  it('past the context: signature and claims hold, but nothing ties the header key to its https issuer', async () => {
    const report = await verifyCredential(jwtOf('clr20/simple.jwt'), { now: NOW, loader: withStandIns() });
    for (const id of ['proof', 'signature', 'claims'] as const) expect(check(report, id).outcome).toBe('passed');
    expect(check(report, 'issuer')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_JWT_KEY_NOT_BOUND', path: 'issuer.id' },
    });
    expect(report.authentic).toBe(false);
  });
});
