// Files saved by editors that start UTF-8 with a byte-order mark (Notepad does): the CLI reads the
// JSON after it, for every file it reads as JSON and for the credential it verifies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cliSession, writeUnsigned, type CliSession } from './helpers.js';

let session: CliSession;

beforeAll(async () => {
  session = await cliSession();
  await writeUnsigned(session.dir, session.did);
  const unsigned = await readFile(join(session.dir, 'unsigned.json'), 'utf8');
  await writeFile(join(session.dir, 'unsigned-bom.json'), `\uFEFF${unsigned}`);
});

afterAll(() => session.close());

describe('a JSON file starting with a byte-order mark', () => {
  it('is issued from (readJson) and verified (the credential text)', async () => {
    const issued = await session.run(
      'issue',
      '--key',
      'issuer.key.json',
      '--credential',
      'unsigned-bom.json',
      '--out',
      'signed.json',
    );
    expect(issued.stderr).toBe('');
    expect(issued.status).toBe(0);
    const signed = await readFile(join(session.dir, 'signed.json'), 'utf8');
    await writeFile(join(session.dir, 'signed-bom.json'), `\uFEFF${signed}`);
    const verified = await session.run('verify', 'signed-bom.json', '--json');
    expect(JSON.parse(verified.stdout)[0]).toMatchObject({ verified: true });
    expect(verified.status).toBe(0);
  });

  it('holding a member named twice is refused at verify, naming the path', async () => {
    const signed = await readFile(join(session.dir, 'signed.json'), 'utf8');
    await writeFile(join(session.dir, 'twice.json'), signed.replace('{', '{\n  "name": "Something else",'));
    const verified = await session.run('verify', 'twice.json', '--json');
    const report = (
      JSON.parse(verified.stdout) as {
        verified: boolean;
        checks: { id: string; problem?: { code: string; path?: string } }[];
      }[]
    )[0]!;
    expect(report.verified).toBe(false);
    expect(report.checks[0]).toMatchObject({ id: 'parse', problem: { code: 'ERR_INPUT_DUPLICATE_KEY', path: 'name' } });
    expect(verified.status).not.toBe(0);
  });
});
