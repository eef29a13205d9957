// Proof that the compiled expansion is jsonld's: for generated credentials (test/differential/
// credentials.ts) and written-out JSON-LD shapes (./expansionShapes.ts), whatever the compiled path
// takes expands byte for byte as jsonld.expand(…, {safe: true}) does, canonicalizes to the same
// N-Quads, and most credentials take it; whatever it leaves to jsonld is named with a reason.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import jsonld from 'jsonld';
import { DocumentLoader } from '../../src/index.js';
import { bundledContexts } from '../../src/contexts/bundled.js';
import { expandCompiled, type CompiledOutcome } from '../../src/proofs/onePass/compiled/compiledExpansion.js';
import { transitionsProcessed } from '../../src/proofs/onePass/compiled/activeContexts.js';
import { anyCredential } from './credentials.js';
import { shapedCredential, type Expected } from './expansionShapes.js';

// Same count rule as the other differential tests (each case is one generic expansion and two canonicalizations).
const RUNS = Number(process.env.MICROCRED_DIFFERENTIAL_RUNS ?? 2_000);
// Half as many shaped credentials, and never so few that a shape goes untried.
const SHAPE_RUNS = Math.max(200, Math.ceil(RUNS / 2));
// Generous for a shared, loaded machine: about 70 ms a case was seen at a load of 16 on 2 cores.
const TIMEOUT_MS = Math.max(600_000, RUNS * 200);
const loader = new DocumentLoader();
// What the eddsa-rdfc-2022 cryptosuite asks of jsonld (its canonize.js).
const CANONIZE = {
  algorithm: 'RDFC-1.0',
  format: 'application/n-quads',
  base: null,
  safe: true,
  rdfDirection: 'i18n-datatype',
  documentLoader: loader.load,
} as const;

type Reference = { expanded: unknown[] } | { error: string };

async function reference(document: unknown): Promise<Reference> {
  try {
    return { expanded: await jsonld.expand(document, { documentLoader: loader.load, safe: true }) };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

async function canonical(run: () => Promise<string>): Promise<string> {
  try {
    return await run();
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

const tally = {
  cases: 0,
  canonicalized: 0,
  compiled: 0,
  fallback: 0,
  usual: 0,
  usualCompiled: 0,
  reasons: new Map<string, number>(),
};

function count(key: string): void {
  tally.reasons.set(key, (tally.reasons.get(key) ?? 0) + 1);
}

/** The compiled path's answer held against jsonld's for one document. */
async function compare(document: Record<string, unknown>, label: string, expected?: Expected): Promise<void> {
  tally.cases++;
  const compiled: CompiledOutcome = await expandCompiled(document, loader);
  const expectedPath = expected ?? 'either';
  if ('fallback' in compiled) {
    tally.fallback++;
    count(`${label} -> ${compiled.fallback}`);
    expect(expectedPath, `${label} fell back (${compiled.fallback})`).not.toBe('compiled');
    return;
  }
  tally.compiled++;
  expect(expectedPath, `${label} took the compiled path`).not.toBe('fallback');
  const jsonldAnswer = await reference(document);
  // Byte-equal expansion: same members, same order, same values.
  expect(JSON.stringify(compiled.expanded)).toBe(
    'expanded' in jsonldAnswer ? JSON.stringify(jsonldAnswer.expanded) : jsonldAnswer,
  );
  // And end to end, the canonical N-Quads a proof signs.
  const fast = await canonical(() => jsonld.canonize(compiled.expanded, { ...CANONIZE, skipExpansion: true }));
  const library = await canonical(() => jsonld.canonize(document, { ...CANONIZE }));
  expect(fast).toBe(library);
  if (!fast.startsWith('error')) tally.canonicalized++;
}

describe('the compiled expansion', () => {
  it(
    `equals jsonld.expand in safe mode, byte for byte, and canonicalizes the same (${RUNS} generated credentials)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(anyCredential, async ({ document, unusual }) => {
          // Inline and nested inline contexts must leave the compiled path; the others are its to take.
          const expected: Expected | undefined =
            unusual === 'inline-context' || unusual === 'nested-context' ? 'fallback' : undefined;
          if (unusual === undefined) tally.usual++;
          const before = tally.compiled;
          await compare(document, unusual ?? 'usual', expected);
          if (unusual === undefined && tally.compiled > before) tally.usualCompiled++;
        }),
        { numRuns: RUNS },
      );
      // Usual credentials are what the compiled path is for: all but the rare refused one take it.
      expect(tally.usualCompiled).toBeGreaterThan(tally.usual * 0.9);
      // And the N-Quads compared are real ones, not two equal errors.
      expect(tally.canonicalized).toBeGreaterThan(tally.compiled * 0.9);
    },
    TIMEOUT_MS,
  );

  it(
    `takes the written-out JSON-LD shapes it covers, and leaves the others to jsonld (${SHAPE_RUNS} cases)`,
    async () => {
      const seen = new Map<string, Expected>();
      await fc.assert(
        fc.asyncProperty(shapedCredential, async ({ document, change, expected }) => {
          seen.set(change, expected);
          await compare(document, change, expected);
        }),
        { numRuns: SHAPE_RUNS },
      );
      // Every shape of the generator was tried.
      expect(seen.size).toBeGreaterThanOrEqual(20);
      console.log(
        `compiled expansion: ${tally.cases} cases, ${tally.compiled} compiled, ${tally.fallback} left to jsonld; ` +
          JSON.stringify(Object.fromEntries([...tally.reasons].sort((a, b) => b[1] - a[1]))),
      );
    },
    TIMEOUT_MS,
  );

  it("expands every JSON-LD document among the fixtures (other issuers' credentials, CLR, presentations) as jsonld does", async () => {
    const documents = fixtureDocuments(join(import.meta.dirname, '..', 'fixtures'));
    const before = { cases: tally.cases, compiled: tally.compiled };
    for (const [file, document] of documents) await compare(document, `fixture ${file}`);
    const compiled = tally.compiled - before.compiled;
    const reasons = new Map<string, number>();
    for (const [label, n] of tally.reasons)
      if (label.startsWith('fixture ')) {
        const reason = label.split(' -> ')[1] ?? '';
        reasons.set(reason, (reasons.get(reason) ?? 0) + n);
      }
    console.log(
      `fixtures: ${tally.cases - before.cases} JSON-LD documents, ${compiled} compiled; left to jsonld: ` +
        JSON.stringify(Object.fromEntries(reasons)),
    );
    // Most real documents under the bundled contexts only take the compiled path (the others, such
    // as Open Badges 2.0 assertions or documents naming an unbundled context, cannot).
    const underBundled = tally.cases - before.cases - (reasons.get('context-not-bundled') ?? 0);
    expect(underBundled).toBeGreaterThan(150);
    expect(compiled).toBeGreaterThan(underBundled * 0.75);
  }, 120_000);

  it('stays exact when ever new combinations of types outgrow the bound on kept contexts', async () => {
    const classes = [
      'Achievement',
      'AchievementSubject',
      'Address',
      'Alignment',
      'Criteria',
      'EndorsementSubject',
      'Evidence',
      'GeoCoordinates',
      'IdentifierEntry',
      'IdentityObject',
      'Image',
      'Profile',
      'Related',
      'Result',
      'ResultDescription',
      'RubricCriterionLevel',
    ];
    let highest = 0;
    let compiled = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(classes, { minLength: 1, maxLength: 5 }),
        fc.shuffledSubarray(classes, { minLength: 1, maxLength: 3 }),
        async (outer, inner) => {
          const document = {
            '@context': [
              'https://www.w3.org/ns/credentials/v2',
              'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
            ],
            type: ['VerifiableCredential', 'OpenBadgeCredential'],
            issuer: 'did:example:issuer',
            credentialSubject: {
              id: 'did:example:s',
              type: ['AchievementSubject', ...outer],
              achievement: { type: ['Achievement', ...inner], name: 'a' },
            },
          };
          const compiledBefore = tally.compiled;
          await compare(document, 'type combinations');
          compiled += tally.compiled - compiledBefore;
          highest = Math.max(highest, transitionsProcessed());
        },
      ),
      { numRuns: 400 },
    );
    // The combinations needed more transitions than are kept: the cache forgot at least once.
    expect(highest).toBeGreaterThan(200);
    expect(compiled).toBeGreaterThan(100);
  }, 300_000);

  it('leaves a document to jsonld when the loader serves other bytes for a bundled context', async () => {
    const url = 'https://www.w3.org/ns/credentials/v2';
    const copying = {
      load: async (u: string) => {
        const served = await loader.load(u);
        return u === url ? { ...served, document: structuredClone(bundledContexts().get(url)) } : served;
      },
    };
    const document = {
      '@context': [url],
      type: ['VerifiableCredential'],
      issuer: 'did:example:1',
      credentialSubject: { id: 'did:example:2' },
    };
    expect(await expandCompiled(document, loader)).toHaveProperty('expanded');
    expect(await expandCompiled(document, copying)).toEqual({ fallback: 'loader-differs' });
  });

  it('leaves non-JSON input and a __proto__ member to jsonld', async () => {
    const base = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'] };
    expect(await expandCompiled({ ...base, name: new Date(0) }, loader)).toEqual({ fallback: 'not-json' });
    expect(await expandCompiled({ ...base, name: Number.NaN }, loader)).toEqual({ fallback: 'not-json' });
    expect(await expandCompiled({ ...base, name: undefined }, loader)).toEqual({ fallback: 'not-json' });
    expect(await expandCompiled(JSON.parse('{"type":"VerifiableCredential","__proto__":{"a":1}}'), loader)).toEqual({
      fallback: 'not-json',
    });
    expect(await expandCompiled([base], loader)).toEqual({ fallback: 'not-json' });
  });
});

/** Every JSON object with an `@context` found in the fixture files (top-level or nested, as a credential inside a presentation). */
function fixtureDocuments(dir: string): [string, Record<string, unknown>][] {
  const found: [string, Record<string, unknown>][] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    const file = join(entry.parentPath, entry.name);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    const pending = [parsed];
    while (pending.length > 0) {
      const item = pending.pop();
      if (Array.isArray(item)) pending.push(...item);
      else if (typeof item === 'object' && item !== null) {
        if ('@context' in item) found.push([file.slice(dir.length + 1), item as Record<string, unknown>]);
        pending.push(...Object.values(item).filter((v) => typeof v === 'object'));
      }
    }
  }
  return found;
}
