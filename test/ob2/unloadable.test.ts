// The Open Badges 2.0 checks load on first use. Where that load fails (a web page gone offline, a
// chunk the server no longer has), verifyCredential still returns a report: could-not-check, with
// what happened, never a rejected promise.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { NOW, assertion, issuerDocuments, rsaPair, signJws } from './helpers.js';

vi.mock('../../src/ob2/verifyOpenBadges2.js', () => {
  throw new Error('Failed to fetch dynamically imported module: /assets/verifyOpenBadges2.js');
});

afterAll(() => {
  vi.doUnmock('../../src/ob2/verifyOpenBadges2.js');
});

describe('an Open Badges 2.0 assertion when its checks cannot be loaded', () => {
  it('is could-not-check at parse (ERR_INTERNAL, the reason given), the rest skipped, and nothing throws', async () => {
    const { verifyCredential } = await import('../../src/index.js');
    const pair = rsaPair();
    const jws = await signJws(assertion('signed'), pair);
    const report = await verifyCredential(jws, { now: NOW, documents: issuerDocuments(pair) });
    expect(report.verified).toBe(false);
    expect(report.summary).toBe('could-not-check');
    const parse = report.checks.find((c) => c.id === 'parse');
    expect(parse).toMatchObject({ outcome: 'could-not-check', problem: { code: 'ERR_INTERNAL' } });
    expect(parse?.problem?.detail).toContain('Open Badges 2.0');
    // The loader's own reason follows (here vitest's word for the failed module).
    expect(parse?.problem?.detail).toMatch(/could not be loaded: \S/);
    expect(report.checks.filter((c) => c.id !== 'parse').every((c) => c.outcome === 'skipped')).toBe(true);
  });
});
