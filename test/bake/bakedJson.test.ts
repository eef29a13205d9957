// The JSON baked into an image is read as strictly as JSON given directly: a member name twice in
// one object is refused (two readers would see two credentials), a leading byte-order mark is not.
import { describe, expect, it } from 'vitest';
import { ErrorCode, bakeCredential, extractCredential, verifyCredential } from '../../src/index.js';
import { check } from '../helpers/credential.js';
import { NOW, badgePng, badgeSvg, iTxt, insertBeforeIend, signedCredential, thrown } from './helpers.js';

describe('JSON text baked into an image', async () => {
  const { signed } = await signedCredential();
  const text = JSON.stringify(signed);
  // The fake name comes first: JSON.parse keeps the signed one (the last), a first-wins reader the fake.
  const shadowed = text.replace(
    '"name":"Formative Assessment"',
    '"name":"Doctorate in Education","name":"Formative Assessment"',
  );
  const path = 'credentialSubject.achievement.name';
  const png = (baked: string) => insertBeforeIend(badgePng(), iTxt('openbadgecredential', baked));
  const svg = (baked: string) =>
    badgeSvg().replace(
      /<\/svg>\s*$/,
      `<openbadges:credential xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><![CDATA[${baked}]]></openbadges:credential></svg>\n`,
    );

  it('is genuine before the duplicate is added (the baseline)', async () => {
    expect(shadowed).not.toBe(text);
    expect(JSON.parse(shadowed)).toEqual(JSON.parse(text));
    for (const image of [png(text), svg(text)])
      expect(await verifyCredential(image, { now: NOW })).toMatchObject({ verified: true });
  });

  it.each([
    ['PNG', () => png(shadowed)],
    ['SVG', () => svg(shadowed)],
  ])(
    'with a member named twice, in a %s, is refused by extract and by verify, naming the path',
    async (_kind, image) => {
      expect(thrown(() => extractCredential(image()), ErrorCode.INPUT_DUPLICATE_KEY).details.path).toBe(path);
      const report = await verifyCredential(image(), { now: NOW });
      expect(check(report, 'extract').outcome).toBe('passed');
      expect(check(report, 'parse')).toMatchObject({
        outcome: 'failed',
        problem: { code: 'ERR_INPUT_DUPLICATE_KEY', path },
      });
      expect(report).toMatchObject({ authentic: false, verified: false });
    },
  );

  it('with a member named twice is not baked', () => {
    expect(thrown(() => bakeCredential(badgeSvg(), shadowed), ErrorCode.INPUT_DUPLICATE_KEY).details.path).toBe(path);
  });

  it.each([
    ['PNG', () => png(`\uFEFF${text}`)],
    ['SVG', () => svg(`\uFEFF${text}`)],
  ])('starting with a byte-order mark, in a %s, is read and verifies', async (_kind, image) => {
    expect(extractCredential(image())).toMatchObject({ format: 'json-ld', credential: signed });
    expect(await verifyCredential(image(), { now: NOW })).toMatchObject({ verified: true });
  });
});
