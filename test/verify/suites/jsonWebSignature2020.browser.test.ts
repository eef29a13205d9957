// JsonWebSignature2020 in a real browser (headless Chromium, the public API bundled for browsers):
// the credentials the field's package signed (fixtures/transmute-jws2020.json) verify there with
// WebCrypto (EdDSA, ES256, ES384); ES256K, which WebCrypto lacks, is "could not check", never a failure.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerificationReport } from '../../../src/index.js';
import { NOW } from '../../helpers/credential.js';
import { browserAvailable, openBrowser, type BrowserSession } from '../../browser/harness.js';

type Api = typeof import('../../../src/index.js');
type Doc = Record<string, unknown>;

const { documents, credentials } = JSON.parse(
  readFileSync(new URL('./fixtures/transmute-jws2020.json', import.meta.url), 'utf8'),
) as { documents: Record<string, Doc>; credentials: Record<string, Doc> };

describe.skipIf(!browserAvailable)('JsonWebSignature2020 in headless Chromium', () => {
  let browser: BrowserSession;

  const verifyInBrowser = (input: unknown): Promise<VerificationReport> =>
    browser.page.evaluate(
      ([value, held, now]) =>
        (globalThis as unknown as { microcred: Api }).microcred.verifyCredential(value, {
          documents: held,
          now: new Date(now),
        }),
      [input, documents, NOW.toISOString()] as const,
    );

  beforeAll(async () => {
    browser = await openBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it.each(['ed25519', 'p256', 'p384'])('%s: verifies in the browser; a changed name does not', async (name) => {
    const credential = credentials[name] as Doc;
    const report = await verifyInBrowser(credential);
    expect(report.checks.find((c) => c.id === 'signature')?.outcome).toBe('passed');
    expect(report.authentic).toBe(true);
    const changed = await verifyInBrowser({ ...credential, name: 'Changed after signing' });
    expect(changed.checks.find((c) => c.id === 'signature')?.problem?.code).toBe('ERR_SIGNATURE_INVALID');
  });

  it('secp256k1 (ES256K): could not be checked in the browser (ERR_JWS_ALG_UNSUPPORTED), not found wrong', async () => {
    const report = await verifyInBrowser(credentials.secp256k1);
    expect(report.checks.find((c) => c.id === 'signature')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_JWS_ALG_UNSUPPORTED', path: 'proof.jws' },
    });
    expect(report.checks.some((c) => c.outcome === 'failed')).toBe(false);
  });
});
