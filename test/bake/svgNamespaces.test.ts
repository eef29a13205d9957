// An SVG's baked elements are found by namespace, as a namespace-aware XML reader finds them: a
// prefix is whatever an enclosing element binds it to, and `xmlns="…"` makes unprefixed names part
// of a namespace. Otherwise a second credential under another prefix, or in the default namespace,
// is one that other readers see and microcred does not.
import { describe, expect, it } from 'vitest';
import { ErrorCode, bakeCredential, extractCredential, verifyCredential } from '../../src/index.js';
import { check } from '../helpers/credential.js';
import { NOW, badgeSvg, signedCredential, signedJwt, thrown } from './helpers.js';

const OB3 = 'https://purl.imsglobal.org/ob/v3p0';
const OB2 = 'http://openbadges.org';

describe('baked elements in an SVG, by namespace', async () => {
  const { signed } = await signedCredential();
  // A genuine credential of another issuer: what an attacker adds beside the first.
  const { key: otherKey, signed: other } = await signedCredential({ name: 'Doctorate in Education' });
  const otherJwt = await signedJwt(otherKey);
  const baked = bakeCredential(badgeSvg(), signed) as string;
  const cdata = (credential: unknown) => `<![CDATA[${JSON.stringify(credential)}]]>`;
  /** `baked` with `element` added as the last child of the root <svg>. */
  const withElement = (element: string) => baked.replace(/<\/svg>\s*$/, `${element}</svg>\n`);

  it('the baked badge alone verifies (the baseline)', async () => {
    expect(await verifyCredential(baked, { now: NOW })).toMatchObject({ verified: true, image: 'svg' });
  });

  it.each([
    ['another prefix bound on the element', `<ob:credential xmlns:ob="${OB3}">${cdata(other)}</ob:credential>`],
    [
      'another prefix bound on an ancestor',
      `<g xmlns:ob="${OB3}"><g><ob:credential>${cdata(other)}</ob:credential></g></g>`,
    ],
    ['the default namespace on the element', `<credential xmlns="${OB3}">${cdata(other)}</credential>`],
    ['the default namespace on an ancestor', `<g xmlns="${OB3}"><credential>${cdata(other)}</credential></g>`],
    [
      'a namespace written with character references',
      `<ob:credential xmlns:ob="https&#x3A;//purl.imsglobal.org/ob/v3p0">${cdata(other)}</ob:credential>`,
    ],
    ['a VC-JWT in the verify attribute', `<credential xmlns="${OB3}" verify="${otherJwt}"/>`],
  ])('a second credential under %s is ambiguous', async (_how, element) => {
    const image = withElement(element);
    const error = thrown(() => extractCredential(image), ErrorCode.IMAGE_AMBIGUOUS);
    expect(error.details.count).toBe(2);
    const report = await verifyCredential(image, { now: NOW });
    expect(check(report, 'extract')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_IMAGE_AMBIGUOUS' } });
    expect(report).toMatchObject({ authentic: false, verified: false });
  });

  it('names an element written another way as written, with its line', () => {
    const error = thrown(
      () => extractCredential(withElement(`<credential xmlns="${OB3}">${cdata(other)}</credential>`)),
      ErrorCode.IMAGE_AMBIGUOUS,
    );
    expect(error.message).toMatch(/written <credential>/);
  });

  it("a lone credential in the default namespace is the one a namespace-aware reader finds, and so is microcred's", async () => {
    const image = badgeSvg().replace(
      /<\/svg>\s*$/,
      `<g xmlns="${OB3}"><credential>${cdata(other)}</credential></g></svg>\n`,
    );
    expect(extractCredential(image)).toMatchObject({ format: 'json-ld', credential: other });
    expect(await verifyCredential(image, { now: NOW })).toMatchObject({
      verified: true,
      credential: { name: 'Doctorate in Education' },
    });
  });

  it.each([
    ['a <credential> in the SVG namespace', `<credential>${cdata(other)}</credential>`],
    [
      'a prefix bound to another namespace',
      `<ob:credential xmlns:ob="https://example.org/not-open-badges">${cdata(other)}</ob:credential>`,
    ],
    [
      'the "openbadges" prefix rebound below the root',
      `<g xmlns:openbadges="https://example.org/other"><openbadges:credential>${cdata(other)}</openbadges:credential></g>`,
    ],
    [
      'the default namespace undone below an ancestor',
      `<g xmlns="${OB3}"><g xmlns=""><credential>${cdata(other)}</credential></g></g>`,
    ],
  ])('%s is not a baked credential: the lone one is read', (_what, element) => {
    expect(extractCredential(withElement(element))).toMatchObject({ format: 'json-ld', credential: signed });
  });

  describe('the Open Badges 2.0 assertion element, in http://openbadges.org', () => {
    it.each([
      ['another prefix', `<a:assertion xmlns:a="${OB2}" verify="https://example.org/assertion"/>`],
      ['the default namespace', `<g xmlns="${OB2}"><assertion verify="https://example.org/assertion"/></g>`],
    ])('under %s, beside the credential, is ambiguous', (_how, element) => {
      const error = thrown(() => extractCredential(withElement(element)), ErrorCode.IMAGE_AMBIGUOUS);
      expect(error.details.found).toEqual([
        { version: 3, where: expect.any(String) },
        { version: 2, where: expect.any(String) },
      ]);
    });

    it('alone under the default namespace, is recognised as a 2.0 badge', () => {
      const image = badgeSvg().replace(
        /<\/svg>\s*$/,
        `<assertion xmlns="${OB2}" verify="https://example.org/assertion"/></svg>\n`,
      );
      thrown(() => extractCredential(image), ErrorCode.IMAGE_OPEN_BADGES_2);
    });
  });

  it('baking again replaces a credential in the default namespace too: one credential remains', () => {
    const rebaked = bakeCredential(
      withElement(`<g xmlns="${OB3}"><credential>${cdata(other)}</credential></g>`),
      signed,
    ) as string;
    expect(rebaked).not.toContain('Doctorate in Education');
    expect(extractCredential(rebaked)).toMatchObject({ credential: signed });
  });
});
