import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cliSession, readJsonFile, writeUnsigned, type CliResult, type CliSession } from './helpers.js';

// One key and one signed credential shared by the tests below; each test writes its own other files.
let session: CliSession;
let dir: string;
let did: string;
let secret: string;
const run = (...argv: string[]): Promise<CliResult> => session.run(...argv);

interface JsonReport {
  file: string;
  verified: boolean;
  authentic: boolean;
  summary: string;
  checks: { id: string; outcome: string; problem?: { code: string; path?: string } }[];
}

const codes = (report: JsonReport) => report.checks.map((c) => c.problem?.code).filter(Boolean);

beforeAll(async () => {
  session = await cliSession();
  ({ dir, did } = session);
  secret = (await readJsonFile<{ secretKeyMultibase: string }>(join(dir, 'issuer.key.json'))).secretKeyMultibase;
  await writeUnsigned(dir, did);
  const issued = await run(
    'issue',
    '--key',
    'issuer.key.json',
    '--credential',
    'unsigned.json',
    '--out',
    'signed.json',
  );
  expect(issued.status).toBe(0);
});

afterAll(async () => {
  expect(session.outputs.length).toBeGreaterThan(20);
  await session.close();
});

describe('issue', () => {
  it('signs the credential with eddsa-rdfc-2022 and writes it to --out', async () => {
    const signed = await readJsonFile<{ issuer: { id: string }; proof: { type: string; cryptosuite: string } }>(
      join(dir, 'signed.json'),
    );
    expect(signed.issuer.id).toBe(did);
    expect(signed.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' });
  });

  it('prints the signed credential without --out', async () => {
    const result = await run('issue', '--key', 'issuer.key.json', '--credential', 'unsigned.json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).proof.proofValue).toMatch(/^z/);
  });

  it('on an invalid credential prints "error ERR_CODE: message" and every problem path (exit 1)', async () => {
    const doc = JSON.parse(await readFile(join(dir, 'unsigned.json'), 'utf8'));
    delete doc.name;
    doc.validUntil = 'next year';
    await writeFile(join(dir, 'bad.json'), JSON.stringify(doc));
    const result = await run('issue', '--key', 'issuer.key.json', '--credential', 'bad.json', '--out', 'never.json');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error ERR_FIELD_REQUIRED: /);
    expect(result.stderr).toMatch(/- name: /);
    expect(result.stderr).toMatch(/- validUntil: .*ERR_DATE_INVALID/);
    await expect(readFile(join(dir, 'never.json'))).rejects.toThrow();
  });

  it("names the key's DID when issuer.id is missing", async () => {
    const doc = JSON.parse(await readFile(join(dir, 'unsigned.json'), 'utf8'));
    delete doc.issuer.id;
    await writeFile(join(dir, 'no-issuer.json'), JSON.stringify(doc));
    const result = await run('issue', '--key', 'issuer.key.json', '--credential', 'no-issuer.json');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ERR_FIELD_REQUIRED');
    expect(result.stderr).toContain(`hint: the key in issuer.key.json belongs to ${did}`);
  });

  it('refuses a key without its secret (exit 1, ERR_KEY_INVALID)', async () => {
    const { secretKeyMultibase: _, ...publicOnly } = await readJsonFile(join(dir, 'issuer.key.json'));
    await writeFile(join(dir, 'public.key.json'), JSON.stringify(publicOnly));
    const result = await run('issue', '--key', 'public.key.json', '--credential', 'unsigned.json');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error ERR_KEY_INVALID: /);
  });

  it('does not quote a key file that is not JSON (it would quote key material)', async () => {
    // Node's JSON.parse message quotes about ten characters around the error: here, the secret's start.
    await writeFile(join(dir, 'broken.key.json'), `{"secretKeyMultibase": ${secret}}`);
    const result = await run('issue', '--key', 'broken.key.json', '--credential', 'unsigned.json');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ERR_INPUT_NOT_JSON: broken.key.json could not be read: it is not valid JSON');
    expect(result.stderr).not.toContain(secret.slice(0, 6));
  });

  it.each([
    [['issue', '--credential', 'unsigned.json'], /needs --key/],
    [['issue', '--key', 'issuer.key.json'], /needs --credential/],
    [
      ['issue', '--key', 'issuer.key.json', '--credential', 'unsigned.json', '--out', 'issuer.key.json'],
      /would replace the key/,
    ],
    [
      ['issue', '--key', 'issuer.key.json', '--credential', 'unsigned.json', '--competency'],
      /--competency <value>' argument missing/,
    ],
    [
      ['issue', '--key', 'issuer.key.json', '--credential', 'unsigned.json', '--issuer-name', 'X'],
      /Unknown option --issuer-name/,
    ],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const result = await run(...argv);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('keeps the key file when --out names it', async () => {
    expect((await readJsonFile<{ secretKeyMultibase: string }>(join(dir, 'issuer.key.json'))).secretKeyMultibase).toBe(
      secret,
    );
  });
});

describe('verify', () => {
  it('verifies an issued credential (exit 0) and prints the report', async () => {
    const result = await run('verify', 'signed.json');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^signed\.json\n✔ Verified\n/);
    expect(result.stdout).toContain('Formative Assessment Practice');
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('--json prints an array even for one file, each report with its file', async () => {
    const result = await run('verify', 'signed.json', '--json');
    expect(result.status).toBe(0);
    const reports = JSON.parse(result.stdout) as JsonReport[];
    expect(reports).toHaveLength(1);
    const report = reports[0]!;
    expect(report).toMatchObject({ file: 'signed.json', verified: true, authentic: true, summary: 'verified' });
    expect(report.checks.every((c) => c.outcome === 'passed')).toBe(true);
  });

  it('a tampered credential exits 1 with ERR_SIGNATURE_INVALID in --json', async () => {
    const signed = await readJsonFile(join(dir, 'signed.json'));
    await writeFile(join(dir, 'tampered.json'), JSON.stringify({ ...signed, name: 'Something Else' }));
    const result = await run('verify', 'tampered.json', '--json');
    expect(result.status).toBe(1);
    const report = (JSON.parse(result.stdout) as JsonReport[])[0]!;
    expect(report).toMatchObject({ file: 'tampered.json', verified: false, authentic: false, summary: 'invalid' });
    expect(report.checks.find((c) => c.id === 'signature')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_SIGNATURE_INVALID' },
    });
  });

  it('--now after validUntil gives ERR_EXPIRED (authentic, not verified, exit 1)', async () => {
    const json = await run('verify', 'signed.json', '--json', '--now', '2100-01-01T00:00:00Z');
    expect(json.status).toBe(1);
    const report = (JSON.parse(json.stdout) as JsonReport[])[0]!;
    expect(report).toMatchObject({ verified: false, authentic: true });
    expect(report.checks.find((c) => c.id === 'validity')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_EXPIRED', path: 'validUntil' },
    });

    const human = await run('verify', 'signed.json', '--now', '2100-01-01');
    expect(human.status).toBe(1);
    expect(human.stdout).toContain('Genuine, but expired on 2030-01-01');
    expect(human.stdout).toContain('code ERR_EXPIRED · path validUntil');
  });

  it('--skew widens the window around validFrom', async () => {
    // A credential valid from tomorrow, signed today: checked one minute before validFrom (after the
    // proof was made, which must not be in the future), it is outside the default 300 s only with --skew 0.
    const validFrom = new Date(Date.now() + 86_400_000);
    validFrom.setUTCMilliseconds(0);
    const doc = JSON.parse(await readFile(join(dir, 'unsigned.json'), 'utf8'));
    await writeFile(
      join(dir, 'tomorrow.unsigned.json'),
      JSON.stringify({ ...doc, validFrom: validFrom.toISOString().replace('.000Z', 'Z') }),
    );
    expect(
      (
        await run(
          'issue',
          '--key',
          'issuer.key.json',
          '--credential',
          'tomorrow.unsigned.json',
          '--out',
          'tomorrow.json',
        )
      ).status,
    ).toBe(0);
    const minuteBefore = new Date(validFrom.getTime() - 60_000).toISOString();
    const strict = await run('verify', 'tomorrow.json', '--json', '--now', minuteBefore, '--skew', '0');
    expect(codes(JSON.parse(strict.stdout)[0])).toContain('ERR_NOT_YET_VALID');
    const lenient = await run('verify', 'tomorrow.json', '--json', '--now', minuteBefore);
    expect(JSON.parse(lenient.stdout)[0].verified).toBe(true);
  });

  it('several files: a JSON array in order, exit 1 if any does not verify; unreadable files become reports', async () => {
    await writeFile(join(dir, 'notes.txt'), 'not json at all');
    const result = await run('verify', 'signed.json', 'missing.json', 'notes.txt', '--json');
    expect(result.status).toBe(1);
    const reports = JSON.parse(result.stdout) as JsonReport[];
    expect(reports.map((r) => [r.file, r.verified])).toEqual([
      ['signed.json', true],
      ['missing.json', false],
      ['notes.txt', false],
    ]);
    expect(reports[1]).toMatchObject({ summary: 'could-not-check', authentic: false });
    expect(reports[1]!.checks[0]).toMatchObject({
      id: 'parse',
      outcome: 'could-not-check',
      problem: { code: 'ERR_FILE_UNREADABLE' },
    });
    expect(reports[1]!.checks.slice(1).every((c) => c.outcome === 'skipped')).toBe(true);
    expect(codes(reports[2]!)).toContain('ERR_INPUT_NOT_JSON');
  });

  it('several files in human form end with a count', async () => {
    const result = await run('verify', 'signed.json', 'missing.json');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('missing.json\n? Could not check — the file could not be read');
    expect(result.stdout).toMatch(/1 of 2 verified; 1 could not check\.\n$/);
  });

  it('exit 0 only when every file verifies', async () => {
    expect((await run('verify', 'signed.json', 'signed.json')).status).toBe(0);
  });

  it.each([
    [['verify'], /at least one credential file/],
    [['verify', 'signed.json', '--now', 'tomorrow'], /--now must be/],
    [['verify', 'signed.json', '--now', '2030-01-01T00:00:00'], /--now must be/],
    [['verify', 'signed.json', '--skew=-5'], /--skew must be/],
    [['verify', 'signed.json', '--skew', 'lots'], /--skew must be/],
    [['verify', 'signed.json', '--colour'], /Unknown option --colour/],
    [['verify', 'signed.json', '--did-doc', 'absent.json'], /--did-doc absent\.json could not be read/],
    [['verify', 'signed.json', '--did-doc', 'unsigned.json'], /not a DID document/],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const result = await run(...argv);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});

describe('did:web round trip', () => {
  it('a did:web credential verifies with --did-doc, and without it says what to pass', async () => {
    expect((await run('keys', 'generate', '--out', 'web/issuer.key.json', '--did-web', 'pd.example.org')).status).toBe(
      0,
    );
    const webSecret = (await readJsonFile<{ secretKeyMultibase: string }>(join(dir, 'web/issuer.key.json')))
      .secretKeyMultibase;
    await writeUnsigned(dir, 'did:web:pd.example.org', 'web-unsigned.json');
    expect(
      (
        await run(
          'issue',
          '--key',
          'web/issuer.key.json',
          '--credential',
          'web-unsigned.json',
          '--out',
          'web-signed.json',
        )
      ).status,
    ).toBe(0);

    const without = await run('verify', 'web-signed.json', '--json');
    expect(without.status).toBe(1);
    expect(codes(JSON.parse(without.stdout)[0])).toContain('ERR_NETWORK_DISABLED');
    expect(without.stderr).toContain('--did-doc');
    expect(without.stderr).toContain('https://pd.example.org/.well-known/did.json');

    const withDoc = await run('verify', 'web-signed.json', '--did-doc', 'web/did.json');
    expect(withDoc.status).toBe(0);
    expect(withDoc.stdout).toContain('✔ Verified');
    for (const { stdout, stderr } of session.outputs) expect(stdout + stderr).not.toContain(webSecret);
  });
});
