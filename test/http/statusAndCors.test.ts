// GET /status/{name} serves what `status publish` wrote (and only that); CORS answers only the
// origins it is configured for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { issueCredential, verifyCredential, type StatusListCredential } from '../../src/index.js';
import { registryStatusLists, statusListDirectory } from '../../src/http/index.js';
import { tempDir } from '../cli/helpers.js';
import { cli } from '../cli/helpers.js';
import { NOW, unsignedCredential } from '../helpers/credential.js';
import { newRegistry } from '../status/helpers.js';
import { BASE, handler, post } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(() => cleanup());

const get = (path: string, headers: Record<string, string> = {}) => new Request(`${BASE}${path}`, { headers });

describe('GET /status/{name}', () => {
  it('serves a list `microcred status publish --out DIR` wrote, byte for byte, and it verifies', async () => {
    const run = (...argv: string[]) => cli(dir, ...argv);
    expect((await run('keys', 'generate', '--out', 'issuer.key.json')).status).toBe(0);
    const created = await run(
      ...['status', 'create', '--key', 'issuer.key.json', '--list-url', 'https://pd.example.org/status'],
      ...['--out', 'published'],
    );
    expect(created.status).toBe(0);
    expect((await run('status', 'publish', '--key', 'issuer.key.json', '--out', 'published')).status).toBe(0);
    const name = /Wrote published\/(\S+): publish it at/.exec(created.stdout)![1]!;

    const response = await handler({ statusLists: statusListDirectory(join(dir, 'published')) })(
      get(`/status/${name}`),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const { readFile } = await import('node:fs/promises');
    const text = await response.text();
    expect(text).toBe(await readFile(join(dir, 'published', name), 'utf8'));
    const list = JSON.parse(text) as StatusListCredential;
    expect(list.id).toBe(`https://pd.example.org/status/${name}`);
    // Signed by the issuer's key (it is no Open Badge, so only its authenticity is asked).
    expect((await verifyCredential(list)).authentic).toBe(true);
  });

  it.each([
    ['an unknown name', '/status/revocation-nothing.json'],
    ["the folder's record of the last publish", '/status/.microcred-published.json'],
    ['a path out of the folder', '/status/..%2Fissuer.key.json'],
    ['a file in the folder that is no status list', '/status/notes.json'],
  ])('%s: 404', async (_, path) => {
    await mkdir(join(dir, 'published'), { recursive: true });
    await writeFile(join(dir, 'published', 'notes.json'), '{"type": ["VerifiableCredential"]}');
    await writeFile(join(dir, 'published', '.microcred-published.json'), '{"version": "1"}');
    const response = await handler({ statusLists: statusListDirectory(join(dir, 'published')) })(get(path));
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('ERR_HTTP_NOT_FOUND');
  });

  it('without a status list source, 404 saying none is published', async () => {
    const response = await handler()(get('/status/revocation-1.json'));
    expect(response.status).toBe(404);
    expect(JSON.stringify(await response.json())).toContain('publishes no status lists');
  });

  it("an issuer's registry, signed at each request: a revocation shows at once", async () => {
    const { key, registry } = await newRegistry();
    const badge = await issueCredential(unsignedCredential(key), { key, now: NOW, status: registry });
    const serve = handler({ statusLists: registryStatusLists(registry, 'https://pd.example.org/status/') });
    const urls = (badge.credentialStatus as unknown as { statusListCredential: string }[]).map(
      (e) => e.statusListCredential,
    );
    const fetchList = async (url: string) => {
      const response = await serve(get(`/status/${url.slice(url.lastIndexOf('/') + 1)}`));
      expect(response.status).toBe(200);
      return (await response.json()) as StatusListCredential;
    };
    const check = async () => {
      const documents = Object.fromEntries(await Promise.all(urls.map(async (url) => [url, await fetchList(url)])));
      return (await verifyCredential(badge, { now: NOW, documents })).checks.find((c) => c.id === 'status');
    };
    expect((await check())?.outcome).toBe('passed');
    await registry.revoke(badge.id as string);
    expect((await check())?.problem?.code).toBe('ERR_REVOKED');
  });
});

describe('CORS', () => {
  const cors = { origins: ['https://verify.example.org'] };

  it('a preflight from an allowed origin: 204 with the origin, methods, headers and max age', async () => {
    const response = await handler({ cors })(
      new Request(`${BASE}/credentials/verify`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://verify.example.org',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      }),
    );
    expect(response.status).toBe(204);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'access-control-allow-origin': 'https://verify.example.org',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
      vary: 'origin',
    });
  });

  it('a preflight from another origin: 403 and no CORS header', async () => {
    const response = await handler({ cors })(
      new Request(`${BASE}/credentials/verify`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } }),
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(JSON.stringify(await response.json())).toContain('https://evil.example');
  });

  it('the answer to an allowed origin carries its origin; to others, none; without cors, none', async () => {
    const body = '[]';
    const allowed = await handler({ cors })(post(body, 'application/json', { origin: 'https://verify.example.org' }));
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://verify.example.org');
    const other = await handler({ cors })(post(body, 'application/json', { origin: 'https://evil.example' }));
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const none = await handler()(post(body, 'application/json', { origin: 'https://verify.example.org' }));
    expect(none.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("origins '*': any page may call it", async () => {
    const response = await handler({ cors: { origins: '*' } })(get('/health', { origin: 'https://any.example' }));
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});
