import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, stat, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, readJsonFile, tempDir } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

interface KeyJson {
  id: string;
  controller: string;
  publicKeyMultibase: string;
  secretKeyMultibase?: string;
}

describe('keys generate', () => {
  it('writes the key file with mode 0600 and prints the DID and method id, never the secret', async () => {
    const result = await cli(dir, 'keys', 'generate', '--out', 'issuer.key.json');
    expect(result.status).toBe(0);
    const path = join(dir, 'issuer.key.json');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const key = await readJsonFile<KeyJson>(path);
    expect(key.secretKeyMultibase).toMatch(/^z/);
    expect(key.controller).toBe(`did:key:${key.publicKeyMultibase}`);
    expect(result.stdout).toContain(key.controller);
    expect(result.stdout).toContain(key.id);
    expect(result.stdout + result.stderr).not.toContain(key.secretKeyMultibase);
  });

  it('creates the key 0600 even when the umask would allow more', async () => {
    const previous = process.umask(0);
    try {
      expect((await cli(dir, 'keys', 'generate', '--out', 'k.json')).status).toBe(0);
    } finally {
      process.umask(previous);
    }
    expect((await stat(join(dir, 'k.json'))).mode & 0o777).toBe(0o600);
  });

  it('creates missing folders for the key, readable only by the owner', async () => {
    expect((await cli(dir, 'keys', 'generate', '--out', 'secrets/k.json')).status).toBe(0);
    expect((await stat(join(dir, 'secrets'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, 'secrets/k.json'))).mode & 0o777).toBe(0o600);
  });

  it('refuses to overwrite an existing file without --force (exit 1) and leaves it unchanged', async () => {
    await writeFile(join(dir, 'k.json'), 'the only copy');
    const result = await cli(dir, 'keys', 'generate', '--out', 'k.json');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/k\.json already exists.*--force/);
    expect(result.stderr).toContain('ERR_FILE_EXISTS');
    expect(await readFile(join(dir, 'k.json'), 'utf8')).toBe('the only copy');
  });

  it('with --force replaces the file and makes it 0600 again', async () => {
    await writeFile(join(dir, 'k.json'), 'old');
    await chmod(join(dir, 'k.json'), 0o644);
    const result = await cli(dir, 'keys', 'generate', '--out', 'k.json', '--force');
    expect(result.status).toBe(0);
    expect((await stat(join(dir, 'k.json'))).mode & 0o777).toBe(0o600);
    expect((await readJsonFile<KeyJson>(join(dir, 'k.json'))).secretKeyMultibase).toBeTypeOf('string');
  });

  it('with --did-web makes did:web the controller and writes did.json beside the key', async () => {
    const result = await cli(dir, 'keys', 'generate', '--out', 'keys/issuer.key.json', '--did-web', 'pd.example.org');
    expect(result.status).toBe(0);
    const key = await readJsonFile<KeyJson>(join(dir, 'keys/issuer.key.json'));
    expect(key.controller).toBe('did:web:pd.example.org');
    expect(key.id).toBe(`did:web:pd.example.org#${key.publicKeyMultibase}`);
    const doc = await readJsonFile<{ id: string; verificationMethod: KeyJson[]; assertionMethod: string[] }>(
      join(dir, 'keys/did.json'),
    );
    expect(doc.id).toBe('did:web:pd.example.org');
    expect(doc.verificationMethod[0]).toMatchObject({
      id: key.id,
      controller: doc.id,
      publicKeyMultibase: key.publicKeyMultibase,
    });
    expect(doc.assertionMethod).toEqual([key.id]);
    expect(JSON.stringify(doc)).not.toContain('secret');
    expect(result.stdout).toContain('https://pd.example.org/.well-known/did.json');
    expect(result.stdout).toContain('did:web:pd.example.org');
    expect(result.stdout + result.stderr).not.toContain(key.secretKeyMultibase);
  });

  it('with --did-web and a path, says to publish at the path (did:web §3.2)', async () => {
    const result = await cli(dir, 'keys', 'generate', '--out', 'k.json', '--did-web', 'example.org/schools/north');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('did:web:example.org:schools:north');
    expect(result.stdout).toContain('https://example.org/schools/north/did.json');
  });

  it('refuses when did.json exists, before writing the key', async () => {
    await writeFile(join(dir, 'did.json'), '{}');
    const result = await cli(dir, 'keys', 'generate', '--out', 'k.json', '--did-web', 'pd.example.org');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('did.json already exists');
    await expect(stat(join(dir, 'k.json'))).rejects.toThrow();
    expect(await readFile(join(dir, 'did.json'), 'utf8')).toBe('{}');
  });

  it('prints the key, secret included, only when --stdout asks for it', async () => {
    const result = await cli(dir, 'keys', 'generate', '--stdout');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).secretKeyMultibase).toMatch(/^z/);
  });

  it.each([
    [['keys', 'generate'], /needs --out/],
    [['keys', 'generate', '--out', 'k.json', '--stdout'], /either --out or --stdout/],
    [['keys', 'generate', '--out', 'k.json', '--did-web', 'not a domain'], /not a domain name/],
    [['keys', 'generate', '--out'], /--out/],
    [['keys', 'generate', '--bogus'], /Unknown option --bogus/],
    [['keys'], /generate or did-web/],
    [['keys', 'rotate'], /"rotate" is not a keys subcommand/],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const result = await cli(dir, ...argv);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});

describe('keys did-web', () => {
  it('prints the DID document for an existing key, without the secret', async () => {
    await cli(dir, 'keys', 'generate', '--out', 'k.json');
    const key = await readJsonFile<KeyJson>(join(dir, 'k.json'));
    const result = await cli(dir, 'keys', 'did-web', '--key', 'k.json', '--domain', 'pd.example.org');
    expect(result.status).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.id).toBe('did:web:pd.example.org');
    expect(doc.verificationMethod[0].publicKeyMultibase).toBe(key.publicKeyMultibase);
    expect(doc.assertionMethod).toEqual([`did:web:pd.example.org#${key.publicKeyMultibase}`]);
    // The key names did:key as its controller: say that issuing with it will not use did:web.
    expect(result.stderr).toContain(key.controller);
    expect(result.stdout + result.stderr).not.toContain(key.secretKeyMultibase);
  });

  it('writes the document with --out', async () => {
    await cli(dir, 'keys', 'generate', '--out', 'k.json', '--did-web', 'pd.example.org');
    const result = await cli(
      dir,
      'keys',
      'did-web',
      '--key',
      'k.json',
      '--domain',
      'pd.example.org',
      '--out',
      'published/did.json',
    );
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(await readJsonFile(join(dir, 'published/did.json'))).toEqual(await readJsonFile(join(dir, 'did.json')));
  });

  it('needs --key and --domain (exit 2)', async () => {
    expect((await cli(dir, 'keys', 'did-web', '--domain', 'pd.example.org')).status).toBe(2);
    expect((await cli(dir, 'keys', 'did-web', '--key', 'k.json')).status).toBe(2);
  });

  it('reports a missing key file (exit 1)', async () => {
    const result = await cli(dir, 'keys', 'did-web', '--key', 'absent.json', '--domain', 'pd.example.org');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/ERR_FILE_UNREADABLE: absent\.json could not be read/);
  });
});
