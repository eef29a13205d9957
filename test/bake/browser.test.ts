// Baked badges in a real browser (headless Chromium, see test/browser/harness.ts): src/bake uses no
// Node built-in and no Buffer, so a page verifies a badge image's bytes and bakes one itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bakeCredential, extractCredential, type SignedCredential, type VerificationReport } from '../../src/index.js';
import { browserAvailable, openBrowser, type BrowserSession } from '../browser/harness.js';
import { NOW, badgePng, badgeSvg, pixels, signedCredential } from './helpers.js';

type Api = typeof import('../../src/index.js');

describe.skipIf(!browserAvailable)('baked badges in headless Chromium', () => {
  let browser: BrowserSession;
  let signed: SignedCredential;

  beforeAll(async () => {
    browser = await openBrowser();
    ({ signed } = await signedCredential());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  // Bytes cross into the page as a plain array of numbers and become a Uint8Array there.
  const verifyBytesInBrowser = (bytes: Uint8Array): Promise<VerificationReport> =>
    browser.page.evaluate(
      ([list, now]) =>
        (globalThis as unknown as { microcred: Api }).microcred.verifyCredential(new Uint8Array(list), {
          now: new Date(now),
        }),
      [[...bytes], NOW.toISOString()] as const,
    );

  it('verifies a PNG and an SVG baked in Node, given as bytes', async () => {
    for (const [kind, bytes] of [
      ['png', bakeCredential(badgePng(), signed)],
      ['svg', new TextEncoder().encode(bakeCredential(badgeSvg(), signed))],
    ] as const) {
      const report = await verifyBytesInBrowser(bytes);
      expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
      expect(report).toMatchObject({ verified: true, image: kind });
    }
    expect(browser.pageErrors).toEqual([]);
  });

  it('reports a damaged PNG with its code, as in Node', async () => {
    const baked = bakeCredential(badgePng(), signed);
    const report = await verifyBytesInBrowser(baked.subarray(0, baked.length - 30));
    expect(report.checks[0]).toMatchObject({
      id: 'extract',
      outcome: 'failed',
      problem: { code: 'ERR_IMAGE_TRUNCATED' },
    });
  });

  it('bakes a PNG in the browser that Node extracts, with the same pixels', async () => {
    const list = await browser.page.evaluate(
      ([png, credential]) => [
        ...(globalThis as unknown as { microcred: Api }).microcred.bakeCredential(new Uint8Array(png), credential),
      ],
      [[...badgePng()], signed as unknown as Record<string, unknown>] as const,
    );
    const baked = Uint8Array.from(list);
    expect(extractCredential(baked).credential).toEqual(signed);
    expect(pixels(baked).data.equals(pixels(badgePng()).data)).toBe(true);
  });
});
