// The secret key never leaks: a battery of everything a user does with a key — issue good and bad
// credentials, verify, export, import with a mismatched secret, the CLI from `keys generate` on —
// with every output collected (results, thrown errors, reports, console and process streams, CLI
// stdout/stderr) and searched for the secret in each of its encodings.
import { inspect } from 'node:util';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportKey, generateKey, importKey, issueCredential, verifyCredential, type Key } from '../../src/index.js';
import { NOW, clone, unsignedCredential } from '../helpers/credential.js';
import { cliSession, readJsonFile, writeUnsigned, type CliSession } from '../cli/helpers.js';

/** Every text form of a 32-byte Ed25519 seed, and of the 64-byte seed‖public form some libraries use. */
async function encodingsOf(key: Key): Promise<string[]> {
  const multibase = (await exportKey(key, { format: 'multikey', includeSecret: true })).secretKeyMultibase as string;
  const d = (await exportKey(key, { format: 'jwk', includeSecret: true })).d as string;
  const seed = Buffer.from(d, 'base64url');
  const long = Buffer.concat([seed, Buffer.from(key.publicKey)]);
  const forms = [multibase, d];
  for (const bytes of [seed, long])
    forms.push(
      bytes.toString('hex'),
      bytes.toString('hex').toUpperCase(),
      bytes.toString('base64'),
      bytes.toString('base64url'),
    );
  // Every run of 8 characters of each form: a message that quotes part of a secret (V8 quotes ten
  // characters around a JSON syntax error) leaks that part.
  return [...new Set(forms.flatMap((f) => Array.from({ length: f.length - 7 }, (_, i) => f.slice(i, i + 8))))];
}

function expectNoSecret(outputs: string[], secrets: string[]): void {
  expect(outputs.length).toBeGreaterThan(0);
  for (const output of outputs)
    for (const secret of secrets)
      expect(output.includes(secret), `a secret encoding appeared in: ${output.slice(0, 200)}`).toBe(false);
}

// Everything an error shows: message, stack, details, cause, and how Node prints it.
function shown(error: unknown): string {
  const e = error as Error & { details?: unknown; cause?: unknown };
  return [
    String(e),
    e?.stack ?? '',
    JSON.stringify(e?.details ?? null),
    String(e?.cause ?? ''),
    inspect(e, { depth: 10, showHidden: true }),
  ].join('\n');
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('expected a rejection'),
    (error: unknown) => error,
  );
}

// Each attempt must fail, and nothing its error shows may hold the secret.
async function expectErrorsWithoutSecret(
  attempts: (() => Promise<unknown>)[],
  hidden: string[] = secrets,
): Promise<void> {
  const outputs: string[] = [];
  for (const attempt of attempts) outputs.push(shown(await caught(attempt())));
  expectNoSecret(outputs, hidden);
}

let key: Key<'ed25519'>;
let secrets: string[];
const console_: string[] = [];

beforeAll(async () => {
  key = await generateKey();
  secrets = await encodingsOf(key);
  // Anything written to the console or the process streams while the battery runs is collected.
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    vi.spyOn(console, method).mockImplementation(
      (...args: unknown[]) => void console_.push(args.map((a) => inspect(a, { depth: 10 })).join(' ')),
    );
  }
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      console_.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as never);
  }
});

afterAll(() => {
  vi.restoreAllMocks();
});

describe('the library', () => {
  it('the key object itself: JSON, inspect (hidden members too), String, spread, entries, structuredClone, its signer', async () => {
    const outputs = [
      JSON.stringify(key),
      inspect(key, { depth: 10, showHidden: true, getters: true }),
      String(key),
      JSON.stringify({ ...key }),
      JSON.stringify(Object.entries(key)),
      inspect(structuredClone(key), { showHidden: true }),
      inspect(key.signer(), { showHidden: true, depth: 10 }),
      JSON.stringify(key.signer()),
      JSON.stringify(await exportKey(key)),
      JSON.stringify(await exportKey(key, { format: 'jwk' })),
      inspect(key.withController('did:web:pd.example.org'), { showHidden: true }),
    ];
    expectNoSecret(outputs, secrets);
  });

  it('issuing good credentials, and verifying them, changed and unchanged', async () => {
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW });
    const changed = { ...clone(signed), name: 'Changed' };
    const outputs = [JSON.stringify(signed), inspect(signed, { depth: 20 })];
    for (const input of [signed, changed, JSON.stringify(signed)])
      outputs.push(JSON.stringify(await verifyCredential(input, { now: NOW })));
    expectNoSecret(outputs, secrets);
  });

  it('issuing bad credentials: every error, its details, cause and stack', async () => {
    const other = await generateKey();
    const cyclic: Record<string, unknown> = { ...unsignedCredential(key) };
    cyclic.self = cyclic;
    const attempts = [
      () => issueCredential({ ...unsignedCredential(key), name: '' } as never, { key, now: NOW }),
      () => issueCredential(unsignedCredential(other) as never, { key, now: NOW }),
      () => issueCredential({ ...unsignedCredential(key), undefinedTerm: 1 } as never, { key, now: NOW }),
      () => issueCredential({ ...unsignedCredential(key), proof: {} } as never, { key, now: NOW }),
      () => issueCredential({ ...unsignedCredential(key), validUntil: 'soon' } as never, { key, now: NOW }),
      () => issueCredential(cyclic as never, { key, now: NOW }),
      () => issueCredential(unsignedCredential(key) as never, { key, now: NOW, loader: {} as never }),
      () =>
        issueCredential(
          {
            ...unsignedCredential(key),
            '@context': ['https://www.w3.org/ns/credentials/v2', 'https://example.org/unknown'],
          } as never,
          { key, now: NOW },
        ),
    ];
    await expectErrorsWithoutSecret(attempts);
  });

  it('importing the key with a mismatched, truncated or malformed secret: the errors name no secret', async () => {
    const file = await exportKey(key, { includeSecret: true });
    const jwk = await exportKey(key, { format: 'jwk', includeSecret: true });
    const other = await generateKey();
    const otherFile = await exportKey(other, { includeSecret: true });
    const otherX = (await exportKey(other, { format: 'jwk' })).x;
    const attempts = [
      () => importKey({ ...otherFile, secretKeyMultibase: file.secretKeyMultibase }),
      () => importKey({ ...jwk, x: otherX }),
      () => importKey({ ...file, secretKeyMultibase: (file.secretKeyMultibase as string).slice(0, -3) }),
      () => importKey({ ...jwk, d: (jwk.d as string).slice(0, -2) }),
      () => importKey({ ...jwk, crv: 'X25519' }),
      () => importKey({ ...file, publicKeyMultibase: 'z6Mk-not-a-key' }),
      () => importKey({ ...file, id: 'did:key:z6MkOther#key-1' }),
      () => importKey({ secretKeyMultibase: file.secretKeyMultibase }),
    ];
    await expectErrorsWithoutSecret(attempts);
  });

  it('verifying a key file by mistake, whole or cut short, as an object or as text', async () => {
    const file = await exportKey(key, { includeSecret: true });
    const jwk = await exportKey(key, { format: 'jwk', includeSecret: true });
    const outputs: string[] = [];
    for (const input of [
      file,
      jwk,
      JSON.stringify(file),
      JSON.stringify(jwk),
      JSON.stringify(file).slice(0, -5),
      JSON.stringify(jwk).slice(0, -3),
      JSON.stringify(jwk).replace('"d":', '"d" '),
      JSON.stringify(jwk).replace(/"d":"([^"]+)"/, '"d":$1'),
    ]) {
      outputs.push(JSON.stringify(await verifyCredential(input, { now: NOW })));
    }
    expectNoSecret(outputs, secrets);
  });

  it('the console and the process streams received nothing secret while all of the above ran', () => {
    expectNoSecret([console_.join('\n') || '(nothing printed)'], secrets);
  });
});

describe('P-256 and RSA keys (ES256, RS256): the private JWK members never show', () => {
  it.each([
    ['ES256', 'p256'],
    ['RS256', 'rsa'],
  ] as const)(
    '%s: the key object, issuing good and bad credentials, verifying, importing with a mismatched secret',
    async (alg, type) => {
      const jwtKey = await generateKey({ type });
      const other = await generateKey({ type });
      const exported = await exportKey(jwtKey, { includeSecret: true });
      const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi']
        .map((m) => (exported as Record<string, unknown>)[m])
        .filter((v): v is string => typeof v === 'string');
      expect(privateMembers.length).toBeGreaterThan(0);
      const jwtSecrets = [
        ...new Set(privateMembers.flatMap((f) => Array.from({ length: f.length - 7 }, (_, i) => f.slice(i, i + 8)))),
      ];
      const issuer = { controller: jwtKey.controller ?? 'did:web:pd.example.org' };
      const jwt = await issueCredential(unsignedCredential(issuer) as never, { key: jwtKey, format: 'jwt', now: NOW });
      const outputs = [
        JSON.stringify(jwtKey),
        inspect(jwtKey, { depth: 10, showHidden: true, getters: true }),
        String(jwtKey),
        JSON.stringify({ ...jwtKey }),
        JSON.stringify(await exportKey(jwtKey)),
        jwt,
        JSON.stringify(await verifyCredential(jwt, { now: NOW })),
      ];
      // The other key's public members with this key's private ones: a mismatched pair.
      const { kty: _kty, alg: _alg, kid: _kid, ...otherPublic } = (await exportKey(other)) as Record<string, unknown>;
      const attempts = [
        () =>
          issueCredential({ ...unsignedCredential(issuer), name: '' } as never, {
            key: jwtKey,
            format: 'jwt',
            now: NOW,
          }),
        () =>
          issueCredential({ ...unsignedCredential(issuer), undefinedTerm: 1 } as never, {
            key: jwtKey,
            format: 'jwt',
            now: NOW,
          }),
        // Asked for a proof it cannot make: refused before anything is signed.
        () =>
          issueCredential(unsignedCredential(issuer) as never, {
            key: jwtKey,
            now: NOW,
            suite: 'Ed25519Signature2020',
          }),
        () => importKey({ ...exported, ...otherPublic }),
        () => importKey({ ...exported, alg: alg === 'ES256' ? 'RS256' : 'ES256' }),
        () => importKey({ ...exported, kty: 'oct' }),
        () => importKey({ ...exported, ...otherPublic, d: (exported.d as string).slice(0, -4) }),
      ];
      await expectErrorsWithoutSecret(attempts, jwtSecrets);
      expectNoSecret(outputs, jwtSecrets);
    },
  );
});

describe('the CLI, from keys generate on', () => {
  let session: CliSession;
  let cliSecrets: string[];

  beforeAll(async () => {
    session = await cliSession();
    cliSecrets = await encodingsOf(await importKey(await readJsonFile(join(session.dir, 'issuer.key.json'))));
  });

  afterAll(async () => {
    await session.close();
  });

  it('issue, verify, did-web, and every refusal print nothing secret (stdout and stderr, every encoding)', async () => {
    await writeUnsigned(session.dir, session.did);
    await writeFile(join(session.dir, 'bad.json'), '{"type": ["VerifiableCredential"], "name": 5}');
    const keyFile = await readJsonFile(join(session.dir, 'issuer.key.json'));
    await writeFile(join(session.dir, 'broken.key.json'), JSON.stringify(keyFile).slice(0, -5));
    await writeFile(
      join(session.dir, 'mismatched.key.json'),
      JSON.stringify({ ...keyFile, publicKeyMultibase: (await exportKey(await generateKey())).publicKeyMultibase }),
    );
    const runs = [
      ['issue', '--key', 'issuer.key.json', '--credential', 'unsigned.json', '--out', 'signed.json'],
      ['issue', '--key', 'issuer.key.json', '--credential', 'unsigned.json'],
      ['verify', 'signed.json'],
      ['verify', 'signed.json', '--json'],
      ['issue', '--key', 'issuer.key.json', '--credential', 'bad.json'],
      ['issue', '--key', 'broken.key.json', '--credential', 'unsigned.json'],
      ['issue', '--key', 'mismatched.key.json', '--credential', 'unsigned.json'],
      ['issue', '--key', 'issuer.key.json'],
      ['issue', '--key', 'missing.key.json', '--credential', 'unsigned.json'],
      ['keys', 'did-web', '--key', 'issuer.key.json', '--domain', 'pd.example.org'],
      ['verify', 'issuer.key.json'],
      ['verify', 'issuer.key.json', '--json'],
      ['verify', 'broken.key.json'],
      ['verify', 'broken.key.json', '--json'],
    ];
    const statuses: number[] = [];
    for (const argv of runs) statuses.push((await session.run(...argv)).status);
    expect(statuses.filter((s) => s === 0).length).toBeGreaterThanOrEqual(4);
    expect(statuses.filter((s) => s !== 0).length).toBeGreaterThanOrEqual(5);
    expectNoSecret(
      session.outputs.flatMap((o) => [o.stdout, o.stderr]),
      cliSecrets,
    );
  });
});
