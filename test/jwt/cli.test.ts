// The VC-JWT path through the command line: keys for ES256 and RS256, issuing with --format jwt,
// and verifying a file that holds a JWT. Secrets never reach the output.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as jose from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, readJsonFile, tempDir, writeUnsigned, type CliResult } from '../cli/helpers.js';
import { decodePart, partsOf } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
const outputs: CliResult[] = [];
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

async function run(...argv: string[]): Promise<CliResult> {
  const result = await cli(dir, ...argv);
  outputs.push(result);
  return result;
}

/** The secret members of a JWK key file, which no output may contain. */
async function secretsOf(file: string): Promise<string[]> {
  const jwk = await readJsonFile<Record<string, string>>(join(dir, file));
  return ['d', 'p', 'q', 'dp', 'dq', 'qi'].map((m) => jwk[m]).filter((v): v is string => v !== undefined);
}

function expectNoSecret(secrets: string[]): void {
  expect(secrets.length).toBeGreaterThan(0);
  for (const { stdout, stderr } of outputs) for (const secret of secrets) expect(stdout + stderr).not.toContain(secret);
}

describe('microcred with VC-JWTs', () => {
  it('keys generate --type p256, issue --format jwt, verify the JWT file: ES256 under its did:key', async () => {
    const generated = await run('keys', 'generate', '--type', 'p256', '--out', 'p256.jwk.json');
    expect(generated.status).toBe(0);
    const key = await readJsonFile<{ kty: string; crv: string; alg: string; kid: string }>(join(dir, 'p256.jwk.json'));
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: expect.stringMatching(/^did:key:zDn/) });
    const did = key.kid.split('#')[0] as string;
    expect(generated.stdout).toContain(key.kid);

    const unsigned = await writeUnsigned(dir, did);
    const issued = await run('issue', '--key', 'p256.jwk.json', '--credential', unsigned, '--format', 'jwt');
    expect(issued.status).toBe(0);
    const jwt = issued.stdout.trim();
    expect(decodePart(partsOf(jwt)[0])).toEqual({ alg: 'ES256', typ: 'JWT', kid: key.kid });
    const { d: _d, ...publicJwk } = await readJsonFile<jose.JWK>(join(dir, 'p256.jwk.json'));
    await expect(jose.jwtVerify(jwt, await jose.importJWK(publicJwk, 'ES256'), { issuer: did })).resolves.toBeDefined();

    await writeFile(join(dir, 'badge.jwt'), issued.stdout);
    const verified = await run('verify', 'badge.jwt', '--json');
    expect(verified.status).toBe(0);
    expect(JSON.parse(verified.stdout)[0]).toMatchObject({ file: 'badge.jwt', verified: true, format: 'vc-jwt' });
    const text = await run('verify', 'badge.jwt');
    expect(text.stdout).toContain('The JWT claims agree with the credential');
    expectNoSecret(await secretsOf('p256.jwk.json'));
  });

  it('keys generate --type rsa --did-web writes the key and its DID document; the JWT verifies with --did-doc', async () => {
    const generated = await run(
      'keys',
      'generate',
      '--type',
      'rsa',
      '--did-web',
      'pd.example.org',
      '--out',
      'keys/rsa.jwk.json',
    );
    expect(generated.status).toBe(0);
    const key = await readJsonFile<{ kty: string; kid: string }>(join(dir, 'keys/rsa.jwk.json'));
    expect(key).toMatchObject({ kty: 'RSA', kid: expect.stringMatching(/^did:web:pd\.example\.org#/) });
    const document = await readJsonFile<{
      id: string;
      verificationMethod: { id: string; publicKeyJwk: Record<string, string> }[];
    }>(join(dir, 'keys/did.json'));
    expect(document.id).toBe('did:web:pd.example.org');
    expect(document.verificationMethod[0]?.id).toBe(key.kid);
    expect(document.verificationMethod[0]?.publicKeyJwk).not.toHaveProperty('d');

    const unsigned = await writeUnsigned(dir, 'did:web:pd.example.org');
    const issued = await run(
      'issue',
      '-k',
      'keys/rsa.jwk.json',
      '-c',
      unsigned,
      '--format',
      'jwt',
      '--out',
      'badge.jwt',
    );
    expect(issued.stdout).toContain('wrote it to badge.jwt');
    expect(decodePart(partsOf((await readFile(join(dir, 'badge.jwt'), 'utf8')).trim())[0])).toMatchObject({
      alg: 'RS256',
      kid: key.kid,
    });

    const offline = await run('verify', 'badge.jwt');
    expect(offline.status).toBe(1);
    expect(offline.stderr).toContain('hint: did:web:pd.example.org is a did:web');
    expect((await run('verify', 'badge.jwt', '--did-doc', 'keys/did.json')).status).toBe(0);
    expectNoSecret(await secretsOf('keys/rsa.jwk.json'));
  });

  it('an RSA key without --did-web has no id: its JWTs carry the public key in a jwk header', async () => {
    const generated = await run('keys', 'generate', '--type', 'rsa', '--out', 'rsa.jwk.json');
    expect(generated.stdout).toMatch(/has no id/);
    const unsigned = await writeUnsigned(dir, 'did:web:pd.example.org');
    const issued = await run('issue', '--key', 'rsa.jwk.json', '--credential', unsigned, '--format', 'jwt');
    expect(issued.status).toBe(0);
    expect(decodePart(partsOf(issued.stdout.trim())[0]).jwk).toMatchObject({ kty: 'RSA' });
    expect(decodePart(partsOf(issued.stdout.trim())[0]).jwk).not.toHaveProperty('d');
    expectNoSecret(await secretsOf('rsa.jwk.json'));
  });

  it('signs a VC-JWT with an Ed25519 key too (EdDSA)', async () => {
    expect((await run('keys', 'generate', '--out', 'ed.key.json')).status).toBe(0);
    const { controller } = await readJsonFile<{ controller: string }>(join(dir, 'ed.key.json'));
    const issued = await run(
      'issue',
      '--key',
      'ed.key.json',
      '--credential',
      await writeUnsigned(dir, controller),
      '--format',
      'jwt',
      '--out',
      'ed.jwt',
    );
    expect(issued.status).toBe(0);
    expect((await run('verify', 'ed.jwt')).status).toBe(0);
  });

  it('gives a VC-JWT status entries from --status-store (Ed25519 key), and refuses a P-256 key there (exit 2)', async () => {
    expect((await run('keys', 'generate', '--out', 'ed.key.json')).status).toBe(0);
    const { controller } = await readJsonFile<{ controller: string }>(join(dir, 'ed.key.json'));
    expect(
      (
        await run(
          'status',
          'create',
          '--key',
          'ed.key.json',
          '--list-url',
          'https://pd.example.org/status',
          '--store',
          'status.json',
        )
      ).status,
    ).toBe(0);
    const unsigned = await writeUnsigned(dir, controller);
    const issued = await run(
      'issue',
      '--key',
      'ed.key.json',
      '--credential',
      unsigned,
      '--format',
      'jwt',
      '--status-store',
      'status.json',
    );
    expect(issued.status).toBe(0);
    const payload = decodePart(partsOf(issued.stdout.trim())[1]);
    expect(payload.credentialStatus).toEqual([
      expect.objectContaining({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }),
      expect.objectContaining({ type: 'BitstringStatusListEntry', statusPurpose: 'suspension' }),
    ]);

    await run('keys', 'generate', '--type', 'p256', '--out', 'p256.jwk.json');
    const p256 = await run(
      'issue',
      '--key',
      'p256.jwk.json',
      '--credential',
      unsigned,
      '--format',
      'jwt',
      '--status-store',
      'status.json',
    );
    expect(p256.status).toBe(2);
    expect(p256.stderr).toContain('--status-store needs an Ed25519 key');
  });

  it('a P-256 key signs ecdsa-rdfc-2019 without --format; asked for an Ed25519 suite it is refused (ERR_KEY_PROOF_UNSUPPORTED, with a hint); an unknown --format or --type (exit 2)', async () => {
    await run('keys', 'generate', '--type', 'p256', '--out', 'p256.jwk.json');
    const { kid } = await readJsonFile<{ kid: string }>(join(dir, 'p256.jwk.json'));
    const unsigned = await writeUnsigned(dir, kid.split('#')[0] as string);
    const noFormat = await run('issue', '--key', 'p256.jwk.json', '--credential', unsigned);
    expect(noFormat.status).toBe(0);
    expect(noFormat.stdout).toContain('ecdsa-rdfc-2019');
    const ed = await run('issue', '--key', 'p256.jwk.json', '--credential', unsigned, '--suite', 'ed25519-2020');
    expect(ed.status).toBe(1);
    expect(ed.stderr).toContain('ERR_KEY_PROOF_UNSUPPORTED');
    expect(ed.stderr).toMatch(/P-256 key cannot make an Ed25519Signature2020 proof/);
    expect(ed.stderr).toContain('hint: p256.jwk.json is a P-256 key: leave out --suite');
    expect(ed.stdout).toBe('');
    expect((await run('issue', '--key', 'p256.jwk.json', '--credential', unsigned, '--format', 'cbor')).status).toBe(2);
    expect((await run('keys', 'generate', '--type', 'secp256k1', '--out', 'k.json')).status).toBe(2);
    expectNoSecret(await secretsOf('p256.jwk.json'));
  });

  it('names the field and signs nothing when the credential is invalid', async () => {
    await run('keys', 'generate', '--type', 'p256', '--out', 'p256.jwk.json');
    const issued = await run(
      'issue',
      '--key',
      'p256.jwk.json',
      '--credential',
      await writeUnsigned(dir, 'did:example:not-the-key'),
      '--format',
      'jwt',
      '--out',
      'x.jwt',
    );
    expect(issued.status).toBe(1);
    expect(issued.stderr).toContain('ERR_ISSUER_MISMATCH');
    await expect(readFile(join(dir, 'x.jwt'))).rejects.toThrow();
  });

  it('reports a damaged JWT file as a malformed JWT', async () => {
    await writeFile(join(dir, 'broken.jwt'), 'eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJ4In0\n');
    const result = await run('verify', 'broken.jwt', '--json');
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)[0].checks[0]).toMatchObject({
      id: 'parse',
      outcome: 'failed',
      problem: { code: 'ERR_JWT_MALFORMED' },
    });
  });
});
