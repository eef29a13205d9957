// Baking into SVG and taking the credential out again: <openbadges:credential> as the root's first
// child (JWT in `verify`, JSON in CDATA), the rest of the drawing byte for byte, and no DTD, entity
// or reference ever followed.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ErrorCode, bakeCredential, extractCredential } from '../../src/index.js';
import { imageKindOf } from '../../src/bake/image.js';
import { fixturePath } from '../helpers/credential.js';
import { badgeSvg, signedCredential, signedJwt, thrown } from './helpers.js';

const NS = 'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"';

describe('baking an SVG', async () => {
  const { key, signed } = await signedCredential();
  const jwt = await signedJwt(key);
  const svg = badgeSvg();

  it('declares the namespace on <svg> and puts the credential first inside it, changing nothing else', () => {
    const baked = bakeCredential(svg, jwt);
    expect(typeof baked).toBe('string');
    const element = `\n<openbadges:credential verify="${jwt}"></openbadges:credential>`;
    const rootEnd = svg.indexOf('>', svg.indexOf('<svg')) + 1;
    const expected = `${svg.slice(0, rootEnd - 1)} ${NS}>${element}${svg.slice(rootEnd)}`;
    expect(baked).toBe(expected);
  });

  it('round-trips a JSON-LD credential in a CDATA section, and a VC-JWT in the verify attribute', () => {
    expect(extractCredential(bakeCredential(svg, signed))).toEqual({
      kind: 'svg',
      format: 'json-ld',
      credential: signed,
      text: JSON.stringify(signed),
    });
    expect(extractCredential(bakeCredential(svg, jwt))).toEqual({
      kind: 'svg',
      format: 'vc-jwt',
      credential: jwt,
      text: jwt,
    });
  });

  it('keeps JSON containing "]]>" intact by splitting the CDATA section', () => {
    const tricky = {
      ...signed,
      description: 'ends a CDATA section: ]]> and markup <openbadges:credential verify="x"/>',
    };
    const baked = bakeCredential(svg, tricky);
    expect(baked).toContain(']]]]><![CDATA[>');
    expect(extractCredential(baked).credential).toEqual(tricky);
  });

  it('returns bytes for bytes, keeping a byte-order mark', () => {
    const withBom = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(svg)]);
    const baked = bakeCredential(withBom, jwt);
    expect(baked).toBeInstanceOf(Uint8Array);
    expect([...baked.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(imageKindOf(baked)).toBe('svg');
    expect(extractCredential(baked).credential).toBe(jwt);
  });

  it('baking again replaces the credential, giving the same bytes as baking once', () => {
    const other = { ...signed, id: 'urn:uuid:00000000-0000-4000-8000-000000000000' };
    const twice = bakeCredential(bakeCredential(svg, jwt), other);
    expect(twice.match(/<openbadges:credential/g)).toHaveLength(1);
    expect(twice.match(/xmlns:openbadges=/g)).toHaveLength(1);
    expect(twice).toBe(bakeCredential(svg, other));
  });

  it('re-bakes the 1EdTech sample, dropping its credential with its indentation and keeping its DOCTYPE and drawing', () => {
    const theirs = readFileSync(fixturePath('1edtech-validator/ob30/simple-json.svg'), 'utf8');
    const baked = bakeCredential(theirs, jwt);
    expect(extractCredential(baked).credential).toBe(jwt);
    const drawing = (text: string) => text.slice(text.indexOf('<g>'));
    expect(drawing(baked)).toBe(drawing(theirs));
    expect(baked).toContain('<!DOCTYPE svg PUBLIC');
  });

  it('replaces an Open Badges 2.0 assertion and rebinds its prefix to the 3.0 namespace', () => {
    const ob2 =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="https://example.org/a.json"/><circle r="1"/></svg>';
    const baked = bakeCredential(ob2, jwt);
    expect(baked).toBe(
      `<svg xmlns="http://www.w3.org/2000/svg" ${NS}>\n<openbadges:credential verify="${jwt}"></openbadges:credential><circle r="1"/></svg>`,
    );
  });

  it('opens a self-closing root', () => {
    const baked = bakeCredential('<svg xmlns="http://www.w3.org/2000/svg"/>', jwt);
    expect(baked).toBe(
      `<svg xmlns="http://www.w3.org/2000/svg" ${NS}>\n<openbadges:credential verify="${jwt}"></openbadges:credential>\n</svg>`,
    );
  });

  it('refuses an SVG that binds "openbadges" to another namespace rather than change its meaning', () => {
    thrown(
      () => bakeCredential('<svg xmlns:openbadges="urn:other"><openbadges:thing/></svg>', jwt),
      ErrorCode.IMAGE_INVALID,
    );
  });
});

describe('reading an SVG', async () => {
  const { key } = await signedCredential();
  const jwt = await signedJwt(key);
  const wrap = (inner: string, prolog = '') =>
    `${prolog}<svg xmlns="http://www.w3.org/2000/svg" ${NS}>${inner}<circle r="4"/></svg>`;

  it('finds the element by its namespace, whatever the prefix, and reads its escaped text', () => {
    const other = `<svg xmlns:ob="https://purl.imsglobal.org/ob/v3p0"><ob:credential verify='${jwt}'/></svg>`;
    expect(extractCredential(other).credential).toBe(jwt);
    const escaped = wrap(
      `<openbadges:credential>{&quot;proof&quot;: {}, &#x22;name&#34;: &quot;&lt;b&gt; &amp; co&quot;}</openbadges:credential>`,
    );
    expect(extractCredential(escaped).credential).toEqual({ proof: {}, name: '<b> & co' });
  });

  it('is not fooled by the element inside a comment, an attribute value or another CDATA section', () => {
    const decoy = '<openbadges:credential verify="a.b.c"/>';
    const decoys = wrap(
      `<!-- ${decoy} --><desc title='&lt;openbadges:credential verify="a.b.c"/&gt;'/><style><![CDATA[ ${decoy} ]]></style>`,
    );
    thrown(() => extractCredential(decoys), ErrorCode.IMAGE_NO_CREDENTIAL);
    // A raw '<' in an attribute value is not XML at all.
    thrown(() => extractCredential(wrap(`<desc title='${decoy}'/>`)), ErrorCode.IMAGE_INVALID);
  });

  it('accepts a DOCTYPE that only names the SVG DTD (never read), as the 1EdTech samples have', () => {
    const prolog =
      '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n';
    expect(extractCredential(wrap(`<openbadges:credential verify="${jwt}"/>`, prolog)).credential).toBe(jwt);
  });

  it('refuses a DOCTYPE that declares entities: no expansion (billion laughs), no external entity (XXE)', () => {
    const laughs = '<!DOCTYPE svg [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>';
    const xxe = '<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';
    for (const doctype of [laughs, xxe]) {
      expect(
        thrown(
          () => extractCredential(wrap('<openbadges:credential>&xxe;&lol2;</openbadges:credential>', doctype)),
          ErrorCode.IMAGE_UNSAFE,
        ).message,
      ).toMatch(/expands no XML entities/);
    }
  });

  it('refuses an entity that only a DTD could define', () => {
    expect(
      thrown(
        () => extractCredential(wrap('<openbadges:credential>&cred;</openbadges:credential>')),
        ErrorCode.IMAGE_UNSAFE,
      ).details,
    ).toMatchObject({ entity: 'cred' });
  });

  it('never follows a reference: a credential given by URL or by href is refused, other references are left alone', () => {
    const byUrl = wrap('<openbadges:credential verify="https://issuer.example/credentials/1"/>');
    expect(thrown(() => extractCredential(byUrl), ErrorCode.IMAGE_UNSAFE).details).toMatchObject({
      url: 'https://issuer.example/credentials/1',
    });
    const byHref = wrap(
      '<openbadges:credential xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="http://169.254.169.254/latest"/>',
    );
    expect(thrown(() => extractCredential(byHref), ErrorCode.IMAGE_UNSAFE).message).toMatch(
      /does not follow references/,
    );
    const withImage = wrap(`<openbadges:credential verify="${jwt}"/><image href="https://tracker.example/pixel.png"/>`);
    expect(extractCredential(withImage).credential).toBe(jwt);
  });

  it('several credentials, or one element holding two, are ambiguous', () => {
    const element = `<openbadges:credential verify="${jwt}"/>`;
    expect(
      thrown(() => extractCredential(wrap(element + `<g>${element}</g>`)), ErrorCode.IMAGE_AMBIGUOUS).details.found,
    ).toEqual([
      { version: 3, where: 'line 1' },
      { version: 3, where: 'line 1' },
    ]);
    thrown(
      () =>
        extractCredential(
          wrap(`<openbadges:credential verify="${jwt}"><![CDATA[{"proof":{}}]]></openbadges:credential>`),
        ),
      ErrorCode.IMAGE_AMBIGUOUS,
    );
    // A 2.0 assertion beside it (its prefix bound where it is used; "openbadges" here means 3.0).
    thrown(
      () => extractCredential(wrap(`${element}<ob2:assertion xmlns:ob2="http://openbadges.org" verify="x"/>`)),
      ErrorCode.IMAGE_AMBIGUOUS,
    );
    expect(extractCredential(wrap(`${element}<openbadges:assertion verify="x"/>`)).credential).toBe(jwt);
  });

  it('no credential: the plain badge, and an empty element', () => {
    expect(thrown(() => extractCredential(badgeSvg()), ErrorCode.IMAGE_NO_CREDENTIAL).message).toMatch(
      /SVG holds no baked credential/,
    );
    thrown(
      () => extractCredential(wrap('<openbadges:credential>\n  </openbadges:credential>')),
      ErrorCode.IMAGE_NO_CREDENTIAL,
    );
  });

  it('an Open Badges 2.0 badge is recognised as such', () => {
    const ob2 =
      '<svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="https://example.org/assertion.json"></openbadges:assertion></svg>';
    expect(thrown(() => extractCredential(ob2), ErrorCode.IMAGE_OPEN_BADGES_2).message).toMatch(
      /Open Badges 2\.0 badge/,
    );
  });

  it('malformed XML and non-SVG documents are named, with the line', () => {
    const cases: [string, RegExp][] = [
      [wrap('<g><openbadges:credential verify="a.b.c"/>'), /<\/svg> at line 1 closes <g>/],
      [`<svg ${NS}>\n<openbadges:credential verify="a.b.c"/>`, /cut short/],
      [`<svg ${NS}>\n\n<g a="1" a="2"/></svg>`, /attribute "a" twice at line 3/],
      [wrap('<!-- never closed'), /comment that is never closed/],
      ['<html><body/></html>', /root element is <html>, not <svg>/],
      [wrap('<openbadges:credential><b>x</b></openbadges:credential>'), /contains another element/],
      [`${wrap('')}<svg/>`, /second root element/],
      ['<?xml version="1.0" encoding="ISO-8859-1"?><svg/>', /encoding "ISO-8859-1"/],
      ['\uFEFF<?xml version="1.0" encoding="UTF-16"?><svg/>', /encoding "UTF-16"/],
    ];
    for (const [text, message] of cases)
      expect(thrown(() => extractCredential(text), ErrorCode.IMAGE_INVALID).message).toMatch(message);
  });

  it('bytes that are not UTF-8, and text that is not XML, are not SVG images', () => {
    expect(
      thrown(() => extractCredential(Uint8Array.from([0x3c, 0x73, 0x76, 0x67, 0xff, 0xfe])), ErrorCode.IMAGE_INVALID)
        .message,
    ).toMatch(/not valid UTF-8/);
    expect(thrown(() => extractCredential('{"not": "an image"}'), ErrorCode.IMAGE_INVALID).message).toMatch(
      /not an SVG image/,
    );
  });
});
