import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importKey, StatusRegistry, verifyCredential } from '../../src/index.js';
import { FileStatusStore } from '../../src/node.js';
import { fromBase58btc, toHex } from '../../src/encoding.js';
import { cliSession, example, readJsonFile, writeUnsigned, type CliSession } from './helpers.js';

// `--signer MODULE`: the CLI signs through the library's external signer, loaded from a module. Each
// module here signs with node:crypto over a key file the CLI is never given (as a KMS would).

interface KeyFile {
  id: string;
  controller: string;
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

/** The body of `sign(data, { signal })` in a signer module; `kmsKey` is the node:crypto private key. */
const SIGN = {
  good: 'return new Uint8Array(sign(null, data, kmsKey));',
  garbage: 'return new Uint8Array(64).fill(7);',
  throws: "throw new Error('the KMS refused: AccessDenied for key badges-2026');",
  rejects: "return Promise.reject(new Error('the KMS is unreachable (ECONNREFUSED)'));",
  // Good for the first three signatures (the CLI's check, then two credentials), then the KMS goes down.
  failsAfterThree:
    "if (++calls > 3) throw new Error('the KMS went down'); return new Uint8Array(sign(null, data, kmsKey));",
} as const;

/** Writes a signer module `name` that signs as `body` says with the key in `keyFile` (its secret inlined as PKCS #8). */
async function writeSigner(dir: string, name: string, keyFile: string, body: string): Promise<string> {
  const key = await readJsonFile<KeyFile>(join(dir, keyFile));
  const seed = fromBase58btc(key.secretKeyMultibase.slice(1)).slice(2);
  const pkcs8 = `302e020100300506032b657004220420${toHex(seed)}`;
  await writeFile(
    join(dir, name),
    `import { createPrivateKey, sign } from 'node:crypto';
const kmsKey = createPrivateKey({ key: Buffer.from('${pkcs8}', 'hex'), format: 'der', type: 'pkcs8' });
let calls = 0;
export default {
  id: ${JSON.stringify(key.id)},
  algorithm: 'Ed25519',
  publicKey: ${JSON.stringify(key.publicKeyMultibase)},
  async sign(data) { ${body} },
};
`,
  );
  return name;
}

let s: CliSession;
beforeEach(async () => {
  s = await cliSession();
});
afterEach(async () => {
  delete process.env.KMS_KEY_FILE;
  await s.close();
});

/** What the folder holds, for "nothing was written". */
async function listing(): Promise<string[]> {
  return (await readdir(s.dir)).sort();
}

async function createStore(...signing: string[]): Promise<void> {
  const created = await s.run(
    'status',
    'create',
    ...signing,
    '--list-url',
    'https://pd.example.org/status',
    '--store',
    'status.json',
  );
  expect(created.status, created.stderr).toBe(0);
}

/** A batch of rows.csv with badge.json, into out.jsonl, with entries in status.json. */
const BATCH = [
  '--batch',
  'rows.csv',
  '--template',
  'badge.json',
  '--out',
  'out.jsonl',
  '--status-store',
  'status.json',
];

describe('microcred --signer MODULE (a key kept elsewhere)', () => {
  it('issues one credential, a batch with status entries, and signs the status lists through the example KMS signer', async () => {
    expect((await s.run('keys', 'generate', '--out', 'kms.key.json')).status).toBe(0);
    process.env.KMS_KEY_FILE = join(s.dir, 'kms.key.json');
    await copyFile(example('kms/kms-signer.mjs'), join(s.dir, 'kms-signer.mjs'));
    const kms = await readJsonFile<KeyFile>(join(s.dir, 'kms.key.json'));
    const signing = ['--signer', 'kms-signer.mjs'];

    await writeUnsigned(s.dir, kms.controller);
    const one = await s.run('issue', ...signing, '--credential', 'unsigned.json', '--out', 'one.json');
    expect(one.status, one.stderr).toBe(0);
    const signed = await readJsonFile(join(s.dir, 'one.json'));
    expect((await verifyCredential(signed)).verified).toBe(true);

    await createStore(...signing);
    await copyFile(example('batch/badge.json'), join(s.dir, 'badge.json'));
    await writeFile(
      join(s.dir, 'rows.csv'),
      'name,email\nAna Reyes,ana@school.example\nBen Okafor,ben@school.example\n',
    );
    const batch = await s.run('issue', ...signing, ...BATCH);
    expect(batch.status, batch.stderr).toBe(0);
    const issued = (await readFile(join(s.dir, 'out.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string });
    expect(issued).toHaveLength(2);

    const revoked = await s.run('status', 'revoke', issued[0]!.id, ...signing, '--store', 'status.json');
    expect(revoked.status, revoked.stderr).toBe(0);
    // The lists the signer re-signed verify with the kms key, and carry the revocation.
    const registry = new StatusRegistry({
      store: new FileStatusStore(join(s.dir, 'status.json')),
      key: await importKey(kms),
      listBaseUrl: 'https://pd.example.org/status',
    });
    const [first, second] = await Promise.all(issued.map((c) => verifyCredential(c, { status: registry })));
    expect(second?.verified, JSON.stringify(second?.checks.filter((c) => c.outcome !== 'passed'))).toBe(true);
    expect(first?.verified).toBe(false);
    expect(first?.checks.find((c) => c.id === 'status')?.outcome).toBe('failed');
  }, 120_000);

  it('refuses a signer whose key is not the issuer’s, for one credential, a batch and a status list, writing nothing', async () => {
    expect((await s.run('keys', 'generate', '--out', 'other.key.json')).status).toBe(0);
    const other = await writeSigner(s.dir, 'other-signer.mjs', 'other.key.json', SIGN.good);
    await writeUnsigned(s.dir, s.did);
    await createStore('--key', 'issuer.key.json');
    // A credential the issuer's own key issued into the store, for the stranger to try to revoke.
    const mine = await s.run(
      'issue',
      '--key',
      'issuer.key.json',
      '--credential',
      'unsigned.json',
      '--out',
      'mine.json',
      '--status-store',
      'status.json',
    );
    expect(mine.status, mine.stderr).toBe(0);
    const mineId = (await readJsonFile<{ id: string }>(join(s.dir, 'mine.json'))).id;
    const store = await readFile(join(s.dir, 'status.json'), 'utf8');
    const before = await listing();

    const one = await s.run(
      'issue',
      '--signer',
      other,
      '--credential',
      'unsigned.json',
      '--out',
      'one.json',
      '--status-store',
      'status.json',
    );
    expect(one.status).toBe(1);
    expect(one.stderr).toContain('error ERR_ISSUER_MISMATCH');

    await writeFile(
      join(s.dir, 'badge.json'),
      JSON.stringify({
        ...(await readJsonFile(join(s.dir, 'unsigned.json'))),
        credentialSubject: {
          type: ['AchievementSubject'],
          achievement: {
            id: 'https://pd.example.org/a',
            type: ['Achievement'],
            name: 'A',
            criteria: { narrative: 'Did it.' },
          },
        },
      }),
    );
    await writeFile(join(s.dir, 'rows.csv'), 'name,email\nAna Reyes,ana@school.example\n');
    const withFiles = await listing();
    const batch = await s.run('issue', '--signer', other, ...BATCH);
    expect(batch.status).toBe(1);
    expect(batch.stderr).toContain('error ERR_ISSUER_MISMATCH');
    expect(batch.stderr).toContain(s.did);

    const revoke = await s.run('status', 'revoke', mineId, '--signer', other, '--store', 'status.json');
    expect(revoke.status).toBe(1);
    expect(revoke.stderr).toContain('error ERR_STATUS_LIST_OTHER_ISSUER');
    expect(revoke.stderr).toContain(s.did);

    expect(before.every((f) => withFiles.includes(f))).toBe(true);
    expect(await listing()).toEqual(withFiles);
    expect(await readFile(join(s.dir, 'status.json'), 'utf8')).toBe(store);
  }, 120_000);

  it('refuses a signer whose signature does not verify with its public key, before a status index is taken or a file written', async () => {
    const garbage = await writeSigner(s.dir, 'garbage-signer.mjs', 'issuer.key.json', SIGN.garbage);
    await writeUnsigned(s.dir, s.did);
    await createStore('--key', 'issuer.key.json');
    const store = await readFile(join(s.dir, 'status.json'), 'utf8');
    await copyFile(example('batch/badge.json'), join(s.dir, 'badge.json'));
    await writeFile(join(s.dir, 'rows.csv'), 'name,email\nAna Reyes,ana@school.example\n');
    const before = await listing();

    for (const argv of [
      ['issue', '--credential', 'unsigned.json', '--out', 'one.json', '--status-store', 'status.json'],
      [
        'issue',
        '--batch',
        'rows.csv',
        '--template',
        'badge.json',
        '--out',
        'out.jsonl',
        '--status-store',
        'status.json',
      ],
      ['status', 'create', '--store', 'status.json', '--out', 'lists'],
    ]) {
      const result = await s.run(...argv, '--signer', garbage);
      expect(result.status, argv.join(' ')).toBe(1);
      expect(result.stderr).toContain('error ERR_SIGNER_INVALID_SIGNATURE');
      expect(result.stderr).toMatch(/not a Ed25519 signature|not an Ed25519 signature/);
    }
    expect(await listing()).toEqual(before);
    expect(await readFile(join(s.dir, 'status.json'), 'utf8')).toBe(store);
  }, 120_000);

  it('says what is wrong with a module that exports no signer, cannot be loaded, or is not there', async () => {
    await writeUnsigned(s.dir, s.did);
    await writeFile(join(s.dir, 'nothing.mjs'), 'export const key = "not a signer";\n');
    await writeFile(join(s.dir, 'broken.mjs'), "throw new Error('KMS_REGION is not set');\n");
    const before = await listing();

    const none = await s.run('issue', '--signer', 'nothing.mjs', '--credential', 'unsigned.json', '--out', 'one.json');
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('error ERR_SIGNER_MODULE_INVALID: nothing.mjs exports no signer');
    const broken = await s.run(
      'status',
      'create',
      '--signer',
      'broken.mjs',
      '--list-url',
      'https://pd.example.org/status',
      '--store',
      'status.json',
    );
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(
      'error ERR_SIGNER_MODULE_INVALID: The signer module broken.mjs could not be loaded: KMS_REGION is not set',
    );
    const missing = await s.run('issue', '--signer', 'missing.mjs', '--credential', 'unsigned.json');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('error ERR_FILE_UNREADABLE: There is no signer module missing.mjs.');
    const both = await s.run(
      'issue',
      '--key',
      'issuer.key.json',
      '--signer',
      'nothing.mjs',
      '--credential',
      'unsigned.json',
    );
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('Give either --key FILE (a key file) or --signer MODULE');
    expect(await listing()).toEqual(before);
  }, 120_000);

  it('reports a signer that throws or rejects with its reason, and writes nothing', async () => {
    const throws = await writeSigner(s.dir, 'throws.mjs', 'issuer.key.json', SIGN.throws);
    const rejects = await writeSigner(s.dir, 'rejects.mjs', 'issuer.key.json', SIGN.rejects);
    await writeUnsigned(s.dir, s.did);
    const before = await listing();
    const thrown = await s.run('issue', '--signer', throws, '--credential', 'unsigned.json', '--out', 'one.json');
    expect(thrown.status).toBe(1);
    expect(thrown.stderr).toContain('error ERR_SIGNER_FAILED');
    expect(thrown.stderr).toContain('AccessDenied for key badges-2026');
    const rejected = await s.run(
      'status',
      'create',
      '--signer',
      rejects,
      '--list-url',
      'https://pd.example.org/status',
      '--store',
      'status.json',
    );
    expect(rejected.status).toBe(1);
    expect(rejected.stderr).toContain('error ERR_SIGNER_FAILED');
    expect(rejected.stderr).toContain('the KMS is unreachable (ECONNREFUSED)');
    expect(await listing()).toEqual(before);
  }, 120_000);

  it('stops a batch at the first row the signer fails, and a re-run with a working signer continues it exactly', async () => {
    const flaky = await writeSigner(s.dir, 'flaky.mjs', 'issuer.key.json', SIGN.failsAfterThree);
    const good = await writeSigner(s.dir, 'good.mjs', 'issuer.key.json', SIGN.good);
    await copyFile(example('batch/badge.json'), join(s.dir, 'badge.json'));
    const rows = ['name,email', ...Array.from({ length: 5 }, (_, i) => `Teacher ${i + 1},t${i + 1}@school.example`)];
    await writeFile(join(s.dir, 'rows.csv'), `${rows.join('\n')}\n`);
    const argv = ['issue', '--batch', 'rows.csv', '--template', 'badge.json', '--out', 'out.jsonl'];

    const first = await s.run(...argv, '--signer', flaky);
    expect(first.status).toBe(1);
    expect(first.stderr).toContain('row 3 (line 4): ERR_SIGNER_FAILED');
    expect(first.stdout).toContain('Stopped: the signer failed');
    expect(first.stderr).not.toContain('row 4');

    const second = await s.run(...argv, '--signer', good, '--json');
    expect(second.status, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ issued: 3, failed: 0, skipped: 2 });
    const ids = (await readFile(join(s.dir, 'out.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
  }, 120_000);
});
