// Input limits: too large, too deep, too many proofs or values are declined at parse with their own
// codes, before any expensive work (could not be checked: the limit is the verifier's, the credential
// may be genuine); whatever the input, the report never echoes megabytes of it.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_LIMITS,
  generateKey,
  issueCredential,
  verifyCredential,
  type SignedCredential,
  type VerificationReport,
} from '../../src/index.js';
import { NOW, check, clone, unsignedCredential } from '../helpers/credential.js';

let signed: SignedCredential;
beforeAll(async () => {
  const key = await generateKey();
  signed = await issueCredential(unsignedCredential(key), { key, now: NOW });
});

const MB = 1024 * 1024;

function refusedAtParse(report: VerificationReport, code: string): void {
  expect(check(report, 'parse')).toMatchObject({ outcome: 'could-not-check', problem: { code } });
  expect(
    report.checks.slice(report.checks.findIndex((c) => c.id === 'parse') + 1).every((c) => c.outcome === 'skipped'),
  ).toBe(true);
  expect(report).toMatchObject({ verified: false, authentic: false, summary: 'could-not-check' });
}

// A credential whose subject carries `levels` nested objects.
function nested(levels: number): Record<string, unknown> {
  const doc = clone(signed) as unknown as Record<string, unknown>;
  let node: Record<string, unknown> = doc.credentialSubject as Record<string, unknown>;
  for (let i = 0; i < levels; i++) node = (node.n = {}) as Record<string, unknown>;
  return doc;
}

describe('the defaults', () => {
  it('are documented and exported: 4 MiB, 64 levels, 4 proofs, 5,000 values, 256 characters echoed, 16 credentials in a presentation', () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxInputBytes: 4 * MB,
      maxDepth: 64,
      maxProofs: 4,
      maxValues: 5_000,
      maxEchoLength: 256,
      maxStatusEntries: 8,
      maxStatusLists: 4,
      maxContexts: 64,
      maxSchemas: 4,
      maxSchemaBytes: 256 * 1024,
      maxPresentationCredentials: 16,
    });
    expect(Object.isFrozen(DEFAULT_LIMITS)).toBe(true);
  });

  it('leave an ordinary credential verified', async () => {
    expect(await verifyCredential(signed, { now: NOW })).toMatchObject({ verified: true, authentic: true });
  });
});

describe('maximum input size (ERR_INPUT_TOO_LARGE)', () => {
  it.each<[string, () => unknown]>([
    ['JSON text over 4 MiB', () => JSON.stringify({ ...signed, description: 'x'.repeat(5 * MB) })],
    ['a 50 MB string that is not even JSON', () => '{'.repeat(50 * MB)],
    [
      'text of multi-byte characters, 4 MiB of bytes in fewer characters',
      () => JSON.stringify({ ...signed, description: 'é'.repeat(2.5 * MB) }),
    ],
    ['an object whose JSON would be over 4 MiB', () => ({ ...clone(signed), description: 'x'.repeat(5 * MB) })],
  ])('%s is refused at parse, quickly', async (_name, make) => {
    const input = make();
    const started = performance.now();
    const report = await verifyCredential(input, { now: NOW });
    refusedAtParse(report, 'ERR_INPUT_TOO_LARGE');
    expect(check(report, 'parse').problem?.detail).toContain(String(4 * MB));
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('bytes over 4 MiB (an image) are declined before they are read, by the extract check', async () => {
    const report = await verifyCredential(new Uint8Array(5 * MB), { now: NOW });
    expect(check(report, 'extract')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_INPUT_TOO_LARGE' },
    });
    expect(report.summary).toBe('could-not-check');
    const small = await verifyCredential(new Uint8Array(2 * 1024), { now: NOW, limits: { maxInputBytes: 1024 } });
    expect(check(small, 'extract').problem?.code).toBe('ERR_INPUT_TOO_LARGE');
    const invalid = await verifyCredential(new Uint8Array(2 * 1024), { now: NOW, limits: { maxInputBytes: -1 } });
    expect(check(invalid, 'extract').problem?.code).not.toBe('ERR_INPUT_TOO_LARGE');
  });

  it('limits.maxInputBytes overrides the default, both ways', async () => {
    refusedAtParse(
      await verifyCredential(JSON.stringify(signed), { now: NOW, limits: { maxInputBytes: 1024 } }),
      'ERR_INPUT_TOO_LARGE',
    );
    const large = { ...clone(signed), description: 'x'.repeat(5 * MB) };
    const report = await verifyCredential(large, { now: NOW, limits: { maxInputBytes: 8 * MB } });
    expect(check(report, 'parse').outcome).toBe('passed');
    // Read in full, and the added description is not what was signed.
    expect(check(report, 'signature').problem?.code).toBe('ERR_SIGNATURE_INVALID');
  });
});

describe('maximum nesting depth (ERR_INPUT_TOO_DEEP)', () => {
  it('an object nested past 64 levels is refused at parse, naming the path where it went too deep', async () => {
    const report = await verifyCredential(nested(70), { now: NOW });
    refusedAtParse(report, 'ERR_INPUT_TOO_DEEP');
    expect(check(report, 'parse').problem?.path).toBe(`credentialSubject${'.n'.repeat(63)}`);
  });

  it('the same as JSON text, and 100,000 levels as text or object, answer just as fast', async () => {
    const deepText = `{"a":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_001)}`;
    let deepObject: Record<string, unknown> = {};
    for (let i = 0; i < 100_000; i++) deepObject = { a: deepObject };
    for (const input of [JSON.stringify(nested(70)), deepText, deepObject]) {
      const started = performance.now();
      refusedAtParse(await verifyCredential(input, { now: NOW }), 'ERR_INPUT_TOO_DEEP');
      expect(performance.now() - started).toBeLessThan(5_000);
    }
  });

  it('limits.maxDepth overrides the default, both ways', async () => {
    refusedAtParse(await verifyCredential(signed, { now: NOW, limits: { maxDepth: 3 } }), 'ERR_INPUT_TOO_DEEP');
    const report = await verifyCredential(nested(70), { now: NOW, limits: { maxDepth: 100 } });
    expect(check(report, 'parse').outcome).toBe('passed');
    expect(report.verified).toBe(false);
  });
});

describe('maximum proofs (ERR_INPUT_TOO_MANY_PROOFS)', () => {
  const withProofs = (n: number) => ({ ...clone(signed), proof: Array.from({ length: n }, () => clone(signed.proof)) });

  it('five proofs are refused at parse, before any signature is checked', async () => {
    const report = await verifyCredential(withProofs(5), { now: NOW });
    refusedAtParse(report, 'ERR_INPUT_TOO_MANY_PROOFS');
    expect(check(report, 'parse').problem?.path).toBe('proof');
  });

  it('four are checked, each (the same proof four times still verifies)', async () => {
    const report = await verifyCredential(withProofs(4), { now: NOW });
    expect(check(report, 'signature').parts).toHaveLength(4);
    expect(report.verified).toBe(true);
  });

  it('limits.maxProofs overrides the default', async () => {
    refusedAtParse(
      await verifyCredential(withProofs(2), { now: NOW, limits: { maxProofs: 1 } }),
      'ERR_INPUT_TOO_MANY_PROOFS',
    );
  });
});

describe('maximum values (ERR_INPUT_TOO_MANY_VALUES)', () => {
  // Defined terms all through, so that nothing would stop JSON-LD processing early: the costly case.
  const withAlignments = (n: number) => {
    const doc = clone(signed) as unknown as { credentialSubject: { achievement: Record<string, unknown> } };
    doc.credentialSubject.achievement.alignment = Array.from({ length: n }, (_, i) => ({
      type: ['Alignment'],
      targetName: `t${i}`,
      targetUrl: `https://a.example/${i}`,
    }));
    return doc;
  };

  it.each<[string, () => unknown]>([
    ['2,000 alignments (about 10,000 values, 160 kB)', () => withAlignments(2_000)],
    [
      'an object of 300,000 small members',
      () => ({
        ...clone(signed),
        credentialSubject: Object.fromEntries(Array.from({ length: 300_000 }, (_, i) => [`k${i}`, i])),
      }),
    ],
    ['the same as JSON text', () => JSON.stringify(withAlignments(2_000))],
  ])('%s: refused at parse, quickly', async (_name, make) => {
    const input = make();
    const started = performance.now();
    refusedAtParse(await verifyCredential(input, { now: NOW }), 'ERR_INPUT_TOO_MANY_VALUES');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('900 alignments are within the default and checked in full (and the changed credential fails its signature)', async () => {
    const report = await verifyCredential(withAlignments(900), { now: NOW });
    expect(check(report, 'parse').outcome).toBe('passed');
    expect(check(report, 'signature').problem?.code).toBe('ERR_SIGNATURE_INVALID');
  });

  it('limits.maxValues overrides the default, both ways', async () => {
    refusedAtParse(
      await verifyCredential(signed, { now: NOW, limits: { maxValues: 10 } }),
      'ERR_INPUT_TOO_MANY_VALUES',
    );
    expect(
      check(await verifyCredential(withAlignments(1_200), { now: NOW, limits: { maxValues: 7_000 } }), 'parse').outcome,
    ).toBe('passed');
  });
});

describe('what the report echoes is cut to maxEchoLength, with an ellipsis', () => {
  const huge = 'z'.repeat(MB);

  it('a megabyte issuer id: the summary, the issuer check and the report stay small', async () => {
    const doc = clone(signed) as unknown as Record<string, unknown>;
    (doc.issuer as Record<string, unknown>).id = `did:example:${huge}`;
    doc.name = huge;
    const report = await verifyCredential(doc, { now: NOW });
    expect(report.credential?.issuer?.id).toHaveLength(256);
    expect(report.credential?.issuer?.id?.endsWith('…')).toBe(true);
    expect(report.credential?.name).toHaveLength(256);
    expect(JSON.stringify(report).length).toBeLessThan(16 * 1024);
  });

  it('a megabyte key: the path and the detail that name it are cut', async () => {
    const doc = { ...clone(signed), [huge]: 'x' };
    const report = await verifyCredential(doc, { now: NOW });
    const problem = check(report, 'jsonld').problem;
    expect(problem?.code).toBe('ERR_TERM_UNDEFINED');
    expect(problem?.path).toHaveLength(256);
    expect(problem?.detail.length).toBeLessThanOrEqual(4 * 256);
    expect(problem?.detail).toContain('…');
    expect(problem?.detail).toContain('is not defined');
    expect(JSON.stringify(report).length).toBeLessThan(16 * 1024);
  });

  it.each<[string, (doc: Record<string, unknown>) => void]>([
    [
      'a megabyte type name',
      (doc) => {
        doc.type = ['VerifiableCredential', huge];
      },
    ],
    [
      'a megabyte @context URL',
      (doc) => {
        doc['@context'] = [(doc['@context'] as string[])[0], `https://example.org/${huge}`];
      },
    ],
    [
      'a megabyte date',
      (doc) => {
        doc.validUntil = huge;
      },
    ],
    [
      'a megabyte proof type',
      (doc) => {
        (doc.proof as Record<string, unknown>).type = huge;
      },
    ],
    [
      'a megabyte of undefined terms',
      (doc) => {
        Object.assign(doc, Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`undefinedTerm${i}`, i])));
      },
    ],
  ])('%s: every string of the report is short', async (_name, change) => {
    const doc = clone(signed) as unknown as Record<string, unknown>;
    change(doc);
    const report = await verifyCredential(doc, { now: NOW });
    expect(report.verified).toBe(false);
    expect(longestString(report)).toBeLessThanOrEqual(4 * 256);
  });

  it('limits.maxEchoLength overrides the default', async () => {
    const doc = { ...clone(signed), name: 'A name longer than twenty characters' };
    const report = await verifyCredential(doc, { now: NOW, limits: { maxEchoLength: 20 } });
    expect(report.credential?.name).toBe('A name longer than …');
    expect(longestString(report)).toBeLessThanOrEqual(80);
  });
});

describe('limits that are not positive whole numbers', () => {
  it.each<[string, unknown]>([
    ['negative', { maxInputBytes: -1, maxDepth: -5 }],
    ['zero', { maxProofs: 0, maxEchoLength: 0 }],
    ['not numbers', { maxInputBytes: '10', maxDepth: null, maxProofs: {} }],
    ['NaN and Infinity', { maxInputBytes: Number.NaN, maxDepth: Infinity, maxEchoLength: 2.5 }],
    ['not an object', 'small'],
    ['null', null],
  ])('%s: ignored, the defaults apply', async (_name, limits) => {
    const report = await verifyCredential(signed, { now: NOW, limits: limits as never });
    expect(report).toMatchObject({ verified: true, authentic: true });
  });
});

function longestString(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (value === null || typeof value !== 'object') return 0;
  return Math.max(0, ...Object.values(value).map(longestString));
}
