// Shared by the service tests: a handler at the tests' clock, requests to it, and a body that
// counts what the service pulled from it.
import { createVerifierHandler, type VerifierHandlerOptions } from '../../src/http/index.js';
import { NOW } from '../helpers/credential.js';

export const BASE = 'http://verifier.test';

/** A handler whose verifications are made at NOW. */
export function handler(options: VerifierHandlerOptions = {}) {
  return createVerifierHandler({ clock: () => NOW, ...options });
}

/** A POST to /credentials/verify with `body` sent as `type`. */
export function post(
  body: NonNullable<RequestInit['body']>,
  type?: string,
  headers: Record<string, string> = {},
): Request {
  return new Request(`${BASE}/credentials/verify`, {
    method: 'POST',
    body,
    headers: { ...(type ? { 'content-type': type } : {}), ...headers },
  });
}

/**
 * A body that never ends: `chunk` bytes at each pull, for ever (or until `limit` bytes). `pulled`
 * says how much the reader took, `cancelled` whether it hung up.
 */
export function endlessBody(chunk = 64 * 1024, limit = Infinity) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled >= limit) return new Promise(() => undefined); // stalls: sends nothing more
        state.pulled += chunk;
        controller.enqueue(new Uint8Array(chunk).fill(0x20));
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

/** A POST whose body is a stream (Node needs `duplex: 'half'` for one). */
export function postStream(
  stream: ReadableStream<Uint8Array>,
  type: string,
  headers: Record<string, string> = {},
): Request {
  return new Request(`${BASE}/credentials/verify`, {
    method: 'POST',
    body: stream,
    headers: { 'content-type': type, ...headers },
    duplex: 'half',
  } as RequestInit);
}
