// Whatever the bytes, extractCredential answers with a credential or a MicrocredError, and
// verifyCredential with a report: never another error, never a hang.
import { textOfBytes } from '../../src/verify/inputText.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ErrorCode, MicrocredError, bakeCredential, extractCredential, verifyCredential } from '../../src/index.js';
import {
  NOW,
  badgePng,
  badgeSvg,
  insertBeforeIend,
  latinText,
  signedCredential,
  signedJwt,
  thrown,
} from './helpers.js';

function outcomeOf(image: Uint8Array | string): 'credential' | string {
  try {
    extractCredential(image);
    return 'credential';
  } catch (error) {
    if (!(error instanceof MicrocredError)) throw error;
    return error.code;
  }
}

describe('damaged and crafted images', async () => {
  const { key } = await signedCredential();
  const jwt = await signedJwt(key);
  const png = bakeCredential(badgePng(), jwt);
  const svg = bakeCredential(badgeSvg(), jwt);

  it('a PNG with bytes changed, cut or spliced anywhere gives a credential or an image error', () => {
    const edit = fc.record({
      at: fc.nat({ max: png.length - 1 }),
      bytes: fc.uint8Array({ minLength: 0, maxLength: 8 }),
      cut: fc.nat({ max: 8 }),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let image = png;
        for (const { at, bytes, cut } of edits)
          image = Buffer.concat([image.subarray(0, at), bytes, image.subarray(Math.min(image.length, at + cut))]);
        expect(outcomeOf(image)).toMatch(/^(credential|ERR_IMAGE_[A-Z_0-9]+|ERR_INPUT_[A-Z_]+|ERR_JWT_MALFORMED)$/);
      }),
      { numRuns: 300 },
    );
  });

  it('an SVG with markup inserted anywhere gives a credential or an image error', () => {
    const pieces = fc.constantFrom(
      '<',
      '>',
      '&',
      '&amp;',
      '&x;',
      ']]>',
      '<![CDATA[',
      '<!--',
      '-->',
      '"',
      "'",
      '<openbadges:credential verify="a.b.c">',
      '</openbadges:credential>',
      '<!DOCTYPE svg [',
      '<?',
      '</svg>',
      '<g>',
      '\u0000',
    );
    fc.assert(
      fc.property(fc.nat({ max: svg.length }), fc.array(pieces, { minLength: 1, maxLength: 4 }), (at, inserted) => {
        expect(outcomeOf(svg.slice(0, at) + inserted.join('') + svg.slice(at))).toMatch(
          /^(credential|ERR_IMAGE_[A-Z_0-9]+|ERR_INPUT_[A-Z_]+|ERR_JWT_MALFORMED)$/,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('a crafted file of many baked elements or chunks costs one pass: ambiguous, counted, a few listed', () => {
    const many = 100_000;
    const ns = 'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"';
    const crowdedSvg = `<svg ${ns}>${'<openbadges:credential verify="a.b.c"/>\n'.repeat(many)}</svg>`;
    const started = performance.now();
    const error = thrown(() => extractCredential(crowdedSvg), ErrorCode.IMAGE_AMBIGUOUS);
    expect(error.details).toMatchObject({ count: many });
    expect(error.details.found).toHaveLength(10);
    expect(error.message).toContain(`(line 3), and ${many - 3} more`);
    const chunk = latinText('tEXt', 'openbadges', '');
    const crowdedPng = insertBeforeIend(badgePng(), ...Array.from({ length: many }, () => chunk));
    expect(thrown(() => extractCredential(crowdedPng), ErrorCode.IMAGE_AMBIGUOUS).details).toMatchObject({
      count: many,
    });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('an SVG nested deeper than any drawing is refused', () => {
    const deep = `<svg>${'<g>'.repeat(300)}${'</g>'.repeat(300)}</svg>`;
    expect(thrown(() => extractCredential(deep), ErrorCode.IMAGE_INVALID).message).toMatch(
      /nests elements more than 256 deep/,
    );
  });

  it('verifyCredential returns a report for random bytes and random text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 64 }),
          fc.string({ maxLength: 64 }).map((s) => `<${s}`),
        ),
        async (input) => {
          const report = await verifyCredential(input, { now: NOW });
          // Bytes of text (an upload of JSON or a JWT) are read as text; anything else as an image.
          expect(report.checks[0]?.id).toBe(typeof input !== 'string' && textOfBytes(input) ? 'parse' : 'extract');
          expect(report.verified).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
  });
});
