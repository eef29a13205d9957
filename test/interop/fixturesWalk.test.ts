// Every credential of the public fixtures (test/fixtures, copied from the shared collection) against
// the verdict its README states: test/fixtures/expected-verdicts.json holds, per file, the expected
// verdict, the findings that must be in the report, the offline stand-ins it is given and why.
// A row with a `gap` is one microcred does not match (yet, or by design); it is asserted to still
// differ, so that a gap that closes is noticed and its note removed.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../helpers/credential.js';
import { expected, mismatch, verifyRow, type Row } from './fixturesWalk.js';

// The tally the issue asks to show. Both lists are asserted below, so the counts in the test names
// are microcred's: rows that match the README, and rows that do not (each with its reason in the data).
const matching = expected.rows.filter((r) => !r.gap);
const gaps = expected.rows.filter((r) => r.gap);

describe('the fixture walk covers every credential file', () => {
  it("has one row per credential file, and every row's file exists", () => {
    const files = walk(fixturePath('')).map((f) => relative(fixturePath(''), f));
    // Not credentials: contexts, schemas, DID documents, status lists, key pairs and canonical forms, READMEs, this walk's data.
    // Open Badges 2.0 assertions and their issuers' documents have their own walk: test/ob2/fixtures.test.ts.
    const notCredentials =
      /^(contexts|schemas)\/|\/(dids|statusLists)\/|keypair-and-intermediates\.json$|-canon\.txt$|README\.md$|^expected-verdicts\.json$|^1edtech-validator\/ob20\//;
    const credentialFiles = files.filter((f) => !notCredentials.test(f)).sort();
    expect(expected.rows.map((r) => r.path).sort()).toEqual(credentialFiles);
    expect(expected.rows).toHaveLength(172);
  });

  it('gives every row a reason, and every offline stand-in a local file', () => {
    for (const row of expected.rows) {
      expect(row.reason.length, row.path).toBeGreaterThan(20);
      for (const name of row.offline)
        expect(name === 'fragment-key' || expected.documents[name] !== undefined, `${row.path}: ${name}`).toBe(true);
    }
  });
});

describe(`${matching.length} of ${expected.rows.length} credential fixtures get the README's verdict`, () => {
  it.each(matching.map((r) => [r.path, r] as [string, Row]))('%s', async (_path, row) => {
    const report = await verifyRow(row);
    const why = mismatch(report, row);
    expect(why, `${row.path}: ${row.reason}`).toBeUndefined();
  });
});

describe(`${gaps.length} known gaps still differ from the README (remove the gap note when one closes)`, () => {
  it.each(gaps.map((r) => [r.path, r] as [string, Row]))('%s', async (_path, row) => {
    const report = await verifyRow(row);
    expect(mismatch(report, row), `${row.path} now matches the README: remove its gap note (${row.gap})`).toBeDefined();
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
