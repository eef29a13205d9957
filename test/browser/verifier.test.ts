// The verifier in a real browser (headless Chromium): the public API bundled for browsers with no
// Node built-ins, verifying credentials made in Node, a credential from another issuer, tampered
// copies and garbage, and issuing there for Node to verify. Skipped with a message only where no
// Chromium is installed outside CI; in CI (`.ci/run` installs Debian's chromium) it always runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateKey,
  issueCredential,
  verifyCredential,
  type SignedCredential,
  type VerificationReport,
} from '../../src/index.js';
import { NOW, clone, fixture, unsignedCredential } from '../helpers/credential.js';
import * as vc from '@digitalbazaar/vc';
import { digitalBazaarLoader, digitalBazaarSuite } from '../helpers/digitalBazaar.js';
import { browserAvailable, CHROMIUM, openBrowser, type BrowserSession } from './harness.js';

if (!browserAvailable)
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH, or install Debian's chromium)`);

type Api = typeof import('../../src/index.js');

describe.skipIf(!browserAvailable)('the verifier in headless Chromium', () => {
  let browser: BrowserSession;
  let signed: SignedCredential;

  // Runs `verifyCredential(input, { now })` inside the page.
  const verifyInBrowser = (input: unknown): Promise<VerificationReport> =>
    browser.page.evaluate(
      ([value, now]) =>
        (globalThis as unknown as { microcred: Api }).microcred.verifyCredential(value, { now: new Date(now) }),
      [input, NOW.toISOString()] as const,
    );

  beforeAll(async () => {
    browser = await openBrowser();
    const key = await generateKey();
    signed = await issueCredential(unsignedCredential(key), { key, now: NOW });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('the public API bundles for browsers (no Node built-ins) and the page loads without errors', () => {
    expect(browser.pageErrors).toEqual([]);
  });

  it('a credential issued in Node verifies in the browser, every check passed', async () => {
    const report = await verifyInBrowser(signed);
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report).toMatchObject({ verified: true, authentic: true, summary: 'verified' });
  });

  it('a tampered copy fails the signature check in the browser, as in Node', async () => {
    const tampered = clone(signed) as unknown as { credentialSubject: { achievement: { name: string } } };
    tampered.credentialSubject.achievement.name = 'Something else';
    const [inBrowser, inNode] = await Promise.all([
      verifyInBrowser(tampered),
      verifyCredential(tampered, { now: NOW }),
    ]);
    expect(inBrowser.checks.find((c) => c.id === 'signature')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_SIGNATURE_INVALID' },
    });
    expect(inBrowser).toMatchObject({ verified: false, authentic: false });
    expect(inBrowser.checks).toEqual(inNode.checks);
  });

  it('an Ed25519Signature2020 credential from another issuer (DCC fixture) verifies in the browser', async () => {
    const report = await verifyInBrowser(
      fixture('dcc/vc-test-fixtures/verifiableCredentials/v2/ed25519/didKey/legacy-noStatus-noExpiry.json'),
    );
    expect(report.checks.find((c) => c.id === 'signature')?.outcome).toBe('passed');
    expect(report.authentic).toBe(true);
  });

  it.each([
    ['text that is not JSON', 'not json', 'ERR_INPUT_NOT_JSON'],
    ['null', null, 'ERR_INPUT_NOT_OBJECT'],
    ['a number', 42, 'ERR_INPUT_NOT_OBJECT'],
  ])('%s gets a report, not an exception, in the browser', async (_label, input, code) => {
    const report = await verifyInBrowser(input);
    expect(report.checks[0]).toMatchObject({ id: 'parse', outcome: 'failed', problem: { code } });
    expect(report.verified).toBe(false);
  });

  it('a credential issued in the browser (WebCrypto signer) verifies in Node and in the plain Digital Bazaar pipeline', async () => {
    const draft = unsignedCredential(await generateKey());
    // Signed at the tests' pinned moment: a proof created after the moment checked is refused.
    const made = await browser.page.evaluate(
      async ([unsigned, now]) => {
        const { generateKey: gen, issueCredential: issue } = (globalThis as unknown as { microcred: Api }).microcred;
        const key = await gen();
        return issue(
          {
            ...(unsigned as object),
            issuer: { ...(unsigned as { issuer: object }).issuer, id: key.controller },
          } as never,
          { key, now: new Date(now as string) },
        );
      },
      [draft as unknown as Record<string, unknown>, NOW.toISOString()] as const,
    );
    const report = await verifyCredential(made, { now: NOW });
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report.verified).toBe(true);
    const theirs = await vc.verifyCredential({
      credential: clone(made),
      suite: digitalBazaarSuite(),
      documentLoader: digitalBazaarLoader(),
      now: NOW,
    });
    expect(theirs.verified).toBe(true);
  });
});
