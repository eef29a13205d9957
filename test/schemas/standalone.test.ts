// The bundled OB 3.0 schemas are compiled ahead of time (src/schemas/compiled/*.ts): the committed
// code is what the generator produces today, and it gives exactly the answers, errors included,
// that ajv's run-time compilation of the same schema with the same options gives.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OB3_SCHEMAS, generateKey, issueCredential } from '../../src/index.js';
import { precompiledValidator } from '../../src/schemas/precompiled.js';
import { COMPILED_FILES, standaloneSource } from '../../src/schemas/standaloneSource.js';
import { compileBundledAtRunTime } from '../../src/schemas/validate.js';
import { NOW, fixturePath, unsignedCredential } from '../helpers/credential.js';

const NAMES = Object.keys(OB3_SCHEMAS) as (keyof typeof OB3_SCHEMAS)[];
const runTime = new Map(NAMES.map((name) => [name, compileBundledAtRunTime(OB3_SCHEMAS[name])]));

/** What a validation function says of `doc`: valid or not, and its errors as plain data. */
function answer(validate: (doc: unknown) => boolean, doc: unknown): unknown {
  const copy = structuredClone(doc);
  const valid = validate(copy);
  return { valid, errors: structuredClone((validate as { errors?: unknown }).errors ?? null) };
}

function expectSameAnswers(doc: unknown): void {
  for (const name of NAMES) {
    const ahead = precompiledValidator(OB3_SCHEMAS[name]);
    if (!ahead) throw new Error(`no compiled validator for ${name}`);
    const now = runTime.get(name) as (doc: unknown) => boolean;
    expect(answer(ahead, doc), name).toEqual(answer(now, doc));
  }
}

/** Every JSON file of the fixtures that parses: spec examples, test vectors, DCC's and 1EdTech's credentials. */
function fixtureDocuments(): [string, unknown][] {
  const found: [string, unknown][] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.json') || entry.endsWith('.jsonld')) {
        try {
          found.push([path, JSON.parse(readFileSync(path, 'utf8'))]);
        } catch {
          // not JSON (a fixture of a parse failure)
        }
      }
    }
  };
  walk(fixturePath('.'));
  return found;
}

/** Copies of `doc` with the value at one path deleted, replaced by a wrong value, or wrapped in an array. */
function mutations(doc: unknown): unknown[] {
  const out: unknown[] = [];
  const replacements = [undefined, null, 42, '', 'not a date', true, [], {}, 'wrap'];
  const walk = (value: unknown, path: (string | number)[]) => {
    if (path.length > 0)
      for (const replacement of replacements) {
        const copy = structuredClone(doc) as Record<string | number, unknown>;
        let parent: Record<string | number, unknown> = copy;
        for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
        const last = path[path.length - 1] as string | number;
        if (replacement === undefined) delete parent[last];
        else parent[last] = replacement === 'wrap' ? [parent[last]] : replacement;
        out.push(copy);
      }
    if (value && typeof value === 'object')
      for (const [key, child] of Object.entries(value)) walk(child, [...path, Array.isArray(value) ? Number(key) : key]);
  };
  walk(doc, []);
  return out;
}

describe('the schemas compiled ahead of time', () => {
  it.each(NAMES)('%s: the committed code is what `npm run schemas` writes today', (name) => {
    const committed = readFileSync(new URL(`../../src/schemas/compiled/${COMPILED_FILES[name]}`, import.meta.url), 'utf8');
    expect(committed === standaloneSource(name), 'run `npm run schemas` and commit src/schemas/compiled/').toBe(true);
  });

  it('give the same answers and errors as run-time compilation on every fixture', () => {
    const documents = fixtureDocuments();
    expect(documents.length).toBeGreaterThan(100);
    for (const [, doc] of documents) expectSameAnswers(doc);
  });

  it('give the same answers and errors on every one-value change of a signed credential (deleted, wrong type, wrapped)', async () => {
    const key = await generateKey();
    const signed = await issueCredential(
      unsignedCredential(key, { credentialSubject: { ...unsignedCredential(key).credentialSubject } }),
      { key, now: NOW },
    );
    const changed = mutations(signed);
    expect(changed.length).toBeGreaterThan(300);
    let invalid = 0;
    for (const doc of changed) {
      expectSameAnswers(doc);
      if (!(precompiledValidator(OB3_SCHEMAS.AchievementCredential) as (d: unknown) => boolean)(structuredClone(doc)))
        invalid++;
    }
    // The changes are not all harmless: most break the AchievementCredential schema.
    expect(invalid).toBeGreaterThan(changed.length / 3);
  });

  it('give the same answers and errors when arbitrary JSON is put anywhere in a credential', async () => {
    const key = await generateKey();
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW });
    const paths: string[][] = [];
    const walk = (value: unknown, path: string[]) => {
      paths.push(path);
      if (value && typeof value === 'object' && !Array.isArray(value))
        for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    };
    walk(signed, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths.filter((p) => p.length > 0)), fc.jsonValue(), (path, value) => {
        const copy = structuredClone(signed) as Record<string, unknown>;
        let parent = copy;
        for (const k of path.slice(0, -1)) parent = parent[k] as Record<string, unknown>;
        parent[path[path.length - 1] as string] = value;
        expectSameAnswers(copy);
      }),
      { numRuns: 300 },
    );
  });
});
