// verifyCredential reads baked images directly: the `extract` check comes first, the report names
// the image, and every broken image is a report with its code, never a throw.
import { describe, expect, it } from 'vitest';
import { ErrorCode, bakeCredential, formatReport, verifyCredential, type VerificationReport } from '../../src/index.js';
import { check } from '../helpers/credential.js';
import {
  NOW,
  badgePng,
  badgeSvg,
  chunkOffset,
  iTxt,
  insertBeforeIend,
  signedCredential,
  signedJwt,
} from './helpers.js';

const AFTER_EXTRACT = [
  'parse',
  'jsonld',
  'view',
  'type',
  'proof',
  'signature',
  'issuer',
  'schema',
  'validity',
  'status',
];

describe('verifying a baked badge', async () => {
  const { key, signed } = await signedCredential();
  const png = bakeCredential(badgePng(), signed);
  const svg = bakeCredential(badgeSvg(), signed);

  it.each([
    ['PNG as a Uint8Array', 'png', () => png],
    ['PNG as a Node Buffer', 'png', () => Buffer.from(png)],
    ['PNG as an ArrayBuffer', 'png', () => png.slice().buffer],
    ['SVG as text', 'svg', () => svg],
    ['SVG as bytes', 'svg', () => new TextEncoder().encode(svg)],
  ])('a %s is verified, with the extract check first and the image named', async (_label, kind, image) => {
    const report = await verifyCredential(image(), { now: NOW });
    expect(report.checks.map((c) => [c.id, c.outcome])).toEqual([
      ['extract', 'passed'],
      ...AFTER_EXTRACT.map((id) => [id, 'passed']),
    ]);
    expect(report).toMatchObject({
      verified: true,
      authentic: true,
      summary: 'verified',
      image: kind,
      format: 'json-ld',
    });
    expect(report.credential?.id).toBe(signed.id);
  });

  it('a credential tampered with inside the image fails its signature (the image itself is fine)', async () => {
    const tampered = { ...signed, name: 'Advanced Formative Assessment' };
    for (const image of [bakeCredential(badgePng(), tampered), bakeCredential(badgeSvg(), tampered)]) {
      const report = await verifyCredential(image, { now: NOW });
      expect(check(report, 'extract').outcome).toBe('passed');
      expect(check(report, 'signature').problem).toMatchObject({ code: ErrorCode.SIGNATURE_INVALID });
      expect(report).toMatchObject({ verified: false, authentic: false, summary: 'invalid' });
    }
  });

  it('JSON and objects are verified as before: no extract check, no image', async () => {
    for (const input of [signed, JSON.stringify(signed)]) {
      const report = await verifyCredential(input, { now: NOW });
      expect(report.checks[0]?.id).toBe('parse');
      expect(report.image).toBeUndefined();
      expect(report.verified).toBe(true);
    }
  });

  it.each(['png', 'svg'])('a VC-JWT (EdDSA, made with jose) baked into a %s is verified end to end', async (kind) => {
    const jwt = await signedJwt(key);
    const image = kind === 'png' ? bakeCredential(badgePng(), jwt) : bakeCredential(badgeSvg(), jwt);
    const report = await verifyCredential(image, { now: NOW });
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report.checks.map((c) => c.id)).toEqual([
      'extract',
      'parse',
      'jsonld',
      'view',
      'type',
      'proof',
      'signature',
      'claims',
      'issuer',
      'schema',
      'validity',
      'status',
    ]);
    expect(report).toMatchObject({
      verified: true,
      image: kind,
      format: 'vc-jwt',
      credential: { issuer: { id: key.controller } },
    });
  });

  it('a VC-JWT whose payload was changed inside the image fails its signature', async () => {
    const jwt = await signedJwt(key);
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.name = 'Advanced Formative Assessment';
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    const report = await verifyCredential(bakeCredential(badgeSvg(), forged), { now: NOW });
    expect(check(report, 'extract').outcome).toBe('passed');
    expect(check(report, 'signature').problem?.code).toBe(ErrorCode.SIGNATURE_INVALID);
    expect(report).toMatchObject({ verified: false, authentic: false, format: 'vc-jwt', image: 'svg' });
  });
});

describe('a broken or hostile image is a report with its code, never a throw', async () => {
  const { key } = await signedCredential();
  const jwt = await signedJwt(key);
  const baked = bakeCredential(badgePng(), jwt);
  const flipped = Buffer.from(baked);
  flipped[chunkOffset(baked, 'iTXt') + 30]! ^= 1;
  const huge = Buffer.from(baked);
  huge.writeUInt32BE(0xfffffff0, chunkOffset(baked, 'iTXt'));
  const ns = 'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"';

  const cases: [string, unknown, ErrorCode, 'failed' | 'could-not-check'][] = [
    ['bytes that are no image', Uint8Array.from([1, 2, 3]), ErrorCode.IMAGE_INVALID, 'failed'],
    ['a truncated PNG', baked.subarray(0, 200), ErrorCode.IMAGE_TRUNCATED, 'failed'],
    ['a PNG with a CRC-broken chunk', flipped, ErrorCode.IMAGE_CHECKSUM, 'failed'],
    ['a PNG chunk claiming gigabytes', huge, ErrorCode.IMAGE_CHUNK_TOO_LARGE, 'failed'],
    [
      'a compressed iTXt',
      insertBeforeIend(badgePng(), iTxt('openbadgecredential', 'x', true)),
      ErrorCode.IMAGE_COMPRESSED,
      'failed',
    ],
    [
      'an SVG declaring entities',
      `<!DOCTYPE svg [<!ENTITY x "y">]><svg ${ns}><openbadges:credential>&x;</openbadges:credential></svg>`,
      ErrorCode.IMAGE_UNSAFE,
      'failed',
    ],
    [
      'an SVG pointing to its credential',
      `<svg ${ns}><openbadges:credential verify="https://example.org/c"/></svg>`,
      ErrorCode.IMAGE_UNSAFE,
      'failed',
    ],
    ['two credentials', insertBeforeIend(baked, iTxt('openbadgecredential', jwt)), ErrorCode.IMAGE_AMBIGUOUS, 'failed'],
    ['no credential', badgePng(), ErrorCode.IMAGE_NO_CREDENTIAL, 'failed'],
  ];

  it.each(cases)('%s', async (_label, input, code, outcome) => {
    const report: VerificationReport = await verifyCredential(input, { now: NOW });
    expect(report.checks[0]).toMatchObject({ id: 'extract', outcome, problem: { code } });
    expect(report.checks.slice(1).every((c) => c.outcome === 'skipped')).toBe(true);
    expect(report).toMatchObject({
      verified: false,
      authentic: false,
      summary: outcome === 'failed' ? 'invalid' : 'could-not-check',
    });
    expect(report.image).toBeUndefined();
    expect(formatReport(report)).toContain(code);
  });

  it("an image over the caller's size limit is not read", async () => {
    const report = await verifyCredential(baked, { now: NOW, limits: { maxInputBytes: 1024 } });
    expect(report.checks[0]).toMatchObject({
      id: 'extract',
      outcome: 'could-not-check',
      problem: { code: ErrorCode.INPUT_TOO_LARGE },
    });
  });

  it('reads an Open Badges 2.0 badge as one, and says so in the report a person reads', async () => {
    const report = await verifyCredential(insertBeforeIend(badgePng(), iTxt('openbadges', '{}')), { now: NOW });
    expect(report).toMatchObject({ format: 'open-badges-2.0', image: 'png', verified: false });
    expect(report.checks.map((c) => c.id)).toEqual([
      'extract',
      'parse',
      'type',
      'badge',
      'issuer',
      'validity',
      'status',
    ]);
    expect(formatReport(report)).toMatch(
      /Invalid — not a valid Open Badges 2\.0 assertion[\s\S]*Format\s+Open Badges 2\.0 assertion, baked in a PNG/,
    );
  });
});
