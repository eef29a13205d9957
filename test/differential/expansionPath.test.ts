// The compiled expansion, seen through the public API: issuing and verifying a usual credential run
// no generic JSON-LD expansion at all (jsonld.expand is the entry of every generic expansion, toRDF's
// and canonize's included), while an unusual one still goes to jsonld and gets jsonld's verdict.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import jsonld from 'jsonld';
import { DocumentLoader, generateKey, issueCredential, verifyCredential, type Key } from '../../src/index.js';
import { check, NOW, unsignedCredential } from '../helpers/credential.js';

const loader = new DocumentLoader();
// Signed before the verifier's pinned clock.
const ISSUED = new Date('2026-01-15T09:00:00Z');
let key: Key;

beforeAll(async () => {
  key = await generateKey();
  // The first operation processes the bundled contexts and templates the proof options: not counted.
  await verifyCredential(await issueCredential(unsignedCredential(key), { key, loader, now: ISSUED }), {
    loader,
    now: NOW,
  });
  await verifyCredential(
    await issueCredential(unsignedCredential(key), { key, loader, now: ISSUED, suite: 'Ed25519Signature2020' }),
    {
      loader,
      now: NOW,
    },
  );
});

afterEach(() => {
  vi.restoreAllMocks();
});

function countExpansions(): { calls: () => number } {
  const spy = vi.spyOn(jsonld, 'expand');
  return { calls: () => spy.mock.calls.length };
}

describe('the compiled expansion on the issue and verify paths', () => {
  for (const suite of ['eddsa-rdfc-2022', 'Ed25519Signature2020'] as const) {
    it(`issues and verifies a usual ${suite} credential without any generic expansion`, async () => {
      const expansions = countExpansions();
      const signed = await issueCredential(unsignedCredential(key, { description: `Issued with ${suite}.` }), {
        key,
        loader,
        now: ISSUED,
        suite,
      });
      const report = await verifyCredential(signed, { loader, now: NOW });
      expect(report.checks.filter((c) => c.problem)).toEqual([]);
      expect(report.verified).toBe(true);
      expect(expansions.calls()).toBe(0);
    });
  }

  it('leaves a credential with an inline context to jsonld, with the same verdict', async () => {
    const draft = unsignedCredential(key);
    (draft as Record<string, unknown>)['@context'] = [
      ...(draft['@context'] as string[]),
      { motto: 'https://example.org/vocab#motto' },
    ];
    draft.motto = 'Learning by doing';
    const signed = await issueCredential(draft, { key, loader, now: ISSUED });
    const expansions = countExpansions();
    const report = await verifyCredential(signed, { loader, now: NOW });
    expect(check(report, 'jsonld').outcome).not.toBe('failed');
    expect(report.verified).toBe(true);
    expect(expansions.calls()).toBeGreaterThan(0);
  });

  it('names an undefined term as jsonld does (the compiled path leaves it to jsonld)', async () => {
    const signed = await issueCredential(unsignedCredential(key), { key, loader, now: ISSUED });
    const forged = structuredClone(signed) as Record<string, unknown>;
    (forged.credentialSubject as Record<string, unknown>).favouriteColour = 'teal';
    const expansions = countExpansions();
    const report = await verifyCredential(forged, { loader, now: NOW });
    expect(report.verified).toBe(false);
    expect(check(report, 'jsonld').problem).toMatchObject({
      code: 'ERR_TERM_UNDEFINED',
      path: 'credentialSubject.favouriteColour',
    });
    expect(expansions.calls()).toBeGreaterThan(0);
  });
});
