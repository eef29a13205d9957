import { version } from '../../package.json';
import { ErrorCode } from '../errors.js';
import { DocumentLoader, type LoadsDocuments } from '../contexts/documentLoader.js';
import type { TrustedIssuer } from '../trust/types.js';
import { verifyCredential, type VerifyOptions } from '../verify/verifyCredential.js';
import { verifyPresentation } from '../verify/presentation/verifyPresentation.js';
import { corsHeaders, preflightHeaders, type CorsOptions } from './cors.js';
import { readBody } from './readBody.js';
import { readVerifyRequest } from './readRequest.js';
import { readPresentationRequest } from './readPresentationRequest.js';
import { json, problemResponse } from './response.js';
import type { StatusListSource } from './statusLists.js';

/** Options of {@link createVerifierHandler}; every one has a default. */
export interface VerifierHandlerOptions {
  /**
   * The one loader every request uses: a `DocumentLoader` (its did:key and fetch caches then last
   * across requests), or any object with a `load` function; default: a new offline `DocumentLoader`.
   * (Typed by its shape, so that a loader made with `microcred` fits this entry's option.)
   */
  loader?: LoadsDocuments;
  /** Issuers you know, for every verification (see `VerifyOptions.trust`). */
  trust?: TrustedIssuer[];
  /** Documents served by URL to every verification: DID documents, status lists, schemas (see `VerifyOptions.documents`). */
  documents?: Record<string, unknown> | Map<string, unknown>;
  /** The status list credentials `GET /status/{name}` serves (e.g. `statusListDirectory(dir)`); without it, none. */
  statusLists?: StatusListSource;
  /** The largest request body read, in bytes (default 1 MiB); a larger one is refused with 413 as soon as it is seen. */
  maxBodyBytes?: number;
  /** Which web pages may call the service from a browser; default: none (no CORS headers). */
  cors?: CorsOptions;
  /** Deadlines in milliseconds (default 10000): one for receiving the body (then 408), then one for the verification. */
  timeoutMs?: number;
  /** The clock verifications are made at (default: the current time); for tests and replays. */
  clock?: () => Date;
}

/** A Fetch-API handler: what node:http (through @hono/node-server), Hono, Deno, Bun or a worker calls per request. */
export type VerifierHandler = (request: Request) => Promise<Response>;

/** The default cap on a request body: a credential is a few kilobytes, a baked badge rarely 200. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;

interface Settings {
  verifyOptions: () => VerifyOptions;
  statusLists: StatusListSource | undefined;
  maxBodyBytes: number;
  timeoutMs: number;
}

interface Route {
  method: 'GET' | 'POST';
  path: RegExp;
  handle(request: Request, match: RegExpExecArray, settings: Settings): Promise<Response>;
}

// The whole service.
const ROUTES: readonly Route[] = [
  { method: 'POST', path: /^\/credentials\/verify$/, handle: verifyRoute },
  { method: 'POST', path: /^\/presentations\/verify$/, handle: verifyPresentationRoute },
  { method: 'GET', path: /^\/status\/([^/]+)$/, handle: statusRoute },
  { method: 'GET', path: /^\/health$/, handle: healthRoute },
];

/**
 * A verifier service as one Fetch-API function, `(Request) => Promise<Response>`:
 *
 * - `POST /credentials/verify`: the VC-API body `{ verifiableCredential, options? }`, or the
 *   credential itself (JSON, a VC-JWT, a baked PNG or SVG, told apart by content type and first
 *   bytes); answers 200 with microcred's report for any credential, verified or not. 400 for a body
 *   that is no request (empty, malformed JSON), 413 past `maxBodyBytes`, 415 for an unknown type.
 * - `POST /presentations/verify`: the VC-API body `{ verifiablePresentation, options: { challenge,
 *   domain } }`, or the presentation itself (JSON or a VP-JWT); answers 200 with the presentation's
 *   report (the holder's proof, the challenge and domain, and each credential's full report).
 * - `GET /status/{name}`: a published status list credential, from `statusLists`; 404 otherwise.
 * - `GET /health`: `{ "status": "ok", "version": … }`.
 *
 * Every error answer is `{ "error": { code, title, detail } }`. The handler never throws. The
 * VC-API `options` object is accepted and not read: what is checked is microcred's whole pipeline,
 * under the configuration given here, never chosen by the caller.
 *
 * @example
 * import { serve } from '@hono/node-server';
 * import { createVerifierHandler } from 'microcred/http';
 * serve({ fetch: createVerifierHandler({ cors: { origins: ['https://verify.example.org'] } }), port: 8080 });
 */
export function createVerifierHandler(options: VerifierHandlerOptions = {}): VerifierHandler {
  const loader = options.loader ?? new DocumentLoader();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { trust, documents, clock, cors } = options;
  const settings: Settings = {
    verifyOptions: () => ({
      loader,
      timeoutMs,
      ...(trust ? { trust } : {}),
      ...(documents ? { documents } : {}),
      ...(clock ? { now: clock() } : {}),
    }),
    statusLists: options.statusLists,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    timeoutMs,
  };
  return async (request) => {
    const allowed = corsHeaders(cors, request.headers.get('origin'));
    let response: Response;
    try {
      response = await answer(request, settings, cors, allowed);
    } catch (error) {
      // A bug, never a verdict: verifyCredential itself does not throw.
      response = problemResponse(500, ErrorCode.INTERNAL, `The service failed: ${(error as Error)?.message ?? error}`);
    }
    for (const [name, value] of Object.entries(allowed ?? {})) response.headers.set(name, value);
    return response;
  };
}

async function answer(
  request: Request,
  settings: Settings,
  cors: CorsOptions | undefined,
  allowed: Record<string, string> | undefined,
): Promise<Response> {
  const { pathname } = new URL(request.url);
  const routes = ROUTES.filter((route) => route.path.test(pathname));
  if (routes.length === 0) {
    request.body?.cancel().catch(() => undefined);
    return problemResponse(404, ErrorCode.HTTP_NOT_FOUND, `Nothing is served at ${pathname}. ${SERVED}`);
  }
  const methods = [...new Set(routes.map((route) => route.method))];
  if (request.method === 'OPTIONS') return preflight(request, cors, allowed, methods);
  const route = routes.find((r) => r.method === request.method);
  if (!route) {
    request.body?.cancel().catch(() => undefined);
    return problemResponse(
      405,
      ErrorCode.HTTP_METHOD_NOT_ALLOWED,
      `${pathname} takes ${methods.join(' or ')}, not ${request.method}.`,
      { allow: [...methods, 'OPTIONS'].join(', ') },
    );
  }
  return route.handle(request, route.path.exec(pathname)!, settings);
}

const SERVED =
  'This service answers POST /credentials/verify, POST /presentations/verify, GET /status/{name} and GET /health.';

function preflight(
  request: Request,
  cors: CorsOptions | undefined,
  allowed: Record<string, string> | undefined,
  methods: string[],
): Response {
  const origin = request.headers.get('origin');
  if (cors && allowed) return new Response(null, { status: 204, headers: preflightHeaders(cors, allowed) });
  if (origin !== null)
    return problemResponse(
      403,
      ErrorCode.HTTP_ORIGIN_REFUSED,
      `Pages from ${origin} may not call this service; its operator can allow them (the cors origins option).`,
    );
  return new Response(null, { status: 204, headers: { allow: [...methods, 'OPTIONS'].join(', ') } });
}

async function verifyRoute(request: Request, _match: RegExpExecArray, settings: Settings): Promise<Response> {
  const body = await readBody(request, settings.maxBodyBytes, settings.timeoutMs);
  if (body instanceof Response) return body;
  const read = readVerifyRequest(request.headers.get('content-type'), body);
  if (read instanceof Response) return read;
  return json(200, await verifyCredential(read.input, settings.verifyOptions()));
}

async function verifyPresentationRoute(
  request: Request,
  _match: RegExpExecArray,
  settings: Settings,
): Promise<Response> {
  const body = await readBody(request, settings.maxBodyBytes, settings.timeoutMs);
  if (body instanceof Response) return body;
  const read = readPresentationRequest(request.headers.get('content-type'), body);
  if (read instanceof Response) return read;
  const { input, ...expected } = read;
  return json(200, await verifyPresentation(input, { ...settings.verifyOptions(), ...expected }));
}

async function statusRoute(_request: Request, match: RegExpExecArray, settings: Settings): Promise<Response> {
  let name: string;
  try {
    name = decodeURIComponent(match[1]!);
  } catch {
    name = match[1]!;
  }
  if (!settings.statusLists)
    return problemResponse(404, ErrorCode.HTTP_NOT_FOUND, 'This service publishes no status lists.');
  const list = await settings.statusLists.find(name);
  if (list === undefined)
    return problemResponse(404, ErrorCode.HTTP_NOT_FOUND, `No status list named "${name}" is published here.`);
  return new Response(typeof list === 'string' ? list : JSON.stringify(list), {
    status: 200,
    // Verifiers cache lists; a short lifetime lets a revocation show within a minute.
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=60' },
  });
}

async function healthRoute(): Promise<Response> {
  return json(200, { status: 'ok', version });
}
