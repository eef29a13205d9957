// microcred status adopt (lists from before stores recorded their issuer) and status compact (the
// file store's journal folded into its file).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cliSession, readJsonFile, writeUnsigned, type CliSession } from '../cli/helpers.js';

let session: CliSession;
let dir: string;
let badgeId: string;
const STORE = ['--store', 'microcred-status.json'];

beforeAll(async () => {
  session = await cliSession();
  dir = session.dir;
  await writeUnsigned(dir, session.did);
  const created = await session.run(
    'status',
    'create',
    '--key',
    'issuer.key.json',
    '--list-url',
    'https://pd.example.org/status',
    ...STORE,
  );
  expect(created.status).toBe(0);
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
  badgeId = (await readJsonFile<{ id: string }>(join(dir, 'badge.json'))).id;
});
afterAll(() => session.close());

describe('status compact', () => {
  it('folds the journal into the file, keeping every entry', async () => {
    const journal = join(dir, 'microcred-status.json.journal');
    expect((await readFile(journal, 'utf8')).split('\n').filter(Boolean).length).toBeGreaterThan(1);
    const result = await session.run('status', 'compact', ...STORE);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('rewritten as one file');
    expect((await readFile(journal, 'utf8')).split('\n').filter(Boolean)).toHaveLength(1);
    const shown = await session.run('status', 'show', badgeId, ...STORE);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain('revocation');
  });

  it('refuses a store that does not exist and a PostgreSQL store', async () => {
    expect((await session.run('status', 'compact', '--store', 'none.json')).status).not.toBe(0);
    const pg = await session.run('status', 'compact', '--postgres', 'postgres://127.0.0.1:1/x');
    expect(pg.status).toBe(2);
  });
});

describe('status adopt', () => {
  it("claims the lists of a store from before issuers were recorded with the issuer's published lists; a stranger's key is refused", async () => {
    await session.run('status', 'compact', ...STORE);
    const path = join(dir, 'microcred-status.json');
    const json = JSON.parse(await readFile(path, 'utf8'));
    json.version = 1;
    delete json.seq;
    delete json.epoch;
    for (const list of json.lists) delete list.issuer;
    await writeFile(path, JSON.stringify(json));
    const published = (await readdir(join(dir, 'status-lists')))
      .filter((f) => f.endsWith('.json'))
      .map((f) => join('status-lists', f));
    expect(published.length).toBeGreaterThan(0);

    const refused = await session.run('status', 'revoke', badgeId, '--key', 'issuer.key.json', ...STORE);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('adopt');

    expect((await session.run('keys', 'generate', '--out', 'stranger.key.json')).status).toBe(0);
    const stranger = await session.run('status', 'adopt', ...published, '--key', 'stranger.key.json', ...STORE);
    expect(stranger.status).not.toBe(0);
    expect(stranger.stderr).toContain('ERR_STATUS_LIST_OTHER_ISSUER');

    const adopted = await session.run('status', 'adopt', ...published, '--key', 'issuer.key.json', ...STORE);
    expect(adopted.status).toBe(0);
    expect(adopted.stdout.match(/Adopted /g)).toHaveLength(published.length);
    const again = await session.run('status', 'adopt', ...published, '--key', 'issuer.key.json', ...STORE);
    expect(again.stdout).toContain('already belonged');

    const revoked = await session.run('status', 'revoke', badgeId, '--key', 'issuer.key.json', ...STORE);
    expect(revoked.status).toBe(0);
    expect((await stat(path)).size).toBeGreaterThan(0);
  });

  it('needs at least one published list, and says so', async () => {
    const result = await session.run('status', 'adopt', '--key', 'issuer.key.json', ...STORE);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('published list credentials');
  });
});
