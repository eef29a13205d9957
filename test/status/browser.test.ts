// Status lists in headless Chromium: the status check (GZIP through the browser's
// DecompressionStream) and the registry with its memory store run in the browser bundle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCredential, type StatusListCredential, type VerificationReport } from '../../src/index.js';
import { NOW, unsignedCredential } from '../helpers/credential.js';
import { browserAvailable, openBrowser, type BrowserSession } from '../browser/harness.js';
import { newRegistry } from './helpers.js';

type Api = typeof import('../../src/index.js');

describe.skipIf(!browserAvailable)('status lists in headless Chromium', () => {
  let browser: BrowserSession;

  beforeAll(async () => {
    browser = await openBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('a credential revoked in Node is reported revoked in the browser, and its neighbour on the list is not', async () => {
    const { key, registry } = await newRegistry({ purposes: ['revocation'] });
    await registry.createLists();
    const revoked = await issueCredential(unsignedCredential(key), { key, now: NOW, status: registry });
    const kept = await issueCredential(unsignedCredential(key), { key, now: NOW, status: registry });
    await registry.revoke(revoked.id);
    const lists = await registry.publish();
    const reports = await browser.page.evaluate(
      async ([credentials, published, now]) => {
        const { DocumentLoader, verifyCredential } = (globalThis as unknown as { microcred: Api }).microcred;
        const loader = new DocumentLoader({ documents: Object.fromEntries(published.map((l) => [l.id, l])) });
        return Promise.all(credentials.map((c) => verifyCredential(c, { loader, now: new Date(now) })));
      },
      [[revoked, kept], lists, NOW.toISOString()] as [unknown[], StatusListCredential[], string],
    );
    const status = (report: VerificationReport) => report.checks.find((c) => c.id === 'status');
    expect(status(reports[0] as VerificationReport)?.problem?.code).toBe('ERR_REVOKED');
    expect(reports[1]).toMatchObject({ verified: true });
    expect(browser.pageErrors).toEqual([]);
  });

  it('the registry issues, suspends and publishes in the browser; the list verifies there', async () => {
    const result = await browser.page.evaluate(async (now) => {
      const { DocumentLoader, MemoryStatusStore, StatusRegistry, generateKey, issueCredential, verifyCredential } = (
        globalThis as unknown as { microcred: Api }
      ).microcred;
      const key = await generateKey();
      const registry = new StatusRegistry({
        store: new MemoryStatusStore(),
        key,
        listBaseUrl: 'https://pd.example.org/status',
        clock: () => new Date(now),
      });
      const draft = {
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        name: 'Browser badge',
        issuer: { id: key.controller, type: ['Profile'], name: 'Browser issuer' },
        credentialSubject: {
          type: ['AchievementSubject'],
          id: 'did:example:b',
          achievement: {
            id: 'https://pd.example.org/a',
            type: ['Achievement'],
            name: 'A',
            description: 'D',
            criteria: { narrative: 'N' },
          },
        },
      };
      const signed = await issueCredential(draft, { key, now: new Date(now), status: registry });
      await registry.suspend(signed.id);
      const loader = new DocumentLoader({
        documents: Object.fromEntries((await registry.publish()).map((l) => [l.id, l])),
      });
      const report = await verifyCredential(signed, { loader, now: new Date(now) });
      return report.checks.find((c) => c.id === 'status')?.parts?.map((p) => p.problem?.code ?? p.outcome);
    }, NOW.toISOString());
    expect(result).toEqual(['passed', 'ERR_SUSPENDED']);
  });
});
