// Offline by default: without a fetch nothing opens a socket and what needs the network is reported
// with its URL. With a fetch, contexts are still never fetched. `documents` and a caller's loader
// combine without the caller's loader ever being changed.
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONTEXT, DocumentLoader, generateKey, issueCredential, verifyCredential } from '../../src/index.js';
import { NOW, check, unsignedCredential } from '../helpers/credential.js';
import { rejection } from '../helpers/errors.js';
import { LOCAL, didWebCredential, json, localServer, mappedFetch, type LocalServer } from './helpers.js';

let server: LocalServer | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

describe('without a fetch', () => {
  it('verifying a did:web credential opens no socket and reports could-not-check with the URL it would need', async () => {
    const { credential, key } = await didWebCredential();
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const connectSpy = vi.spyOn(net.Socket.prototype, 'connect');
    const report = await verifyCredential(credential, { now: NOW });
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(connectSpy).not.toHaveBeenCalled();
    expect(check(report, 'signature')).toMatchObject({
      outcome: 'could-not-check',
      problem: {
        code: 'ERR_NETWORK_DISABLED',
        title: 'A document needs the network',
        path: 'proof.verificationMethod',
      },
    });
    expect(check(report, 'signature').problem?.detail).toContain('https://pd.example.org/.well-known/did.json');
    expect(check(report, 'signature').problem?.detail).toContain(key.id);
    expect(report).toMatchObject({ authentic: false, verified: false, summary: 'could-not-check' });
    // Control: the spies do see a request when one is made.
    server = await localServer({ '/': json(200, {}) });
    await globalThis.fetch(server.origin);
    expect(fetchSpy).toHaveBeenCalledOnce();
    expect(connectSpy).toHaveBeenCalled();
  });

  it('a fetch that is not a function counts as none', async () => {
    const { credential } = await didWebCredential();
    const report = await verifyCredential(credential, { fetch: 'yes please' as never, now: NOW });
    expect(check(report, 'signature').problem?.code).toBe('ERR_NETWORK_DISABLED');
  });

  it('a plain loader says ERR_NETWORK_DISABLED for a did:web, and keeps ERR_CONTEXT_UNKNOWN for an https URL it cannot tell from a context', async () => {
    const loader = new DocumentLoader();
    const error = await rejection(loader.load('did:web:pd.example.org#key-1'), 'ERR_NETWORK_DISABLED');
    expect(error.details).toMatchObject({
      url: 'https://pd.example.org/.well-known/did.json',
      did: 'did:web:pd.example.org',
    });
    await rejection(loader.load('https://pd.example.org/status/1'), 'ERR_CONTEXT_UNKNOWN');
  });
});

describe('contexts are never fetched', () => {
  it('not even with a fetch: an unknown context of the credential is ERR_CONTEXT_UNKNOWN and never asked for', async () => {
    const key = await generateKey();
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW });
    const extra = 'https://contexts.example.org/extra-v1.jsonld';
    const credential = { ...signed, '@context': [...signed['@context'], extra] };
    const fetch = vi.fn(
      async () =>
        new Response(JSON.stringify({ '@context': { extra: 'https://example.org/extra' } }), {
          headers: { 'content-type': 'application/ld+json' },
        }),
    );
    const report = await verifyCredential(credential, { fetch, network: { allowPrivateAddresses: true }, now: NOW });
    expect(check(report, 'jsonld')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_CONTEXT_UNKNOWN', path: '@context[2]' },
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('nor a context that a fetched DID document names', async () => {
    const { credential, document } = await didWebCredential();
    const extra = 'https://contexts.example.org/did-extensions.jsonld';
    // Without the DID context first, jsonld-signatures must process the document, and asks for its contexts.
    server = await localServer({
      '/.well-known/did.json': json(200, { ...document, '@context': [extra, CONTEXT.DID_V1, CONTEXT.MULTIKEY_V1] }),
      '/did-extensions.jsonld': json(200, { '@context': {} }),
    });
    const asked: string[] = [];
    const fetch = mappedFetch(
      { 'https://pd.example.org/': `${server.origin}/`, 'https://contexts.example.org/': `${server.origin}/` },
      asked,
    );
    const report = await verifyCredential(credential, { fetch, network: { allowPrivateAddresses: true }, now: NOW });
    expect(asked).toEqual(['https://pd.example.org/.well-known/did.json']);
    expect(check(report, 'signature')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_CONTEXT_UNKNOWN' },
    });
    expect(check(report, 'signature').problem?.detail).toContain(extra);
  });

  it('a loader with a fetch does not fetch a URL that a document it holds uses as a context', async () => {
    const fetch = vi.fn(globalThis.fetch);
    const loader = new DocumentLoader({
      fetch,
      network: LOCAL,
      documents: {
        'https://pd.example.org/issuer': {
          '@context': ['https://contexts.example.org/issuer-v1.jsonld'],
          id: 'https://pd.example.org/issuer',
        },
      },
    });
    await rejection(loader.load('https://contexts.example.org/issuer-v1.jsonld'), 'ERR_CONTEXT_UNKNOWN');
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("documents and a caller's loader", () => {
  it("documents come first, the caller's loader next; the caller's loader is not changed", async () => {
    const { credential, document } = await didWebCredential();
    const did = document.id as string;
    const stale = { ...document, verificationMethod: [], assertionMethod: [] };
    const callerLoader = new DocumentLoader({ documents: { [did]: stale } });
    const report = await verifyCredential(credential, {
      loader: callerLoader,
      documents: { [did]: document },
      now: NOW,
    });
    expect(report.verified).toBe(true);
    expect((await callerLoader.load(did)).document).toEqual(stale);
    await rejection(callerLoader.load('https://pd.example.org/only-in-documents'), 'ERR_CONTEXT_UNKNOWN');
  });

  it("what documents lack, the caller's loader supplies", async () => {
    const { credential, document } = await didWebCredential();
    const callerLoader = new DocumentLoader({ documents: { [document.id as string]: document } });
    expect(
      (
        await verifyCredential(credential, {
          loader: callerLoader,
          documents: { 'https://unrelated.example/x': {} },
          now: NOW,
        })
      ).verified,
    ).toBe(true);
  });

  it('documents are served without the network even when a fetch is given', async () => {
    const { credential, document } = await didWebCredential();
    const fetch = vi.fn(globalThis.fetch);
    expect(
      (await verifyCredential(credential, { documents: new Map([[document.id as string, document]]), fetch, now: NOW }))
        .verified,
    ).toBe(true);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('an entry for a bundled context is ignored, never a reason to throw', async () => {
    const key = await generateKey();
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW });
    const report = await verifyCredential(signed, {
      documents: { [CONTEXT.VC_V2]: { '@context': { '@vocab': 'https://evil.example/' } } },
      now: NOW,
    });
    expect(report.verified).toBe(true);
  });

  it('a malformed network policy falls back to the strict defaults instead of throwing', async () => {
    const key = (await generateKey()).withController('did:web:localhost%3A8443');
    const credential = await issueCredential(unsignedCredential(key), { key, now: NOW });
    const asked: string[] = [];
    const report = await verifyCredential(credential, {
      fetch: mappedFetch({}, asked),
      network: { timeoutMs: -1, allowPrivateAddresses: true },
      now: NOW,
    });
    // Under the defaults, localhost is refused before any request: allowPrivateAddresses was not taken from the malformed policy.
    expect(check(report, 'signature').problem?.code).toBe('ERR_NETWORK_REFUSED');
    expect(asked).toEqual([]);
  });
});
