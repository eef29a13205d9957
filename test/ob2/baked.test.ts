// Open Badges 2.0 badges baked in images: a PNG "openbadges" chunk (iTXt, or the tEXt of older
// bakers) and an SVG <openbadges:assertion>, holding the assertion's JSON, its JWS, or the URL of
// a hosted one. verifyCredential reads and verifies them; extractCredential still takes out 3.0 only.
import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, extractCredential, formatReport, verifyCredential } from '../../src/index.js';
import { badgePng, badgeSvg, iTxt, insertBeforeIend, latinText, thrown } from '../bake/helpers.js';
import {
  BADGE,
  HOSTED,
  ISSUER,
  NETWORK,
  NOW,
  assertion,
  badgeClass,
  fetchServing,
  issuerDocuments,
  issuerProfile,
  rsaPair,
  signJws,
  type Doc,
  type RsaPair,
} from './helpers.js';

const OB2_NS = 'http://openbadges.org';

let pair: RsaPair;
let jws: string;
let hosted: Doc;
let published: Record<string, Doc>;

beforeAll(async () => {
  pair = rsaPair();
  jws = await signJws(assertion('signed'), pair);
  hosted = assertion('hosted');
  published = { [HOSTED]: hosted, [BADGE]: badgeClass(), [ISSUER]: issuerProfile({ publicKey: undefined }) };
});

/** The project's badge SVG with `element` as the root's first child and the OB 2.0 namespace declared. */
function svgWith(element: string): string {
  return badgeSvg().replace(/<svg\b([^>]*)>/, `<svg$1 xmlns:openbadges="${OB2_NS}">\n${element}`);
}

describe('a baked Open Badges 2.0 badge', () => {
  it('PNG: a signed assertion (its JWS) in an "openbadges" iTXt chunk verifies', async () => {
    const png = insertBeforeIend(badgePng(), iTxt('openbadges', jws));
    const report = await verifyCredential(png, { now: NOW, documents: issuerDocuments(pair) });
    expect(report).toMatchObject({ verified: true, format: 'open-badges-2.0', image: 'png' });
    expect(report.checks.map((c) => c.id)).toEqual([
      'extract',
      'parse',
      'type',
      'signature',
      'badge',
      'issuer',
      'validity',
      'status',
    ]);
    expect(formatReport(report)).toContain('Open Badges 2.0 assertion, signed, baked in a PNG');
  });

  it('PNG: a hosted assertion’s URL in a tEXt chunk is read through the caller’s fetch', async () => {
    const png = insertBeforeIend(badgePng(), latinText('tEXt', 'openbadges', HOSTED));
    const fetch = fetchServing(published);
    const report = await verifyCredential(png, { now: NOW, fetch, network: NETWORK });
    expect(report).toMatchObject({ verified: true, image: 'png', credential: { id: HOSTED } });
    // Read once to take the assertion out of the image: that read is the issuer's copy.
    expect(fetch.asked.filter((url) => url === HOSTED)).toHaveLength(1);
  });

  it('PNG: without a fetch, the URL the image points to is could-not-check, named', async () => {
    const png = insertBeforeIend(badgePng(), iTxt('openbadges', HOSTED));
    const report = await verifyCredential(png, { now: NOW });
    expect(report.checks[1]).toMatchObject({
      id: 'parse',
      outcome: 'could-not-check',
      problem: { code: ErrorCode.NETWORK_DISABLED },
    });
    expect(report.checks[1]?.problem?.detail).toContain(HOSTED);
    expect(report.authentic).toBe(false);
  });

  it('PNG: a changed signed payload is refused as any tampered JWS is', async () => {
    const [header, , signature] = jws.split('.');
    const payload = Buffer.from(JSON.stringify(assertion('signed', { badge: `${BADGE}?v=2` }))).toString('base64url');
    const png = insertBeforeIend(badgePng(), iTxt('openbadges', `${header}.${payload}.${signature}`));
    const report = await verifyCredential(png, { now: NOW, documents: issuerDocuments(pair) });
    expect(report.checks.find((c) => c.id === 'signature')?.problem?.code).toBe(ErrorCode.SIGNATURE_INVALID);
  });

  it('SVG: a signed assertion in the verify attribute verifies', async () => {
    const svg = svgWith(`<openbadges:assertion verify="${jws}"></openbadges:assertion>`);
    const report = await verifyCredential(svg, { now: NOW, documents: issuerDocuments(pair) });
    expect(report).toMatchObject({ verified: true, format: 'open-badges-2.0', image: 'svg' });
  });

  it('SVG: a hosted assertion’s URL with its JSON inside is checked against the issuer’s copy', async () => {
    const svg = svgWith(
      `<openbadges:assertion verify="${HOSTED}"><![CDATA[${JSON.stringify(hosted)}]]></openbadges:assertion>`,
    );
    expect((await verifyCredential(svg, { now: NOW, documents: published })).verified).toBe(true);
    const changed = svgWith(
      `<openbadges:assertion verify="${HOSTED}"><![CDATA[${JSON.stringify({ ...hosted, issuedOn: '2025-01-01T00:00:00Z' })}]]></openbadges:assertion>`,
    );
    const report = await verifyCredential(changed, { now: NOW, documents: published });
    expect(report.checks.find((c) => c.id === 'hosted')?.problem?.code).toBe(ErrorCode.OB2_HOSTED_MISMATCH);
  });

  it('extractCredential still takes out Open Badges 3.0 credentials only, and says where 2.0 is read', () => {
    const png = insertBeforeIend(badgePng(), iTxt('openbadges', jws));
    expect(thrown(() => extractCredential(png), ErrorCode.IMAGE_OPEN_BADGES_2).message).toMatch(/verifyCredential/);
  });

  it('a compressed zTXt chunk is still refused, not inflated', async () => {
    const png = insertBeforeIend(badgePng(), latinText('zTXt', 'openbadges', 'x'));
    const report = await verifyCredential(png, { now: NOW });
    expect(report.checks[0]).toMatchObject({
      id: 'extract',
      outcome: 'failed',
      problem: { code: ErrorCode.IMAGE_COMPRESSED },
    });
  });
});
