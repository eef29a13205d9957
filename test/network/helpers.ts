// A local HTTP server on 127.0.0.1 for the network tests, and a fetch that sends https URLs of
// made-up hosts to it, so the policy sees the real URL while no request leaves the machine.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKey, issueCredential, didWebDocument, type Key } from '../../src/index.js';
import { NOW, unsignedCredential } from '../helpers/credential.js';

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface LocalServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** The path of every request received, in order. */
  requests: string[];
  /** How many requests asked for `path`. */
  count(path: string): number;
  close(): Promise<void>;
}

/** The policy that lets a test reach the local server: plain http and loopback allowed. */
export const LOCAL = { httpsOnly: false, allowPrivateAddresses: true } as const;

/** Starts a server answering `routes` by path (404 for anything else). */
export async function localServer(routes: Record<string, Handler>): Promise<LocalServer> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push(path);
    const handler = routes[path];
    if (handler) handler(request, response);
    else json(404, { error: 'not found' })(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    count: (path) => requests.filter((p) => p === path).length,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A handler answering `body` as JSON (or `type`) with `status`. */
export function json(status: number, body: unknown, type = 'application/json'): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': type });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
}

/** A handler that redirects to `location`. */
export function redirect(location: string, status = 302): Handler {
  return (_request, response) => {
    response.writeHead(status, { location });
    response.end();
  };
}

/**
 * A fetch that maps URLs starting with a key of `routes` to the value's prefix (e.g.
 * `{ 'https://pd.example.org/': 'http://127.0.0.1:4000/' }`) and refuses every other URL.
 * `asked` records every URL it was called with, before mapping.
 */
export function mappedFetch(routes: Record<string, string>, asked: string[] = []): typeof globalThis.fetch {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    asked.push(url);
    const from = Object.keys(routes).find((prefix) => url.startsWith(prefix));
    if (from === undefined) return Promise.reject(new TypeError(`test fetch: no route for ${url}`));
    return globalThis.fetch(`${routes[from]}${url.slice(from.length)}`, init);
  };
}

/** A credential issued by did:web:`domain` (an Ed25519 key listed in the DID document) and that document. */
export async function didWebCredential(
  domain = 'pd.example.org',
): Promise<{ credential: Record<string, unknown>; document: Record<string, unknown>; key: Key<'ed25519'> }> {
  const key = await generateKey();
  const document = didWebDocument(domain, [key]) as unknown as Record<string, unknown>;
  const webKey = key.withController(document.id as string);
  const credential = (await issueCredential(unsignedCredential(webKey), {
    key: webKey,
    now: NOW,
  })) as unknown as Record<string, unknown>;
  return { credential, document, key: webKey };
}

/** Milliseconds `work` took, with what it returned. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}
