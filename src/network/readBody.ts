import { ErrorCode } from '../errors.js';
import { networkError as fail } from './policy.js';
import { concatBytes } from '../encoding.js';

/** Where a body comes from and how much of it may be read. */
export interface BodyLimits {
  /** The URL asked for (the error's `details.url`). */
  url: string;
  /** How to name the response in a message: the URL, with the redirect that led there. */
  where: string;
  maxBytes: number;
  signal: AbortSignal;
}

const HTML = new Set(['text/html', 'application/xhtml+xml']);

/**
 * The response body parsed as JSON, read as a stream and cut off past `maxBytes` (a Content-Length
 * header is a hint to refuse early, never a reason to trust the body's length). HTML is refused with
 * its own code; any other type is accepted when the body parses as JSON, because static hosts often
 * label a JSON file without an extension text/plain or application/octet-stream.
 */
export async function readJsonBody(response: Response, limits: BodyLimits): Promise<unknown> {
  const { url, where, maxBytes } = limits;
  const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (HTML.has(type)) {
    response.body?.cancel().catch(() => undefined);
    throw fail(
      ErrorCode.CONTENT_TYPE_REFUSED,
      `${where} answered with a web page (${type}), not a JSON document: the URL is probably wrong, or the server shows an error or sign-in page there.`,
      url,
    );
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.body?.cancel().catch(() => undefined);
    throw tooLarge(where, url, maxBytes);
  }
  const bytes = await readCapped(response, limits);
  try {
    // fatal: bytes that are not UTF-8 are not JSON; the decoder drops a byte-order mark.
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw fail(
      ErrorCode.RESPONSE_NOT_JSON,
      `${where} did not answer with JSON${type ? ` (it was served as ${type})` : ''}.`,
      url,
    );
  }
}

async function readCapped(response: Response, { url, where, maxBytes, signal }: BodyLimits): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', stop, { once: true });
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw fail(
          ErrorCode.FETCH_FAILED,
          `${where}: the connection broke while reading the answer (${(error as Error)?.message ?? String(error)}).`,
          url,
        );
      }
      if (chunk.done) break;
      total += chunk.value.byteLength;
      // Stop reading at once: the rest of the body is never downloaded.
      if (total > maxBytes) {
        stop();
        throw tooLarge(where, url, maxBytes);
      }
      chunks.push(chunk.value);
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }
  return concatBytes(chunks);
}

function tooLarge(where: string, url: string, maxBytes: number) {
  return fail(
    ErrorCode.RESPONSE_TOO_LARGE,
    `${where} sent more than ${maxBytes} bytes (network.maxBytes); the rest was not read.`,
    url,
    { maxBytes },
  );
}
