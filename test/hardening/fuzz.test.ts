// Fuzzing verifyCredential (fast-check): random JSON, random text, random bytes, exotic JavaScript
// values, prototype-pollution keys, deep nesting, enormous numbers and wrong types at every position
// of a signed credential. Whatever it is given, it answers with a plain-JSON report within a time
// bound: it never throws, never changes its input, and leaves Object.prototype as it found it.
import { textOfBytes } from '../../src/verify/inputText.js';
import fc from 'fast-check';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DocumentLoader,
  generateKey,
  issueCredential,
  verifyCredential,
  type VerificationReport,
} from '../../src/index.js';
import { NOW, unsignedCredential } from '../helpers/credential.js';
import { deepFreeze } from './mutationRunner.js';

type Doc = Record<string, unknown>;

/** Longest any one input may take (generous: CI machines are slow and shared). */
const TIME_BOUND_MS = 5_000;
const MINIMUM_CASES = 10_000;
/** A whole property's runs (thousands of verifications) on a loaded 2-core machine. */
const FUZZ_TIMEOUT_MS = 180_000;

let signed: Doc;
const loader = new DocumentLoader();
const cases = { total: 0, slowestMs: 0 };
const prototypes = [Object.prototype, Array.prototype, Function.prototype, String.prototype] as const;
const pristine = prototypes.map((p) => Object.getOwnPropertyNames(p).sort().join());
const started = performance.now();

beforeAll(async () => {
  const key = await generateKey();
  signed = (await issueCredential(unsignedCredential(key), { key, now: NOW })) as unknown as Doc;
});

afterAll(() => {
  // The count is part of the suite's output by design.
  console.log(
    `fuzz: ${cases.total} inputs, slowest ${cases.slowestMs.toFixed(0)} ms, ${((performance.now() - started) / 1000).toFixed(1)} s in all`,
  );
});

/**
 * Verifies `input` and checks what must hold for every input: a report (never a throw) within the
 * time bound, plain JSON, no internal error, the input unchanged and the prototypes clean.
 */
async function verifySoundly(input: unknown, options: { freeze?: boolean } = {}): Promise<VerificationReport> {
  if (options.freeze) deepFreeze(input);
  const before = snapshot(input);
  const t0 = performance.now();
  const report = await verifyCredential(input, { now: NOW, loader });
  const took = performance.now() - t0;
  cases.total++;
  cases.slowestMs = Math.max(cases.slowestMs, took);
  expect(took).toBeLessThan(TIME_BOUND_MS);
  expect(typeof report.verified).toBe('boolean');
  expect(typeof report.authentic).toBe('boolean');
  expect(report.checks.length).toBeGreaterThan(0);
  expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  expect(report.checks.filter((c) => c.problem?.code === 'ERR_INTERNAL')).toEqual([]);
  for (const c of report.checks) if (c.outcome !== 'passed') expect(c.problem?.detail).toBeTruthy();
  expect(snapshot(input)).toBe(before);
  expect(prototypes.map((p) => Object.getOwnPropertyNames(p).sort().join())).toEqual(pristine);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  return report;
}

// What the input looks like, to any depth (an explicit stack, no recursion): every own key and
// primitive, walked in order, plus how Node shows it (Maps, Sets, prototypes…) to a depth inspect
// can always reach.
function snapshot(value: unknown): string {
  const out: string[] = [];
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === null || typeof next !== 'object')
      out.push(typeof next === 'bigint' ? `${next}n` : typeof next === 'string' ? JSON.stringify(next) : String(next));
    else {
      const keys = Reflect.ownKeys(next);
      out.push(`${Array.isArray(next) ? '[' : '{'}${keys.length}`);
      for (const key of keys) {
        out.push(String(key));
        const descriptor = Object.getOwnPropertyDescriptor(next, key);
        pending.push(descriptor && 'value' in descriptor ? descriptor.value : '(accessor)');
      }
    }
  }
  return `${out.join(' ')}\n${inspect(value, { depth: 20, maxArrayLength: 1000, maxStringLength: 10_000, breakLength: Infinity, sorted: true, getters: false })}`;
}

const run = <T>(arbitrary: fc.Arbitrary<T>, numRuns: number, property: (value: T) => Promise<void>) =>
  fc.assert(fc.asyncProperty(arbitrary, property), { numRuns });

// Every path to a value in `doc`, e.g. ['credentialSubject', 'achievement', 'name'].
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function replaced(doc: Doc, path: (string | number)[], value: unknown): Doc {
  const copy = structuredClone(doc);
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  // defineProperty, not assignment: assigning "__proto__" would set the prototype, not add a member.
  Object.defineProperty(parent, path[path.length - 1] as string | number, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

describe(
  'verifyCredential never throws, never changes its input, never pollutes a prototype',
  { timeout: FUZZ_TIMEOUT_MS },
  () => {
    it('random JSON values, as objects (frozen) and as JSON text', async () => {
      await run(fc.jsonValue({ maxDepth: 6 }), 3_300, async (value) => {
        const report = await verifySoundly(value, { freeze: true });
        expect(report.authentic).toBe(false);
      });
      await run(fc.jsonValue({ maxDepth: 6 }), 1_500, async (value) => {
        expect((await verifySoundly(JSON.stringify(value))).authentic).toBe(false);
      });
    });

    it('random text of any code points, lone surrogates included', async () => {
      await run(fc.string({ unit: 'binary', maxLength: 300 }), 1_500, async (text) => {
        const report = await verifySoundly(text);
        expect(report.authentic).toBe(false);
      });
    });

    it('random bytes, as Uint8Array and Buffer: a clear problem, never a crash', async () => {
      await run(fc.uint8Array({ maxLength: 600 }), 1_000, async (bytes) => {
        for (const input of [bytes, Buffer.from(bytes)]) {
          const report = await verifySoundly(input);
          expect(report).toMatchObject({ verified: false, authentic: false, summary: 'invalid' });
          // Bytes of text are read as text (an upload of JSON or a JWT), which says what is wrong with
          // it; other bytes are read as an image, and bytes that are not one say so.
          const first = report.checks.find((c) => c.outcome !== 'passed');
          if (textOfBytes(input) !== undefined) {
            expect(report.checks.map((c) => c.id)).not.toContain('extract');
            expect(first?.problem?.code).not.toMatch(/^ERR_IMAGE_/);
          } else {
            expect(first?.id).toBe('extract');
            expect(first?.problem?.code).toMatch(/^ERR_IMAGE_/);
          }
        }
      });
    });

    it('exotic JavaScript values: Maps, Sets, dates, typed arrays, bigints, null prototypes, sparse arrays, boxed values', async () => {
      const exotic = fc.anything({
        maxDepth: 4,
        withBigInt: true,
        withBoxedValues: true,
        withDate: true,
        withMap: true,
        withNullPrototype: true,
        withObjectString: true,
        withSet: true,
        withSparseArray: true,
        withTypedArray: true,
        stringUnit: 'binary',
      });
      await run(exotic, 1_500, async (value) => {
        expect((await verifySoundly(value)).authentic).toBe(false);
      });
    });

    it('prototype-pollution keys (__proto__, constructor, prototype) anywhere in a signed credential, as text and as parsed JSON', async () => {
      const key = fc.constantFrom('__proto__', 'constructor', 'prototype');
      const payload = fc.oneof(
        fc.constant({ polluted: true }),
        fc.constant({ toString: 'x', valueOf: 1 }),
        fc.jsonValue({ maxDepth: 2 }),
      );
      await run(fc.tuple(fc.nat(), key, payload), 400, async ([at, name, value]) => {
        const objects = paths(signed).filter((p) => {
          const v = p.reduce<unknown>((n, k) => (n as Doc)[k], signed);
          return v !== null && typeof v === 'object' && !Array.isArray(v);
        });
        const path = objects[at % objects.length] as (string | number)[];
        const text = JSON.stringify(replaced(signed, [...path, name], value));
        // JSON.parse makes "__proto__" an own property, as a network payload would be.
        for (const input of [text, JSON.parse(text) as unknown]) {
          const report = await verifySoundly(input);
          expect(report.authentic).toBe(false);
        }
      });
    });

    it('deep nesting of objects and arrays, as objects and as text', async () => {
      await run(
        fc.tuple(fc.integer({ min: 1, max: 5_000 }), fc.boolean(), fc.boolean()),
        300,
        async ([depth, arrays, asText]) => {
          // Built level by level, as text and as objects (JSON.stringify would recurse as deep).
          let value: unknown = 'leaf';
          const opens: string[] = [];
          const closes: string[] = [];
          for (let i = 0; i < depth; i++) {
            const array = arrays && i % 2 === 0;
            value = array ? [value] : { '@context': ['https://www.w3.org/ns/credentials/v2'], next: value };
            opens.push(array ? '[' : '{"@context":["https://www.w3.org/ns/credentials/v2"],"next":');
            closes.push(array ? ']' : '}');
          }
          const text = `${opens.reverse().join('')}"leaf"${closes.join('')}`;
          const report = await verifySoundly(asText ? text : value);
          expect(report.authentic).toBe(false);
          if (depth > 64 && !arrays) expect(report.checks[0]?.problem?.code).toBe('ERR_INPUT_TOO_DEEP');
        },
      );
    });
  },
);

describe('huge credentials answer within the time bound', { timeout: FUZZ_TIMEOUT_MS }, () => {
  it('thousands of nodes of defined terms (nothing stops JSON-LD early), or megabytes in one value', async () => {
    const all = paths(signed).filter(
      (p) => p.length > 0 && typeof p.reduce<unknown>((n, k) => (n as Doc)[k], signed) === 'string',
    );
    await run(
      fc.tuple(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 6 * 1024 * 1024 }), fc.nat()),
      12,
      async ([nodes, bytes, at]) => {
        const doc = replaced(signed, all[at % all.length] as (string | number)[], 'x'.repeat(bytes));
        const achievement = (doc.credentialSubject as Doc).achievement as Doc;
        achievement.alignment = Array.from({ length: nodes }, (_, i) => ({
          type: ['Alignment'],
          targetName: `t${i}`,
          targetUrl: `https://a.example/${i}`,
        }));
        const report = await verifySoundly(doc, { freeze: true });
        expect(report.authentic).toBe(false);
      },
    );
  });
});

describe(
  'a signed credential with something wrong at one position is never authentic',
  { timeout: FUZZ_TIMEOUT_MS },
  () => {
    // One of each JSON type (and a bigint, which JSON cannot hold) at every position.
    const WRONG: unknown[] = [null, true, -1e308, '', [], { '@id': 'x' }, 9007199254740993n];

    it('every type at every position of the credential and its proof', async () => {
      for (const path of paths(signed).filter((p) => p.length > 0)) {
        for (const value of WRONG) {
          const report = await verifySoundly(replaced(signed, path, value), { freeze: true });
          expect(report.authentic, `${path.join('.')} = ${String(value)}`).toBe(false);
        }
      }
    });

    it('random JSON at a random position', async () => {
      const all = paths(signed).filter((p) => p.length > 0);
      await run(fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 2 })), 250, async ([at, value]) => {
        const path = all[at % all.length] as (string | number)[];
        const original = path.reduce<unknown>((n, k) => (n as Doc)[k], signed);
        fc.pre(JSON.stringify(original) !== JSON.stringify(value));
        const report = await verifySoundly(replaced(signed, path, value), { freeze: true });
        // A changed signed value is never authentic; only a value the signature does not cover
        // (the proofValue's own encoding aside, nothing here) could be.
        expect(report.authentic).toBe(false);
      });
    });

    it('enormous and tiny numbers, and numbers JSON cannot hold, in dates, amounts and proof fields', async () => {
      const huge = fc.oneof(
        fc.double(),
        fc.constantFrom(1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53 + 1, -0, 1e-320),
      );
      const where = fc.constantFrom(
        ['validFrom'],
        ['credentialSubject', 'creditsEarned'],
        ['proof', 'created'],
        ['proof', 'proofValue'],
        ['issuer', 'id'],
        ['type', 1],
      );
      await run(fc.tuple(where, huge), 150, async ([path, value]) => {
        const report = await verifySoundly(replaced(signed, [...path], value));
        expect(report.authentic).toBe(false);
      });
      for (const literal of [
        '1e999',
        '-1e999',
        '123456789012345678901234567890123456789',
        '1e-400',
        '0.' + '0'.repeat(400) + '1',
      ]) {
        const text = JSON.stringify({
          ...signed,
          credentialSubject: { ...(signed.credentialSubject as Doc), creditsEarned: 0 },
        }).replace('"creditsEarned":0', `"creditsEarned":${literal}`);
        expect((await verifySoundly(text)).authentic).toBe(false);
      }
    });
  },
);

describe('the count', () => {
  it(`runs at least ${MINIMUM_CASES} inputs`, () => {
    expect(cases.total).toBeGreaterThanOrEqual(MINIMUM_CASES);
  });
});
