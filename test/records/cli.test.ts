// The records commands, run in-process: endorse an achievement, bundle credentials into a CLR,
// and verify both; a record with a tampered inner credential is refused by name.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliSession, example, readJsonFile, writeUnsigned, type CliSession } from '../cli/helpers.js';

let session: CliSession;

beforeAll(async () => {
  session = await cliSession();
  const unsigned = await writeUnsigned(session.dir, session.did);
  for (const out of ['one.json', 'two.json'])
    expect(
      (await session.run('issue', '--key', 'issuer.key.json', '--credential', unsigned, '--out', out)).status,
    ).toBe(0);
});

afterAll(async () => session.close());

describe('microcred endorse', () => {
  it('endorses the achievement of a competency definition; the endorsement verifies', async () => {
    const result = await session.run(
      'endorse',
      '--key',
      'issuer.key.json',
      '--achievement',
      example('competencies/formative-assessment-math.yaml'),
      '--comment',
      'Reviewed by our standards panel.',
      '--endorser-name',
      'State Board',
      '--out',
      'endorsement.json',
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const endorsement = await readJsonFile(join(session.dir, 'endorsement.json'));
    expect(endorsement.type).toEqual(['VerifiableCredential', 'EndorsementCredential']);
    expect((endorsement.credentialSubject as { id: string }).id).toMatch(
      /^https:\/\/pd\.riverbend\.example\/microcredentials\/.+\/v\d/,
    );
    expect((await session.run('verify', 'endorsement.json')).status).toBe(0);
  });

  it('needs exactly one thing to endorse', async () => {
    const result = await session.run('endorse', '--key', 'issuer.key.json', '--comment', 'x', '--out', 'e.json');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('exactly one of');
  });
});

describe('microcred clr bundle', () => {
  it('bundles two credentials into a record that microcred verify accepts', async () => {
    const result = await session.run(
      'clr',
      'bundle',
      'one.json',
      'two.json',
      '--key',
      'issuer.key.json',
      '--holder',
      'did:example:teacher-42',
      '--out',
      'clr.json',
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Bundled 2 of 2');
    const verified = await session.run('verify', 'clr.json', '--json');
    expect(verified.status).toBe(0);
    // --json prints an array, one report per file.
    const [report] = JSON.parse(verified.stdout) as { checks: { id: string; parts?: unknown[] }[] }[];
    if (report === undefined) throw new Error('no report');
    expect(report.checks.find((c) => c.id === 'credentials')?.parts).toHaveLength(2);
  });

  it('refuses a credential that does not verify, naming its file', async () => {
    const tampered = await readJsonFile(join(session.dir, 'two.json'));
    tampered.name = 'Changed after signing';
    await writeFile(join(session.dir, 'tampered.json'), JSON.stringify(tampered));
    const result = await session.run(
      'clr',
      'bundle',
      'one.json',
      'tampered.json',
      '--key',
      'issuer.key.json',
      '--out',
      'bad.json',
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('tampered.json');
    expect(result.stderr).toContain('ERR_CLR_CREDENTIAL_INVALID');
    const omitted = await session.run(
      'clr',
      'bundle',
      'one.json',
      'tampered.json',
      '--key',
      'issuer.key.json',
      '--omit-invalid',
      '--out',
      'partial.json',
    );
    expect(omitted.status).toBe(0);
    expect(omitted.stdout).toContain('Bundled 1 of 2');
    expect(omitted.stderr).toContain('left out tampered.json');
    expect(JSON.parse(await readFile(join(session.dir, 'partial.json'), 'utf8')).partial).toBe(true);
  });
});
