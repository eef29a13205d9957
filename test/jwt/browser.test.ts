// VC-JWTs in a real browser (headless Chromium, the harness of test/browser): jose-made tokens of
// every algorithm verify there as in Node, P-256 did:key keys resolve, a tampered token fails, and a
// token issued in the browser verifies in Node.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCredential, type VerificationReport } from '../../src/index.js';
import { NOW } from '../helpers/credential.js';
import { browserAvailable, openBrowser, type BrowserSession } from '../browser/harness.js';
import {
  ALGS,
  DID_WEB,
  controllerDocument,
  didKeyMethod,
  obCredential,
  signJwt,
  tampered,
  testKey,
  type TestKey,
} from './helpers.js';

type Api = typeof import('../../src/index.js');

describe.skipIf(!browserAvailable)('VC-JWTs in headless Chromium', () => {
  let browser: BrowserSession;
  let keys: TestKey[];

  // Runs verifyCredential in the page, with a loader holding `documents`.
  const verifyInBrowser = (jwt: string, documents: Record<string, unknown> = {}): Promise<VerificationReport> =>
    browser.page.evaluate(
      ([value, now, docs]) => {
        const { verifyCredential: verify, DocumentLoader } = (globalThis as unknown as { microcred: Api }).microcred;
        return verify(value, { now: new Date(now), loader: new DocumentLoader({ documents: docs }) });
      },
      [jwt, NOW.toISOString(), documents] as const,
    );

  beforeAll(async () => {
    [browser, keys] = await Promise.all([openBrowser(), Promise.all(ALGS.map((alg) => testKey(alg)))]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('verifies EdDSA, ES256 and RS256 tokens made by jose, and fails a tampered one, as Node does', async () => {
    const documents = { [DID_WEB]: controllerDocument(DID_WEB, keys) };
    for (const [i, key] of keys.entries()) {
      const jwt = key.didKey
        ? await signJwt(obCredential(key.didKey), key, { kid: didKeyMethod(key.didKey) })
        : await signJwt(obCredential(DID_WEB), key, { kid: `${DID_WEB}#key-${i + 1}` });
      const report = await verifyInBrowser(jwt, documents);
      expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
      expect(report).toMatchObject({ verified: true, format: 'vc-jwt' });

      const forged = tampered(jwt, 'payload', (p) => {
        p.name = 'Something else';
      });
      const inBrowser = await verifyInBrowser(forged, documents);
      expect(inBrowser.checks.find((c) => c.id === 'signature')).toMatchObject({
        outcome: 'failed',
        problem: { code: 'ERR_SIGNATURE_INVALID' },
      });
    }
    expect(browser.pageErrors).toEqual([]);
  });

  it('issues a VC-JWT with a P-256 key made in the browser, which Node verifies', async () => {
    const draft = obCredential('did:example:replaced');
    const jwt = await browser.page.evaluate(async (unsigned) => {
      const { generateKey, issueCredential } = (globalThis as unknown as { microcred: Api }).microcred;
      const key = await generateKey({ type: 'p256' });
      return issueCredential({ ...unsigned, issuer: { ...(unsigned.issuer as object), id: key.controller } } as never, {
        key,
        format: 'jwt',
      });
    }, draft);
    expect(await verifyCredential(jwt, { now: NOW })).toMatchObject({
      verified: true,
      credential: { proof: { alg: 'ES256' } },
    });
  });
});
