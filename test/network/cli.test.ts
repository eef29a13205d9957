// `microcred verify --doc URL=FILE` verifies fully offline; `--allow-network` fetches under the
// default policy (which these tests only ever see refuse, so nothing leaves the machine).
import net from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateKey, issueCredential } from '../../src/index.js';
import { NOW, unsignedCredential } from '../helpers/credential.js';
import { cliSession, type CliSession } from '../cli/helpers.js';
import { didWebCredential } from './helpers.js';

let session: CliSession;
const DID = 'did:web:pd.example.org';

interface JsonReport {
  verified: boolean;
  checks: { id: string; outcome: string; problem?: { code: string; detail: string } }[];
}
const signatureOf = (stdout: string) =>
  (JSON.parse(stdout) as JsonReport[])[0]!.checks.find((c) => c.id === 'signature');

beforeAll(async () => {
  session = await cliSession();
  const { credential, document } = await didWebCredential();
  await writeFile(join(session.dir, 'web-signed.json'), JSON.stringify(credential));
  await writeFile(join(session.dir, 'did.json'), JSON.stringify(document));
});
afterAll(() => session.close());
afterEach(() => vi.restoreAllMocks());

describe('verify --doc URL=FILE', () => {
  it.each([`${DID}=did.json`, 'https://pd.example.org/.well-known/did.json=did.json'])(
    '--doc %s verifies a did:web credential offline',
    async (pair) => {
      const result = await session.run('verify', 'web-signed.json', '--doc', pair);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('✔ Verified');
    },
  );

  it('without the document, exit 1, ERR_NETWORK_DISABLED, and a hint naming both ways out', async () => {
    const result = await session.run('verify', 'web-signed.json', '--json');
    expect(result.status).toBe(1);
    expect(signatureOf(result.stdout)).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_NETWORK_DISABLED' },
    });
    expect(result.stderr).toContain('https://pd.example.org/.well-known/did.json');
    expect(result.stderr).toContain('--did-doc');
    expect(result.stderr).toContain('--allow-network');
  });

  it.each([
    ['no "="', 'did.json'],
    ['no URL', '=did.json'],
    ['no file', `${DID}=`],
    ['a file that does not exist', `${DID}=missing.json`],
    ['a bundled context', 'https://www.w3.org/ns/credentials/v2=did.json'],
  ])('a --doc with %s is a usage error (exit 2)', async (_case, pair) => {
    const result = await session.run('verify', 'web-signed.json', '--doc', pair);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--doc');
    expect(result.stdout).toBe('');
  });

  it('help describes --doc and --allow-network', async () => {
    const result = await session.run('help', 'verify');
    expect(result.stdout).toContain('--doc URL=FILE');
    expect(result.stdout).toContain('--allow-network');
  });
});

describe('verify --allow-network', () => {
  it('fetches under the default policy: a did:web on localhost is refused before any socket is opened', async () => {
    const key = (await generateKey()).withController('did:web:localhost%3A8443');
    await writeFile(
      join(session.dir, 'local-signed.json'),
      JSON.stringify(await issueCredential(unsignedCredential(key), { key, now: NOW })),
    );
    const connect = vi.spyOn(net.Socket.prototype, 'connect');
    const result = await session.run('verify', 'local-signed.json', '--json', '--allow-network');
    expect(result.status).toBe(1);
    expect(signatureOf(result.stdout)).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_NETWORK_REFUSED' },
    });
    expect(signatureOf(result.stdout)?.problem?.detail).toContain('https://localhost:8443/.well-known/did.json');
    expect(connect).not.toHaveBeenCalled();
  });

  it('documents given with --did-doc are used without the network', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    const result = await session.run('verify', 'web-signed.json', '--allow-network', '--did-doc', 'did.json');
    expect(result.status).toBe(0);
    expect(fetch).not.toHaveBeenCalled();
  });
});
