// The CLI options of this capability: `issue --suite ed25519-2020` and `verify --trust FILE`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cliSession, readJsonFile, writeUnsigned, type CliResult, type CliSession } from './helpers.js';

let session: CliSession;
let dir: string;
let did: string;
const run = (...argv: string[]): Promise<CliResult> => session.run(...argv);

beforeAll(async () => {
  session = await cliSession();
  ({ dir, did } = session);
  await writeUnsigned(dir, did);
  expect(
    (await run('issue', '--key', 'issuer.key.json', '--credential', 'unsigned.json', '--out', 'signed.json')).status,
  ).toBe(0);
});

afterAll(async () => {
  await session.close();
});

describe('issue --suite', () => {
  it('ed25519-2020 signs with Ed25519Signature2020, and the credential verifies', async () => {
    const issued = await run(
      'issue',
      '--key',
      'issuer.key.json',
      '--credential',
      'unsigned.json',
      '--suite',
      'ed25519-2020',
      '--out',
      'signed-2020.json',
    );
    expect(issued.status).toBe(0);
    const signed = await readJsonFile<{ proof: { type: string }; '@context': string[] }>(join(dir, 'signed-2020.json'));
    expect(signed.proof.type).toBe('Ed25519Signature2020');
    expect(signed['@context']).toContain('https://w3id.org/security/suites/ed25519-2020/v1');
    const verified = await run('verify', 'signed-2020.json', '--json');
    expect(verified.status).toBe(0);
    expect(JSON.parse(verified.stdout)[0]).toMatchObject({
      verified: true,
      credential: { proof: { type: 'Ed25519Signature2020' } },
    });
  });

  it('eddsa-rdfc-2022 is the default, named or not', async () => {
    const issued = await run(
      'issue',
      '--key',
      'issuer.key.json',
      '--credential',
      'unsigned.json',
      '--suite',
      'eddsa-rdfc-2022',
    );
    expect(issued.status).toBe(0);
    expect(JSON.parse(issued.stdout).proof.cryptosuite).toBe('eddsa-rdfc-2022');
  });

  it('an unknown suite is a usage error (exit 2) that lists the choices', async () => {
    const result = await run('issue', '--key', 'issuer.key.json', '--credential', 'unsigned.json', '--suite', 'rsa');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      '--suite must be "eddsa-rdfc-2022" or "ed25519-2020" or "ecdsa-rdfc-2019"; it is "rsa".',
    );
    expect(result.stdout).toBe('');
  });

  it('does not go with --format jwt, whose JWS is the signature (exit 2)', async () => {
    const result = await run(
      'issue',
      '--key',
      'issuer.key.json',
      '--credential',
      'unsigned.json',
      '--format',
      'jwt',
      '--suite',
      'ed25519-2020',
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--suite chooses the Data Integrity proof');
  });

  it('is in the help', async () => {
    expect((await run('help', 'issue')).stdout).toContain('--suite SUITE');
  });
});

describe('verify --trust', () => {
  it('names the issuer from the list when it matches (JSON: issuerTrust, trust check passed; exit 0)', async () => {
    await writeFile(
      join(dir, 'trust.json'),
      JSON.stringify({ [did]: { name: 'Example District PD', url: 'https://pd.example.org' } }),
    );
    const result = await run('verify', 'signed.json', '--trust', 'trust.json', '--json');
    expect(result.status).toBe(0);
    const report = (
      JSON.parse(result.stdout) as { issuerTrust: unknown; checks: { id: string; outcome: string }[] }[]
    )[0]!;
    expect(report.issuerTrust).toEqual({ id: did, name: 'Example District PD', url: 'https://pd.example.org' });
    expect(report.checks.at(-1)).toEqual({ id: 'trust', title: 'The issuer is one you know', outcome: 'passed' });
  });

  it('an issuer not on the list is a warning, not a failure (exit 0, ERR_ISSUER_UNKNOWN shown)', async () => {
    await writeFile(
      join(dir, 'other-trust.json'),
      JSON.stringify([{ id: 'did:web:other.example.org', name: 'Other District' }]),
    );
    const result = await run('verify', 'signed.json', '--trust', 'other-trust.json');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Verified, with warnings');
    expect(result.stdout).toContain('ERR_ISSUER_UNKNOWN');
  });

  it('a trust file that is not a trust list is a usage error naming the field (exit 2)', async () => {
    await writeFile(join(dir, 'bad-trust.json'), JSON.stringify([{ id: did }]));
    const result = await run('verify', 'signed.json', '--trust', 'bad-trust.json');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--trust bad-trust.json: [0].name must be');
  });

  it('a missing trust file is a usage error (exit 2)', async () => {
    const result = await run('verify', 'signed.json', '--trust', 'nowhere.json');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('nowhere.json');
  });

  it('is in the help', async () => {
    expect((await run('help', 'verify')).stdout).toContain('--trust FILE');
  });
});
