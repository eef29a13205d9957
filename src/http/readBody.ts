import { ErrorCode } from '../errors.js';
import { concatBytes } from '../encoding.js';
import { problemResponse } from './response.js';

/**
 * The request body, read as it arrives and refused as soon as it passes `maxBytes` (the rest is never
 * read: the stream is cancelled), or once `timeoutMs` has passed. A Content-Length over the cap is
 * refused before reading anything; a smaller one is not trusted. Returns the bytes, or the response
 * to answer with (413, 408).
 */
export async function readBody(request: Request, maxBytes: number, timeoutMs: number): Promise<Uint8Array | Response> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    request.body?.cancel().catch(() => undefined);
    return tooLarge(maxBytes);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A client that sends a byte a minute would hold the request open for ever: the whole body gets one deadline.
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), timeoutMs);
  });
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), late]);
      if (next === 'late') {
        reader.cancel().catch(() => undefined);
        return problemResponse(
          408,
          ErrorCode.HTTP_BODY_TIMEOUT,
          `The request body was not received within ${timeoutMs} ms; send it whole, and promptly.`,
          { connection: 'close' },
        );
      }
      if (next.done) break;
      total += next.value.byteLength;
      if (total > maxBytes) {
        reader.cancel().catch(() => undefined);
        return tooLarge(maxBytes);
      }
      chunks.push(next.value);
    }
  } finally {
    clearTimeout(timer);
  }
  return concatBytes(chunks);
}

function tooLarge(maxBytes: number): Response {
  return problemResponse(
    413,
    ErrorCode.HTTP_BODY_TOO_LARGE,
    `The body is larger than ${maxBytes} bytes, the most this service reads; a credential or a baked badge is far smaller.`,
    { connection: 'close' },
  );
}
