// The parse check and the promise behind it: verifyCredential never throws. Whatever it is given —
// a hostile value, a cycle, a throwing getter, megabytes of garbage — it answers with a report.
import { describe, expect, it } from 'vitest';
import { generateKey, issueCredential, verifyCredential, type VerificationReport } from '../../src/index.js';
import { NOW, check, clone, unsignedCredential } from '../helpers/credential.js';

function expectRefusedAtParse(report: VerificationReport, code: 'ERR_INPUT_NOT_JSON' | 'ERR_INPUT_NOT_OBJECT'): void {
  expect(check(report, 'parse')).toMatchObject({ outcome: 'failed', problem: { code } });
  expect(report.checks.slice(1).every((c) => c.outcome === 'skipped' && c.problem?.code === 'ERR_CHECK_SKIPPED')).toBe(
    true,
  );
  expect(report).toMatchObject({ authentic: false, verified: false, summary: 'invalid' });
  expect(report.credential).toBeUndefined();
}

describe('the parse check', () => {
  it('text that is not JSON: ERR_INPUT_NOT_JSON', async () => {
    expectRefusedAtParse(await verifyCredential('{"@context": [', { now: NOW }), 'ERR_INPUT_NOT_JSON');
  });

  it.each([
    ['JSON text of a list', '[1, 2]'],
    ['JSON text of a number', '42'],
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['a list', [{}]],
  ])('%s is not a credential: ERR_INPUT_NOT_OBJECT', async (_name, input) => {
    expectRefusedAtParse(await verifyCredential(input, { now: NOW }), 'ERR_INPUT_NOT_OBJECT');
  });

  it.each<[string, () => unknown, string | undefined]>([
    [
      'a cycle',
      () => {
        const a: Record<string, unknown> = { name: 'x' };
        a.self = a;
        return a;
      },
      'self',
    ],
    ['a function value', () => ({ name: () => 'x' }), 'name'],
    ['a bigint value', () => ({ credentialSubject: { creditsEarned: 3n } }), 'credentialSubject.creditsEarned'],
    ['NaN', () => ({ credentialSubject: { creditsEarned: Number.NaN } }), 'credentialSubject.creditsEarned'],
    ['a class instance', () => ({ validFrom: new Date('2026-01-01T00:00:00Z') }), 'validFrom'],
    ['a Map', () => new Map([['name', 'x']]), undefined],
  ])('an object with %s is not plain JSON: ERR_INPUT_NOT_OBJECT naming the path', async (_name, make, path) => {
    const report = await verifyCredential(make(), { now: NOW });
    expectRefusedAtParse(report, 'ERR_INPUT_NOT_OBJECT');
    expect(check(report, 'parse').problem?.path).toBe(path);
  });

  it('reads a credential once: a getter cannot show the verifier one value and the signature another', async () => {
    const key = await generateKey();
    const signed = clone(await issueCredential(unsignedCredential(key), { key, now: NOW }));
    let reads = 0;
    const shifty = { ...signed };
    Object.defineProperty(shifty, 'name', {
      enumerable: true,
      get: () => (reads++ === 0 ? signed.name : 'Changed on a later read'),
    });
    const report = await verifyCredential(shifty, { now: NOW });
    expect(reads).toBe(1);
    expect(report.verified).toBe(true);
    expect(report.credential?.name).toBe(signed.name);
  });

  it('drops members whose value is undefined, as JSON.stringify does', async () => {
    const key = await generateKey();
    const signed = clone(await issueCredential(unsignedCredential(key), { key, now: NOW }));
    const report = await verifyCredential({ ...signed, description: undefined }, { now: NOW });
    expect(report.verified).toBe(true);
  });

  it('does not let a "__proto__" key change the prototype of what later checks read', async () => {
    const report = await verifyCredential(
      '{"__proto__": {"polluted": true}, "@context": ["https://www.w3.org/ns/credentials/v2"]}',
      { now: NOW },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(check(report, 'parse').outcome).toBe('passed');
    expect(report.verified).toBe(false);
  });
});

describe('verifyCredential never throws', () => {
  const deeplyNested = () => {
    const root: Record<string, unknown> = { '@context': ['https://www.w3.org/ns/credentials/v2'] };
    let node = root;
    for (let i = 0; i < 100_000; i++) node = (node.x = {}) as Record<string, unknown>;
    return root;
  };
  const circular = () => {
    const doc: Record<string, unknown> = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
    };
    doc.credentialSubject = { id: 'did:example:x', parent: doc };
    return doc;
  };
  const throwingGetter = () =>
    Object.defineProperty({ type: ['VerifiableCredential'] }, '@context', {
      enumerable: true,
      get: () => {
        throw new Error('getter exploded');
      },
    });
  const throwingProxy = () =>
    new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('proxy exploded');
        },
      },
    );

  const hostile: [string, () => unknown][] = [
    ['undefined', () => undefined],
    ['null', () => null],
    ['0', () => 0],
    ['NaN', () => Number.NaN],
    ['Infinity', () => Infinity],
    ['true', () => true],
    ['a symbol', () => Symbol('credential')],
    ['a function', () => () => ({})],
    ['an empty array', () => []],
    ['an array of junk', () => [null, 1, 'x']],
    ['an empty string', () => ''],
    ['garbage text', () => '\u0000\uFFFF}{<<not json>>'],
    ['JSON null', () => 'null'],
    ['an empty object', () => ({})],
    ['{ proof: "x" }', () => ({ proof: 'x' })],
    [
      'a proof array of junk',
      () => ({
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiableCredential'],
        proof: [1, null, 'x', [], { type: 7 }],
      }),
    ],
    [
      'a proof with non-string fields',
      () => ({
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiableCredential'],
        proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', verificationMethod: 42, proofValue: {} },
      }),
    ],
    ['@context of numbers', () => ({ '@context': [1, 2, 3] })],
    ['@context as an object', () => ({ '@context': { '@vocab': 'https://evil.example/' } })],
    [
      '@context naming a data: URL',
      () => ({ '@context': ['https://www.w3.org/ns/credentials/v2', 'data:application/json,{}'] }),
    ],
    [
      'issuer as a number',
      () => ({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: 12 }),
    ],
    ['type as an object', () => ({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: { a: 1 } })],
    [
      'dates of the wrong kind',
      () => ({ '@context': ['https://www.w3.org/ns/credentials/v2'], validFrom: 5, validUntil: ['x'] }),
    ],
    ['deep nesting (100,000 levels)', deeplyNested],
    ['a circular object', circular],
    ['a getter that throws', throwingGetter],
    ['a proxy that throws', throwingProxy],
    ['a 5 MB string', () => 'x'.repeat(5 * 1024 * 1024)],
    [
      '5 MB of JSON',
      () => JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2'], name: 'x'.repeat(5 * 1024 * 1024) }),
    ],
    ['deeply nested JSON text', () => '['.repeat(200_000) + ']'.repeat(200_000)],
  ];

  it.each(hostile)('%s yields a report that is neither authentic nor verified', async (_name, make) => {
    const report = await verifyCredential(make(), { now: NOW });
    expect(report.checks.map((c) => c.id)).toEqual([
      'parse',
      'jsonld',
      'view',
      'type',
      'proof',
      'signature',
      'issuer',
      'validity',
      'status',
    ]);
    expect(report.authentic).toBe(false);
    expect(report.verified).toBe(false);
    expect(['invalid', 'could-not-check']).toContain(report.summary);
    // A report is plain JSON other programs parse, whatever the input was.
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    // Nothing microcred itself failed on: every problem is a verdict, not a crash.
    expect(report.checks.some((c) => c.problem?.code === 'ERR_INTERNAL')).toBe(false);
  });

  it('ignores an invalid now and a negative clock skew instead of throwing', async () => {
    const key = await generateKey();
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW });
    const report = await verifyCredential(signed, { now: new Date('nonsense'), clockSkewSeconds: -5 });
    expect(report.authentic).toBe(true);
    expect(Number.isNaN(Date.parse(report.checkedAt))).toBe(false);
  });
});
