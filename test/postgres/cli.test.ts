import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createPostgresStatusStore } from '../../src/postgres/index.js';
import { describeTarget } from '../../src/postgres/failures.js';
import { cli, cliSession, readJsonFile, tempDir, writeUnsigned, type CliSession } from '../cli/helpers.js';
import { closedPort, dropSchemas, newSchema, server, serverUrl } from './server.js';

describe('microcred status --postgres (no server needed)', () => {
  it('says which server it could not reach, without the password in the URL', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const port = await closedPort();
      const result = await cli(
        dir,
        'status',
        'show',
        '--postgres',
        `postgres://issuer:S3cret-pw@127.0.0.1:${port}/badges`,
      );
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(
        new RegExp(
          `^error ERR_STORE_FAILED: Could not open the status store in PostgreSQL at postgres://issuer@127\\.0\\.0\\.1:${port}/badges`,
        ),
      );
      expect(result.stderr + result.stdout).not.toContain('S3cret-pw');
    } finally {
      await cleanup();
    }
  });

  it('takes a file or PostgreSQL, not both, and a schema only with PostgreSQL', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const both = await cli(dir, 'status', 'show', '--store', 'x.json', '--postgres', 'postgres://u@127.0.0.1:1/db');
      expect(both.status).toBe(2);
      expect(both.stderr).toContain('error: Give either --store FILE or --postgres URL, not both.');
      const schemaAlone = await cli(dir, 'status', 'show', '--postgres-schema', 'badges');
      expect(schemaAlone.status).toBe(2);
      expect(schemaAlone.stderr).toContain('error: --postgres-schema goes with --postgres URL.');
      const issueBoth = await cli(
        dir,
        'issue',
        '--key',
        'k.json',
        '--credential',
        'c.json',
        '--status-store',
        'x.json',
        '--postgres',
        'postgres://u@127.0.0.1:1/db',
      );
      expect(issueBoth.status).toBe(2);
      expect(issueBoth.stderr).toContain('error: Give either --status-store FILE or --postgres URL, not both.');
      const help = await cli(dir, 'help', 'status', 'revoke');
      expect(help.stdout).toMatch(/^ +--postgres URL +the status store in PostgreSQL/m);
      expect((await cli(dir, 'help', 'issue')).stdout).toMatch(/^ +--postgres-schema NAME +the schema/m);
    } finally {
      await cleanup();
    }
  });
});

describe.skipIf(server.skip)('microcred status and issue with --postgres', () => {
  let url: string;
  let session: CliSession | undefined;
  // Per test, so that in CI a missing server fails every test rather than skipping them.
  beforeEach(() => {
    url = serverUrl();
  });
  afterAll(async () => {
    await session?.close();
    await dropSchemas();
  });

  it('creates lists, issues into them, revokes and shows, all kept in PostgreSQL', async () => {
    session = await cliSession();
    const { dir } = session;
    await writeUnsigned(dir, session.did);
    const schema = newSchema();
    const store = ['--postgres', url, '--postgres-schema', schema];
    const shownAs = describeTarget({ connectionString: url }).label;

    const created = await session.run(
      'status',
      'create',
      '--key',
      'issuer.key.json',
      '--list-url',
      'https://pd.example.org/status',
      ...store,
    );
    expect(created.status).toBe(0);
    expect(created.stdout).toContain(`Status store ${shownAs}: 2 lists.`);

    const issued = await session.run(
      'issue',
      '--key',
      'issuer.key.json',
      '--credential',
      'unsigned.json',
      ...store,
      '--out',
      'badge.json',
    );
    expect(issued.status).toBe(0);
    const badge = await readJsonFile<{
      id: string;
      credentialStatus: { statusPurpose: string; statusListIndex: string; statusListCredential: string }[];
    }>(join(dir, 'badge.json'));
    expect(badge.credentialStatus.map((e) => e.statusPurpose)).toEqual(['revocation', 'suspension']);

    // What the command line did is in the database, for any other process to see.
    const direct = await createPostgresStatusStore({ connectionString: url, schema });
    try {
      const held = await direct.allocations(badge.id);
      expect(held.map((a) => [a.purpose, a.listId, String(a.index)])).toEqual(
        badge.credentialStatus.map((e) => [e.statusPurpose, e.statusListCredential, e.statusListIndex]),
      );
    } finally {
      await direct.close();
    }

    const verify = async () => {
      const lists = (await readdir(join(dir, 'status-lists'))).flatMap((file) => [
        '--status-list',
        join('status-lists', file),
      ]);
      const result = await session!.run('verify', 'badge.json', '--json', ...lists);
      return {
        status: result.status,
        report: (JSON.parse(result.stdout) as { checks: { id: string; problem?: { code: string } }[] }[])[0]!,
      };
    };
    expect((await verify()).status).toBe(0);

    const revoked = await session.run('status', 'revoke', badge.id, '--key', 'issuer.key.json', ...store);
    expect(revoked.status).toBe(0);
    expect(revoked.stdout).toContain(
      `Revoked ${badge.id}: set bit ${badge.credentialStatus[0]!.statusListIndex} of ${badge.credentialStatus[0]!.statusListCredential}`,
    );
    const after = await verify();
    expect(after.status).toBe(1);
    expect(after.report.checks.find((c) => c.id === 'status')?.problem?.code).toBe('ERR_REVOKED');

    const shown = await session.run('status', 'show', '--json', ...store);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      store: shownAs,
      lists: [
        { purpose: 'revocation', allocated: 1, set: 1, version: 1 },
        { purpose: 'suspension', allocated: 1, set: 0, version: 0 },
      ],
    });

    // The password in the URL is never printed.
    const password = new URL(url).password;
    if (password !== '')
      for (const { stdout, stderr } of session.outputs) expect(stdout + stderr).not.toContain(password);
  });

  it('refuses to change or issue against a PostgreSQL store that has no lists yet, and says how to create them', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const schema = newSchema();
      const result = await cli(dir, 'status', 'show', '--postgres', url, '--postgres-schema', schema);
      expect(result.status).toBe(1);
      const shownAs = describeTarget({ connectionString: url }).label;
      expect(result.stderr).toBe(
        `error ERR_STORE_FAILED: There are no status lists in ${shownAs} (schema ${schema}); create them with: microcred status create --key KEY --list-url URL --postgres ${shownAs} --postgres-schema ${schema}\n`,
      );
    } finally {
      await cleanup();
    }
  });
});
