import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { StatusRegistry, importKey } from '../../src/index.js';
import { FileStatusStore } from '../../src/node.js';
import { cliSession, readJsonFile, writeUnsigned, type CliSession } from '../cli/helpers.js';

let session: CliSession;
let dir: string;

interface JsonReport {
  verified: boolean;
  summary: string;
  checks: { id: string; outcome: string; problem?: { code: string; detail: string } }[];
}

const statusOf = (report: JsonReport) => report.checks.find((c) => c.id === 'status');

/** The list files `status` wrote, as `--status-list` options for verify. */
async function listOptions(): Promise<string[]> {
  return (await readdir(join(dir, 'status-lists'))).flatMap((file) => ['--status-list', join('status-lists', file)]);
}

beforeAll(async () => {
  session = await cliSession();
  dir = session.dir;
  await writeUnsigned(dir, session.did);
});

afterAll(() => session.close());

describe('microcred status, round trip', () => {
  it('create, issue with --status-store, verify, revoke, verify again; suspend and unsuspend', async () => {
    const created = await session.run(
      'status',
      'create',
      '--key',
      'issuer.key.json',
      '--list-url',
      'https://pd.example.org/status',
    );
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('Status store microcred-status.json: 2 lists.');
    expect(created.stdout).toMatch(
      /Wrote status-lists\/revocation-[0-9a-f]{12}\.json: publish it at https:\/\/pd\.example\.org\/status\/revocation-[0-9a-f]{12}\.json/,
    );
    expect((await readdir(join(dir, 'status-lists'))).length).toBe(2);

    const issued = await session.run(
      'issue',
      '--key',
      'issuer.key.json',
      '--credential',
      'unsigned.json',
      '--status-store',
      'microcred-status.json',
      '--out',
      'badge.json',
    );
    expect(issued.status).toBe(0);
    expect(issued.stderr).toBe('');
    const badge = await readJsonFile<{
      id: string;
      credentialStatus: { statusPurpose: string; statusListCredential: string }[];
    }>(join(dir, 'badge.json'));
    expect(badge.credentialStatus.map((e) => e.statusPurpose)).toEqual(['revocation', 'suspension']);
    expect(badge.credentialStatus[0]?.statusListCredential).toMatch(/^https:\/\/pd\.example\.org\/status\/revocation-/);

    const verify = async () => {
      const result = await session.run('verify', 'badge.json', '--json', ...(await listOptions()));
      return { status: result.status, report: (JSON.parse(result.stdout) as JsonReport[])[0]! };
    };
    expect(await verify()).toMatchObject({ status: 0, report: { verified: true } });
    // Without the lists, the status is unknown: not verified.
    const blind = await session.run('verify', 'badge.json', '--json');
    expect(blind.status).toBe(1);
    expect(statusOf((JSON.parse(blind.stdout) as JsonReport[])[0]!)?.problem?.code).toBe('ERR_STATUS_LIST_UNAVAILABLE');

    const suspended = await session.run('status', 'suspend', badge.id, '--key', 'issuer.key.json');
    expect(suspended.status).toBe(0);
    expect(suspended.stdout).toContain(`Suspended ${badge.id}: set bit `);
    const whileSuspended = await verify();
    expect(whileSuspended.status).toBe(1);
    expect(statusOf(whileSuspended.report)?.problem?.code).toBe('ERR_SUSPENDED');
    const shown = await session.run('status', 'show', badge.id);
    expect(shown.stdout).toMatch(/suspension\s+SUSPENDED/);
    expect(shown.stdout).toMatch(/revocation\s+clear/);
    expect((await session.run('status', 'unsuspend', badge.id, '--key', 'issuer.key.json')).stdout).toContain(
      `Lifted the suspension of ${badge.id}`,
    );
    expect((await verify()).status).toBe(0);

    const revoked = await session.run('status', 'revoke', badge.id, '--key', 'issuer.key.json');
    expect(revoked.status).toBe(0);
    expect(revoked.stdout).toContain(`Revoked ${badge.id}: set bit `);
    expect(revoked.stdout).toMatch(/Wrote status-lists\/revocation-[0-9a-f]{12}\.json: publish it at /);
    const afterRevoke = await verify();
    expect(afterRevoke.status).toBe(1);
    expect(statusOf(afterRevoke.report)?.problem?.code).toBe('ERR_REVOKED');
    expect((await session.run('status', 'revoke', badge.id, '--key', 'issuer.key.json')).stdout).toContain(
      'was already revoked',
    );

    const listed = await session.run('status', 'show', '--json');
    const { lists } = JSON.parse(listed.stdout) as {
      lists: { purpose: string; allocated: number; set: number; length: number }[];
    };
    expect(lists).toEqual([
      expect.objectContaining({ purpose: 'revocation', allocated: 1, set: 1, length: 131_072 }),
      expect.objectContaining({ purpose: 'suspension', allocated: 1, set: 0, length: 131_072 }),
    ]);
    // create again re-signs the lists from the store, no --list-url needed.
    expect((await session.run('status', 'create', '--key', 'issuer.key.json', '--out', 'again')).stdout).toContain(
      '2 lists',
    );
  });

  it('what it refuses: unknown ids, a missing store, options that do not go together', async () => {
    const unknown = await session.run(
      'status',
      'revoke',
      'urn:uuid:00000000-0000-4000-8000-000000000000',
      '--key',
      'issuer.key.json',
    );
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('error ERR_STATUS_CREDENTIAL_UNKNOWN');
    expect((await session.run('status', 'show', 'urn:example:nobody')).status).toBe(1);

    const missing = await session.run(
      'status',
      'revoke',
      'urn:example:x',
      '--key',
      'issuer.key.json',
      '--store',
      'nowhere.json',
    );
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('microcred status create');
    const issueMissing = await session.run(
      'issue',
      '--key',
      'issuer.key.json',
      '--credential',
      'unsigned.json',
      '--status-store',
      'nowhere.json',
    );
    expect(issueMissing.status).toBe(1);
    expect(issueMissing.stderr).toContain('There is no status store nowhere.json');

    expect(
      (
        await session.run(
          'issue',
          '--key',
          'issuer.key.json',
          '--credential',
          'unsigned.json',
          '--list-url',
          'https://x.example',
        )
      ).status,
    ).toBe(2);
    expect(
      (await session.run('status', 'create', '--key', 'issuer.key.json', '--store', 'fresh.json')).stderr,
    ).toContain('needs --list-url');
    expect(
      (
        await session.run(
          'status',
          'create',
          '--key',
          'issuer.key.json',
          '--list-url',
          'https://x.example',
          '--store',
          'fresh.json',
          '--length',
          '1024',
        )
      ).status,
    ).toBe(2);
    expect(
      (
        await session.run(
          'status',
          'create',
          '--key',
          'issuer.key.json',
          '--list-url',
          'https://x.example',
          '--store',
          'fresh.json',
          '--purpose',
          'refresh',
        )
      ).status,
    ).toBe(2);
    expect((await session.run('status', 'frobnicate')).status).toBe(2);
    expect((await session.run('status', 'revoke', '--key', 'issuer.key.json')).status).toBe(2);
  });

  it('issue into a store whose list is full: the credential opens a new list, and issue says to publish it', async () => {
    // A store with 8-entry lists, as a test or demo makes them (the command line itself refuses short lists).
    const key = await importKey(await readJsonFile(join(dir, 'issuer.key.json')));
    const store = new FileStatusStore(join(dir, 'small.json'));
    const registry = new StatusRegistry({
      store,
      key,
      listBaseUrl: 'https://pd.example.org/small',
      listLength: 8,
      allowSmallLists: true,
      purposes: ['revocation'],
    });
    const [first] = await registry.createLists();
    for (let i = 0; i < 8; i++) await registry.entriesFor(`urn:example:filler:${i}`);
    await store.close();

    const issued = await session.run(
      'issue',
      '--key',
      'issuer.key.json',
      '--credential',
      'unsigned.json',
      '--status-store',
      'small.json',
      '--out',
      'rolled.json',
    );
    expect(issued.status).toBe(0);
    const rolled = await readJsonFile<{ credentialStatus: { statusListCredential: string; statusListIndex: string } }>(
      join(dir, 'rolled.json'),
    );
    // One purpose, as in the store; a new list beside the first, of the same length.
    expect(rolled.credentialStatus.statusListCredential).toMatch(/^https:\/\/pd\.example\.org\/small\/revocation-/);
    expect(rolled.credentialStatus.statusListCredential).not.toBe(first?.id);
    expect(Number(rolled.credentialStatus.statusListIndex)).toBeLessThan(8);
    expect(issued.stderr).toContain(
      `note: this credential opened the new status list ${rolled.credentialStatus.statusListCredential}; publish it`,
    );
  });

  it('help status describes the subcommands and options', async () => {
    const help = await session.run('help', 'status');
    expect(help.status).toBe(0);
    for (const sub of ['create', 'revoke', 'suspend', 'unsuspend', 'show'])
      expect(help.stdout).toContain(`microcred status ${sub}`);
    expect((await session.run('status', 'create', '--help')).stdout).toContain('--list-url URL');
    expect((await session.run('help', 'issue')).stdout).toMatch(/^ +--status-store FILE /m);
  });
});
