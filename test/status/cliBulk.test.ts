// microcred status revoke with many ids (arguments, --from FILE, standard input) and status publish --changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '../../src/cli/run.js';
import { cliSession, readJsonFile, writeUnsigned, type CliSession } from '../cli/helpers.js';

let session: CliSession;
let dir: string;
const ids: string[] = [];

beforeAll(async () => {
  session = await cliSession();
  dir = session.dir;
  await writeUnsigned(dir, session.did);
  const store = ['--store', 'microcred-status.json'];
  expect(
    (
      await session.run(
        'status',
        'create',
        '--key',
        'issuer.key.json',
        '--list-url',
        'https://pd.example.org/status',
        ...store,
      )
    ).status,
  ).toBe(0);
  for (let i = 0; i < 4; i++) {
    const out = `badge-${i}.json`;
    const args = [
      '--key',
      'issuer.key.json',
      '--credential',
      'unsigned.json',
      '--status-store',
      'microcred-status.json',
    ];
    expect((await session.run('issue', ...args, '--out', out)).status).toBe(0);
    ids.push((await readJsonFile<{ id: string }>(join(dir, out))).id);
  }
});

afterAll(() => session.close());

/** `run` with standard input, in the session's folder. */
async function runWithStdin(stdin: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await run(argv, {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    cwd: dir,
    stdin: async () => stdin,
  });
  return { status, stdout: out.join(''), stderr: err.join('') };
}

const revokedOf = async (id: string) =>
  JSON.parse((await session.run('status', 'show', id, '--json')).stdout).entries.find(
    (e: { purpose: string }) => e.purpose === 'revocation',
  ).set as boolean;

describe('microcred status: many ids and publish --changed', () => {
  it('publish writes every list and records the version; --changed then writes only the lists a revocation changed', async () => {
    const all = await session.run('status', 'publish', '--key', 'issuer.key.json', '--out', 'upload');
    expect(all.status).toBe(0);
    expect(all.stdout).toContain('2 lists to publish');
    expect((await readdir(join(dir, 'upload'))).sort()).toEqual(expect.arrayContaining(['.microcred-published.json']));
    const none = await session.run('status', 'publish', '--key', 'issuer.key.json', '--out', 'upload', '--changed');
    expect(none.stdout).toContain('0 lists changed since the last publish');

    // Two ids as arguments: one list re-signed, written once.
    const two = await session.run('status', 'revoke', ids[0]!, ids[1]!, '--key', 'issuer.key.json', '--out', 'revoked');
    expect(two.status).toBe(0);
    expect(two.stdout.match(/^Revoked /gm)).toHaveLength(2);
    expect(two.stdout.match(/^Wrote /gm)).toHaveLength(1);
    const changed = await session.run('status', 'publish', '--key', 'issuer.key.json', '--out', 'upload', '--changed');
    expect(changed.stdout).toContain('1 list changed since the last publish');
    expect(changed.stdout).toMatch(/Wrote upload\/revocation-/);
  });

  it('revoke --from FILE and - (standard input): one id a line, comments and blank lines skipped', async () => {
    await writeFile(join(dir, 'ids.txt'), `# to revoke\n${ids[2]}\n\n`);
    expect((await session.run('status', 'revoke', '--from', 'ids.txt', '--key', 'issuer.key.json')).status).toBe(0);
    expect(await revokedOf(ids[2]!)).toBe(true);
    const piped = await runWithStdin(`${ids[3]}\r\n`, 'status', 'revoke', '-', '--key', 'issuer.key.json');
    expect(piped.status).toBe(0);
    expect(await revokedOf(ids[3]!)).toBe(true);
  });

  it('an unknown id among several changes nothing, and says which', async () => {
    await session.run('status', 'unsuspend', ids[0]!, '--key', 'issuer.key.json');
    const result = await session.run('status', 'suspend', ids[0]!, 'urn:uuid:nobody', '--key', 'issuer.key.json');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('urn:uuid:nobody');
    const entries = JSON.parse((await session.run('status', 'show', ids[0]!, '--json')).stdout).entries;
    expect(entries.find((e: { purpose: string }) => e.purpose === 'suspension').set).toBe(false);
    expect((await session.run('status', 'revoke', '--key', 'issuer.key.json')).status).toBe(2);
  });
});
