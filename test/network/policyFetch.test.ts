// Every request follows the network policy: a deadline over headers and body, a size cap read as a
// stream, redirects checked hop by hop, https only, no private addresses, JSON only, and a cache.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPolicyFetch, DEFAULT_NETWORK_POLICY, MicrocredError } from '../../src/index.js';
import { PolicyFetcher, type PolicyFetcherHooks } from '../../src/network/policyFetch.js';
import type { NetworkPolicy } from '../../src/network/policy.js';
import { rejection } from '../helpers/errors.js';
import { LOCAL, json, localServer, mappedFetch, redirect, timed, type LocalServer } from './helpers.js';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function fetcher(
  policy: NetworkPolicy,
  hooks: PolicyFetcherHooks = {},
  fetch: typeof globalThis.fetch = globalThis.fetch,
): PolicyFetcher {
  return new PolicyFetcher(fetch, policy, hooks);
}

// A public address for made-up host names, so no test ever asks a real resolver.
const publicResolver = async (_host: string) => ['93.184.216.34'];

describe('timeouts', () => {
  it('a server that never answers is given up at the timeout, not waited on', async () => {
    server = await localServer({ '/stall': () => undefined });
    const { ms, value } = await timed(() =>
      rejection(fetcher({ ...LOCAL, timeoutMs: 300 }).get(`${server!.origin}/stall`), 'ERR_NETWORK_TIMEOUT'),
    );
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(300 + 500);
    expect(value.details.url).toBe(`${server.origin}/stall`);
    expect(value.message).toContain('300 ms');
  });

  it('a body that drips slowly is cut at the timeout too: the deadline covers the whole body', async () => {
    let chunks = 0;
    server = await localServer({
      '/drip': (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"a":"');
        const timer = setInterval(() => response.write(`${chunks++}`), 40);
        response.on('close', () => clearInterval(timer));
      },
    });
    const { ms } = await timed(() =>
      rejection(fetcher({ ...LOCAL, timeoutMs: 400 }).get(`${server!.origin}/drip`), 'ERR_NETWORK_TIMEOUT'),
    );
    expect(chunks).toBeGreaterThan(2); // headers had arrived and the body was flowing
    expect(ms).toBeLessThan(400 + 500);
  });

  it('a fetch that ignores the abort signal still cannot hold the caller past the deadline', async () => {
    const deaf: typeof globalThis.fetch = () => new Promise(() => undefined);
    const { ms } = await timed(() =>
      rejection(fetcher({ ...LOCAL, timeoutMs: 200 }, {}, deaf).get('http://127.0.0.1:9/x'), 'ERR_NETWORK_TIMEOUT'),
    );
    expect(ms).toBeLessThan(200 + 500);
  });
});

describe('size cap', () => {
  it('stops reading a body past maxBytes: the server sees the connection cut long before it is done', async () => {
    const total = 64 * 1024 * 1024;
    let written = 0;
    let finished = false;
    let onClose!: () => void;
    const closed = new Promise<void>((resolve) => (onClose = resolve));
    server = await localServer({
      '/huge': (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' }); // chunked: no Content-Length to go by
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const pump = () => {
          while (written < total) {
            written += chunk.length;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
          response.end(() => (finished = true));
        };
        response.on('close', onClose);
        pump();
      },
    });
    const error = await rejection(
      fetcher({ ...LOCAL, maxBytes: 100_000 }).get(`${server!.origin}/huge`),
      'ERR_RESPONSE_TOO_LARGE',
    );
    expect(error.details).toMatchObject({ url: `${server!.origin}/huge`, maxBytes: 100_000 });
    await closed;
    expect(finished).toBe(false);
    expect(written).toBeLessThan(total / 4);
  });

  it('refuses at once a body whose Content-Length is over the cap', async () => {
    server = await localServer({
      '/declared': (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(5_000_000) });
        response.write('{');
      },
    });
    const { ms } = await timed(() =>
      rejection(
        fetcher({ ...LOCAL, maxBytes: 1000, timeoutMs: 2000 }).get(`${server!.origin}/declared`),
        'ERR_RESPONSE_TOO_LARGE',
      ),
    );
    expect(ms).toBeLessThan(1000);
  });

  it('accepts a body of exactly maxBytes', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(90) });
    server = await localServer({ '/exact': json(200, body) });
    expect(await fetcher({ ...LOCAL, maxBytes: Buffer.byteLength(body) }).get(`${server.origin}/exact`)).toEqual(
      JSON.parse(body),
    );
  });
});

describe('redirects', () => {
  it('follows a redirect and checks where it leads', async () => {
    server = await localServer({ '/old': redirect('/new', 301), '/new': json(200, { moved: true }) });
    expect(await fetcher(LOCAL).get(`${server.origin}/old`)).toEqual({ moved: true });
    expect(server.requests).toEqual(['/old', '/new']);
  });

  it.each([
    'https://10.0.0.1/did.json',
    'https://169.254.169.254/latest/meta-data/',
    'https://[fd00::1]/x',
    'https://[::ffff:10.0.0.1]/x',
    'https://127.1/x',
  ])('refuses a redirect to the private address in %s without requesting it', async (location) => {
    server = await localServer({ '/did.json': redirect(location) });
    const asked: string[] = [];
    const fetch = mappedFetch({ 'https://issuer.example/': `${server.origin}/` }, asked);
    const error = await rejection(
      fetcher({}, { resolveHost: publicResolver }, fetch).get('https://issuer.example/did.json'),
      'ERR_NETWORK_REFUSED',
    );
    expect(error.message).toMatch(/private, loopback or link-local/);
    expect(error.message).toContain('redirected from https://issuer.example/did.json');
    expect(asked).toEqual(['https://issuer.example/did.json']);
  });

  it('refuses a redirect to a host name that resolves to a private address', async () => {
    server = await localServer({ '/did.json': redirect('https://intranet.example/secret') });
    const asked: string[] = [];
    const resolveHost = async (host: string) =>
      host === 'intranet.example' ? ['93.184.216.34', '10.1.2.3'] : ['93.184.216.34'];
    const error = await rejection(
      fetcher({}, { resolveHost }, mappedFetch({ 'https://issuer.example/': `${server.origin}/` }, asked)).get(
        'https://issuer.example/did.json',
      ),
      'ERR_NETWORK_REFUSED',
    );
    expect(error.message).toContain('intranet.example (10.1.2.3)');
    expect(asked).toHaveLength(1);
  });

  it('refuses a redirect from https to http under the default policy', async () => {
    server = await localServer({ '/did.json': redirect('http://issuer.example/did.json') });
    const asked: string[] = [];
    await rejection(
      fetcher(
        {},
        { resolveHost: publicResolver },
        mappedFetch({ 'https://issuer.example/': `${server.origin}/` }, asked),
      ).get('https://issuer.example/did.json'),
      'ERR_NETWORK_REFUSED',
    );
    expect(asked).toHaveLength(1);
  });

  it('stops a redirect loop at maxRedirects', async () => {
    server = await localServer({ '/loop': redirect('/loop') });
    const error = await rejection(
      fetcher({ ...LOCAL, maxRedirects: 3 }).get(`${server.origin}/loop`),
      'ERR_TOO_MANY_REDIRECTS',
    );
    expect(server.count('/loop')).toBe(4); // the request, then three redirects followed
    expect(error.message).toContain('more than 3 times');
  });

  it('with maxRedirects 0 follows none', async () => {
    server = await localServer({ '/old': redirect('/new'), '/new': json(200, {}) });
    await rejection(fetcher({ ...LOCAL, maxRedirects: 0 }).get(`${server.origin}/old`), 'ERR_TOO_MANY_REDIRECTS');
    expect(server.requests).toEqual(['/old']);
  });
});

describe('which URLs may be asked at all', () => {
  it('refuses plain http under the default policy, before any request', async () => {
    server = await localServer({ '/doc': json(200, {}) });
    for (const policy of [{}, { allowPrivateAddresses: true }]) {
      const error = await rejection(fetcher(policy).get(`${server.origin}/doc`), 'ERR_NETWORK_REFUSED');
      expect(error.message).toContain('plain http');
    }
    expect(server.requests).toEqual([]);
  });

  it('refuses loopback unless private addresses are allowed', async () => {
    server = await localServer({ '/doc': json(200, { ok: 1 }) });
    const error = await rejection(fetcher({ httpsOnly: false }).get(`${server.origin}/doc`), 'ERR_NETWORK_REFUSED');
    expect(error.message).toContain('127.0.0.1');
    expect(server.requests).toEqual([]);
    expect(await fetcher({ httpsOnly: false, allowPrivateAddresses: true }).get(`${server.origin}/doc`)).toEqual({
      ok: 1,
    });
  });

  it('refuses localhost by name, without asking a resolver', async () => {
    const resolveHost = vi.fn(async (_host: string) => ['93.184.216.34']);
    const fetch = vi.fn(globalThis.fetch);
    for (const url of ['https://localhost/x', 'https://api.localhost./x'])
      await rejection(fetcher({}, { resolveHost }, fetch).get(url), 'ERR_NETWORK_REFUSED');
    expect(resolveHost).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('refuses a host name any of whose addresses is private, and asks for a public one', async () => {
    const fetch = vi.fn(async () => new Response('{"id":"x"}', { headers: { 'content-type': 'application/json' } }));
    const resolveHost = async (host: string) =>
      host === 'mixed.example' ? ['2606:2800:220:1::1', 'fe80::1%eth0'] : ['2606:2800:220:1::1'];
    await rejection(fetcher({}, { resolveHost }, fetch).get('https://mixed.example/x'), 'ERR_NETWORK_REFUSED');
    expect(fetch).not.toHaveBeenCalled();
    expect(await fetcher({}, { resolveHost }, fetch).get('https://public.example/x')).toEqual({ id: 'x' });
    expect(fetch).toHaveBeenCalledOnce();
  });

  it('refuses other schemes and URLs carrying credentials', async () => {
    const fetch = vi.fn(globalThis.fetch);
    for (const url of ['ftp://example.org/x', 'file:///etc/passwd', 'https://user:pw@example.org/x', 'not a url']) {
      await rejection(fetcher({ allowPrivateAddresses: true }, {}, fetch).get(url), 'ERR_NETWORK_REFUSED');
    }
    expect(fetch).not.toHaveBeenCalled();
  });

  it('a host name that cannot be resolved is ERR_FETCH_FAILED', async () => {
    const resolveHost = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    const error = await rejection(fetcher({}, { resolveHost }).get('https://nowhere.example/x'), 'ERR_FETCH_FAILED');
    expect(error.message).toContain('ENOTFOUND');
  });
});

describe('what comes back', () => {
  it('refuses HTML with a message that says it is a web page', async () => {
    server = await localServer({
      '/page': json(200, '<!doctype html><title>Sign in</title>', 'text/html; charset=utf-8'),
    });
    const error = await rejection(fetcher(LOCAL).get(`${server.origin}/page`), 'ERR_CONTENT_TYPE_REFUSED');
    expect(error.message).toContain('web page (text/html)');
  });

  it.each([
    'application/json',
    'application/ld+json',
    'application/did+json',
    'application/vc+ld+json; charset=utf-8',
    'text/plain',
    'application/octet-stream',
  ])('accepts JSON served as %s', async (type) => {
    server = await localServer({ '/doc': json(200, { id: 'did:web:example.org' }, type) });
    expect(await fetcher(LOCAL).get(`${server.origin}/doc`)).toEqual({ id: 'did:web:example.org' });
  });

  it('refuses a body that is not JSON, naming its type', async () => {
    server = await localServer({ '/bin': json(200, 'GIF89a\u0000\u0001', 'application/octet-stream') });
    const error = await rejection(fetcher(LOCAL).get(`${server.origin}/bin`), 'ERR_RESPONSE_NOT_JSON');
    expect(error.message).toContain('application/octet-stream');
  });

  it('an error status is ERR_FETCH_FAILED with the status', async () => {
    server = await localServer({});
    const error = await rejection(fetcher(LOCAL).get(`${server.origin}/missing`), 'ERR_FETCH_FAILED');
    expect(error.details).toMatchObject({ status: 404, url: `${server.origin}/missing` });
  });

  it('a connection refused is ERR_FETCH_FAILED naming the URL', async () => {
    server = await localServer({});
    const origin = server.origin;
    await server.close();
    server = undefined;
    const error = await rejection(fetcher(LOCAL).get(`${origin}/gone`), 'ERR_FETCH_FAILED');
    expect(error.message).toContain(`${origin}/gone`);
  });
});

describe('cache', () => {
  it('serves a document again within its time-to-live without a request, and fetches it again after', async () => {
    server = await localServer({ '/doc': json(200, { n: 1 }) });
    let now = 1_000;
    const cached = fetcher({ ...LOCAL, cacheTtlMs: 1000 }, { now: () => now });
    const url = `${server.origin}/doc`;
    await cached.get(url);
    now += 999;
    await cached.get(url);
    expect(server.count('/doc')).toBe(1);
    now += 2;
    await cached.get(url);
    expect(server.count('/doc')).toBe(2);
  });

  it('remembers a failure only briefly (5 s), however long the time-to-live', async () => {
    let status = 503;
    server = await localServer({ '/flaky': (request, response) => json(status, { status })(request, response) });
    let now = 0;
    const cached = fetcher({ ...LOCAL, cacheTtlMs: 3_600_000 }, { now: () => now });
    const url = `${server.origin}/flaky`;
    await rejection(cached.get(url), 'ERR_FETCH_FAILED');
    now += 4_999;
    await rejection(cached.get(url), 'ERR_FETCH_FAILED');
    expect(server.count('/flaky')).toBe(1);
    status = 200;
    now += 2;
    expect(await cached.get(url)).toEqual({ status: 200 });
    expect(server.count('/flaky')).toBe(2);
  });

  it('with cacheTtlMs 0 fetches every time, but shares one request between concurrent callers', async () => {
    server = await localServer({ '/doc': json(200, {}) });
    const uncached = fetcher({ ...LOCAL, cacheTtlMs: 0 });
    const url = `${server.origin}/doc`;
    await Promise.all([uncached.get(url), uncached.get(url)]);
    expect(server.count('/doc')).toBe(1);
    await uncached.get(url);
    expect(server.count('/doc')).toBe(2);
  });

  it('gives each caller its own copy: changing one does not change the cache', async () => {
    server = await localServer({ '/doc': json(200, { keys: ['a'] }) });
    const cached = fetcher(LOCAL);
    const first = (await cached.get(`${server.origin}/doc`)) as { keys: string[] };
    first.keys.push('forged');
    expect(await cached.get(`${server.origin}/doc`)).toEqual({ keys: ['a'] });
  });
});

describe('createPolicyFetch and the policy', () => {
  it('fetches one JSON document under the policy', async () => {
    server = await localServer({ '/did.json': json(200, { id: 'did:web:example.org' }) });
    const get = createPolicyFetch(globalThis.fetch, LOCAL);
    expect(await get(`${server.origin}/did.json`)).toEqual({ id: 'did:web:example.org' });
    await rejection(createPolicyFetch(globalThis.fetch)(`${server.origin}/did.json`), 'ERR_NETWORK_REFUSED');
  });

  it('has strict defaults', () => {
    expect(DEFAULT_NETWORK_POLICY).toEqual({
      httpsOnly: true,
      timeoutMs: 5000,
      maxBytes: 1048576,
      cacheTtlMs: 300000,
      allowPrivateAddresses: false,
      maxRedirects: 3,
    });
    expect(Object.isFrozen(DEFAULT_NETWORK_POLICY)).toBe(true);
  });

  it.each([
    [{ timeoutMs: 0 }, 'network.timeoutMs'],
    [{ maxBytes: -1 }, 'network.maxBytes'],
    [{ maxRedirects: Number.NaN }, 'network.maxRedirects'],
    [{ cacheTtlMs: '60' }, 'network.cacheTtlMs'],
    [{ httpsOnly: 'no' }, 'network.httpsOnly'],
  ])('refuses the malformed policy %o, naming the field', (policy, path) => {
    expect(() => createPolicyFetch(globalThis.fetch, policy as NetworkPolicy)).toThrow(
      expect.objectContaining({ code: 'ERR_FIELD_INVALID', details: { path } }),
    );
  });

  it('refuses a fetch that is not a function', () => {
    expect(() => createPolicyFetch('fetch' as never)).toThrow(MicrocredError);
  });
});
