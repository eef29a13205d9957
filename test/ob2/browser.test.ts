// Open Badges 2.0 in a real browser (headless Chromium): the signed assertion of the 1EdTech
// validator's resources verified with WebCrypto (RS256) and its recipient hash compared, as in Node.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCredential, type VerificationReport } from '../../src/index.js';
import { browserAvailable, openBrowser, type BrowserSession } from '../browser/harness.js';
import { NOW } from './helpers.js';

type Api = typeof import('../../src/index.js');

const DIR = fileURLToPath(new URL('../fixtures/1edtech-validator/ob20/', import.meta.url));
const jws = readFileSync(`${DIR}simple.jwt`, 'utf8').trim();
const documents = Object.fromEntries(
  ['key1.json', 'organization.json', 'robotics-badge.json'].map((name) => {
    const doc = JSON.parse(readFileSync(`${DIR}assets/${name}`, 'utf8')) as { id: string };
    return [doc.id, doc];
  }),
);

describe.skipIf(!browserAvailable)('an Open Badges 2.0 assertion in headless Chromium', () => {
  let browser: BrowserSession;

  beforeAll(async () => {
    browser = await openBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('verifies as in Node, recipient included', async () => {
    const options = { documents, recipient: 'nobody@example.org' };
    const inBrowser = await browser.page.evaluate(
      ([input, opts, now]) =>
        (globalThis as unknown as { microcred: Api }).microcred.verifyCredential(input, {
          ...opts,
          now: new Date(now),
        }) as Promise<VerificationReport>,
      [jws, options, NOW.toISOString()] as const,
    );
    const inNode = await verifyCredential(jws, { ...options, now: NOW });
    expect(inBrowser).toMatchObject({ verified: true, format: 'open-badges-2.0' });
    expect(inBrowser.checks.find((c) => c.id === 'recipient')?.outcome).toBe('passed');
    expect(inBrowser.checks).toEqual(inNode.checks);
  });
});
