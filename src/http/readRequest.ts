import { ErrorCode } from '../errors.js';
import { imageKindOf } from '../bake/image.js';
import { problemResponse } from './response.js';

// Media types as the VC-API, VC-JOSE-COSE and Open Badges baking name them, and what browsers and curl send.
const JSON_TYPES = new Set(['application/json', 'application/ld+json', 'application/vc+ld+json', 'application/vc']);
const TOKEN_TYPES = new Set([
  'application/jwt',
  'application/vc+jwt',
  'application/vc-ld+jwt',
  'application/vc+ld+jwt',
  'text/plain',
]);
const IMAGE_TYPES = new Set(['image/png', 'image/svg+xml']);
// No type, or one that says nothing: the bytes decide.
const SNIFFED_TYPES = new Set(['', 'application/octet-stream']);

/** What `POST /credentials/verify` hands to verifyCredential: a credential object or text, or image bytes. */
export interface VerifyRequest {
  input: unknown;
}

const ACCEPTED =
  'Send JSON ({"verifiableCredential": …} or the credential itself) as application/json, a VC-JWT as application/jwt or text/plain, or a baked badge as image/png or image/svg+xml.';

/**
 * Reads a verification request from its body and content type: the VC-API shape
 * `{ verifiableCredential, options? }`, a credential as JSON, a compact JWS, or a baked PNG or SVG
 * (by type, or by its first bytes when the type is absent or application/octet-stream). Returns the
 * input, or the response to answer with: 400 for a body that is no request at all (empty, malformed
 * JSON, JSON that is not an object), 415 for a type the service does not read.
 */
export function readVerifyRequest(contentType: string | null, body: Uint8Array): VerifyRequest | Response {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (body.byteLength === 0) return invalid(`The body is empty. ${ACCEPTED}`);
  const isJson = JSON_TYPES.has(type) || /^application\/[a-z0-9.+-]*\+json$/.test(type);
  if (isJson) return readJson(body, type);
  if (IMAGE_TYPES.has(type)) return { input: body };
  if (TOKEN_TYPES.has(type)) return readText(body, type);
  if (SNIFFED_TYPES.has(type)) return sniff(body);
  return problemResponse(
    415,
    ErrorCode.HTTP_MEDIA_TYPE_UNSUPPORTED,
    `The body is ${type}, which this service does not read. ${ACCEPTED}`,
  );
}

function sniff(body: Uint8Array): VerifyRequest | Response {
  if (imageKindOf(body)) return { input: body };
  const text = decode(body);
  if (text === undefined) return invalid(`The body is neither a baked PNG nor UTF-8 text. ${ACCEPTED}`);
  return /^\uFEFF?\s*[{[]/.test(text) ? readJson(body, 'application/json') : { input: text.trim() };
}

function readText(body: Uint8Array, type: string): VerifyRequest | Response {
  const text = decode(body);
  if (text === undefined) return invalid(`The body is sent as ${type} but is not UTF-8 text.`);
  // Pasted tokens come with a trailing newline; the report judges the rest.
  return { input: text.trim() };
}

function readJson(body: Uint8Array, type: string): VerifyRequest | Response {
  const text = decode(body);
  if (text === undefined) return invalid(`The body is sent as ${type} but is not UTF-8 text.`);
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return invalid(`The body is sent as ${type} but is not valid JSON: ${(error as Error).message}.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return invalid(
      `The body is JSON but not an object; send {"verifiableCredential": <the credential>} or the credential itself.`,
    );
  if (!Object.hasOwn(value, 'verifiableCredential')) {
    // The credential itself: its text goes to the verifier, whose parse check sees what JSON.parse hides
    // (a member written twice).
    return { input: text };
  }
  const { verifiableCredential, options } = value as { verifiableCredential: unknown; options?: unknown };
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options)))
    return invalid('"options" must be an object when it is given.');
  if (Array.isArray(verifiableCredential))
    return invalid(
      '"verifiableCredential" is a list: this endpoint verifies one credential (a presentation goes to /presentations/verify).',
    );
  if (typeof verifiableCredential !== 'string' && (typeof verifiableCredential !== 'object' || !verifiableCredential))
    return invalid('"verifiableCredential" must be the credential: a JSON object, or a VC-JWT as a string.');
  return { input: verifiableCredential };
}

/** `body` as UTF-8 text, or undefined when it is not. */
export function decode(body: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return undefined;
  }
}

/** A 400 answer (`ERR_HTTP_BODY_INVALID`) saying what is wrong with the body. */
export function invalid(detail: string): Response {
  return problemResponse(400, ErrorCode.HTTP_BODY_INVALID, detail);
}
