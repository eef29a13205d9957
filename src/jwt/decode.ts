import { MicrocredError, ErrorCode, isMicrocredError } from '../errors.js';
import { fromBase64Url } from '../encoding.js';
import { copyAsPlainJson, isJsonObject } from '../jsonPath.js';
import { findDuplicateKey } from '../jsonText.js';
import { typOf } from './typ.js';
import type { ResolvedJwtKey } from './resolveKey.js';

/** A VC-JWT as {@link decodeJwt} read it, not yet verified. */
export interface DecodedJwt {
  /** The compact serialization as received. */
  compact: string;
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** Which of the encodings met in the wild this is. */
  encoding: 'ob3' | 'vc11' | 'vc-jose-cose';
  /** Set by the verifier's `signature` check: the key that verified it, for `issuer` to bind to the credential's issuer. */
  key?: ResolvedJwtKey;
}

/**
 * True when `text` is meant as a compact JWS rather than JSON: it starts the way every base64url
 * JOSE header starts (`ey` or `ew`, the encoding of `{`), or it is three base64url parts. Such text
 * is decoded as a JWT, so a damaged one is reported as a malformed JWT, not as "not JSON".
 */
export function looksLikeJwt(text: string): boolean {
  const trimmed = text.trim();
  return /^e[wy][^\s{}[\]"]*$/.test(trimmed) || /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(trimmed);
}

/**
 * Decodes a compact JWS (RFC 7515 §7.1) without verifying it: its JOSE header and payload as JSON
 * objects, and which VC-JWT encoding it uses. Surrounding whitespace is ignored.
 * Throws `ERR_JWT_MALFORMED` (with `details.path` `header`, `payload` or `signature`) when it is not one,
 * and `ERR_INPUT_DUPLICATE_KEY` (with the path, e.g. `payload.credentialSubject.id`) when the header
 * or payload names a member twice in one object.
 *
 * @example
 * const { header, payload, encoding } = decodeJwt(text); // encoding: 'ob3' | 'vc11' | 'vc-jose-cose'
 */
export function decodeJwt(text: string): DecodedJwt {
  const compact = text.trim();
  const parts = compact.split('.');
  if (parts.length === 5) {
    throw malformed(
      'This is an encrypted JWT (a JWE of five parts); microcred verifies signed JWTs (a compact JWS of three parts) only.',
    );
  }
  if (parts.length !== 3) {
    throw malformed(
      `A VC-JWT is a compact JWS: three base64url parts (header.payload.signature) separated by dots; this text has ${parts.length} part${parts.length === 1 ? '' : 's'}.`,
    );
  }
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJsonPart(headerPart, 'header');
  const payload = decodeJsonPart(payloadPart, 'payload');
  try {
    fromBase64Url(signaturePart);
  } catch {
    throw malformed("The JWT's signature is not base64url (the characters A–Z a–z 0–9 - _, no padding).", 'signature');
  }
  const vc = payload.vc;
  if (vc !== undefined && payload['@context'] === undefined && !isJsonObject(vc)) {
    throw malformed(`The JWT's "vc" claim must be the credential, a JSON object; it is ${kindOf(vc)}.`, 'payload.vc');
  }
  return { compact, header, payload, encoding: encodingOf(header, payload) };
}

/**
 * Which VC-JWT encoding a token uses: `vc11` when the credential sits in a `vc` claim (VC-JWT 1.1),
 * `vc-jose-cose` when `typ` says so (`vc+jwt`, or `vc+ld+json+jwt` / `vc+ld+jwt` of earlier drafts),
 * else `ob3` (Open Badges 3.0: the credential is the payload, with the registered claims beside it).
 */
function encodingOf(header: Record<string, unknown>, payload: Record<string, unknown>): DecodedJwt['encoding'] {
  if (isJsonObject(payload.vc) && payload['@context'] === undefined) return 'vc11';
  const typ = typOf(header);
  return typ !== undefined && typ !== 'jwt' ? 'vc-jose-cose' : 'ob3';
}

function decodeJsonPart(part: string, name: 'header' | 'payload'): Record<string, unknown> {
  const what = name === 'header' ? 'JOSE header' : 'payload';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(part));
  } catch {
    throw malformed(
      `The JWT's ${what} is not base64url-encoded UTF-8 text (RFC 7515 allows the characters A–Z a–z 0–9 - _ and no padding).`,
      name,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw malformed(`The JWT's ${what} is not JSON: ${(error as Error).message}.`, name);
  }
  if (!isJsonObject(value)) throw malformed(`The JWT's ${what} must be a JSON object; it is ${kindOf(value)}.`, name);
  const duplicate = findDuplicateKey(text);
  if (duplicate) {
    const path = `${name}.${duplicate.path}`;
    throw new MicrocredError(
      ErrorCode.INPUT_DUPLICATE_KEY,
      `The JWT's ${what} names "${duplicate.key}" twice in one object (${path}). JSON readers disagree on which value counts (JSON.parse keeps the last, others the first), so the token does not say one thing; it is refused.`,
      { path, key: duplicate.key },
    );
  }
  try {
    return copyAsPlainJson(value) as Record<string, unknown>;
  } catch (error) {
    // JSON.parse yields plain data; only nesting deeper than any credential can land here.
    throw malformed(
      `The JWT's ${what} cannot be read: ${isMicrocredError(error) ? error.message : String(error)}`,
      name,
    );
  }
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}

function malformed(message: string, path?: string): MicrocredError {
  return new MicrocredError(ErrorCode.JWT_MALFORMED, message, path ? { path } : {});
}
