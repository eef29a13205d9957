// The two forms a baked credential takes (OB 3.0 §5.3): the JSON of a credential with an embedded
// proof, or the compact JWS of a VC-JWT.
import { ErrorCode, MicrocredError, isMicrocredError } from '../errors.js';
import { fromBase64Url } from '../encoding.js';
import { copyAsPlainJson, isJsonObject } from '../jsonPath.js';
import { findDuplicateKey, withoutByteOrderMark } from '../jsonText.js';
import type { CredentialFormat } from '../model/credential.js';

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** A credential as {@link bakeCredential} takes it: a signed JSON-LD credential (object or JSON text) or a VC-JWT. */
export type BakeableCredential = Record<string, unknown> | string;

/** A baked credential, by its form: a JSON-LD credential is an object, a VC-JWT its compact JWS. */
export type BakedCredential =
  { format: 'json-ld'; credential: Record<string, unknown> } | { format: 'vc-jwt'; credential: string };

/** The text to bake for `credential`, refusing anything that is not a signed credential. */
export function textToBake(credential: unknown): { text: string; format: CredentialFormat } {
  if (typeof credential === 'string') {
    // trim() also drops a leading byte-order mark (U+FEFF is white space to ECMAScript).
    const text = credential.trim();
    if (COMPACT_JWS.test(text)) {
      checkJwsHeader(text);
      return { text, format: 'vc-jwt' };
    }
    if (!text.startsWith('{')) {
      throw new MicrocredError(
        ErrorCode.INPUT_NOT_JSON,
        'The credential to bake is neither JSON nor a VC-JWT (compact JWS: three base64url parts joined by dots).',
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new MicrocredError(
        ErrorCode.INPUT_NOT_JSON,
        `The credential to bake is not valid JSON: ${(error as Error).message}.`,
      );
    }
    refuseDuplicateKey(text, 'The credential to bake');
    requireProof(parsed);
    // The issuer's text is baked as it is: same bytes in, same bytes out.
    return { text, format: 'json-ld' };
  }
  if (!isJsonObject(credential)) {
    throw new MicrocredError(
      ErrorCode.INPUT_NOT_OBJECT,
      `The credential to bake must be a JSON object or a VC-JWT string; it is ${credential === null ? 'null' : Array.isArray(credential) ? 'a list' : typeof credential}.`,
    );
  }
  let plain: unknown;
  try {
    plain = copyAsPlainJson(credential);
  } catch (error) {
    const path = isMicrocredError(error) ? error.details.path : undefined;
    throw new MicrocredError(
      ErrorCode.INPUT_NOT_OBJECT,
      `The credential to bake is not plain JSON data: ${(error as Error).message}.`,
      path ? { path } : {},
    );
  }
  requireProof(plain);
  return { text: JSON.stringify(plain), format: 'json-ld' };
}

/**
 * What a baked text holds: a JSON credential (parsed; a leading byte-order mark ignored, a member
 * name twice in one object refused with `ERR_INPUT_DUPLICATE_KEY`) or a VC-JWT (as it is).
 */
export function credentialOfText(text: string): BakedCredential {
  if (COMPACT_JWS.test(text)) return { format: 'vc-jwt', credential: text };
  const json = withoutByteOrderMark(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new MicrocredError(
      ErrorCode.INPUT_NOT_JSON,
      'The image holds text that is neither a JSON credential nor a VC-JWT.',
    );
  }
  refuseDuplicateKey(json, 'The credential in the image');
  if (!isJsonObject(parsed))
    throw new MicrocredError(
      ErrorCode.INPUT_NOT_OBJECT,
      'The image holds JSON that is not an object, so not a credential.',
    );
  return { format: 'json-ld', credential: parsed };
}

/** Throws `ERR_INPUT_DUPLICATE_KEY` when the JSON `text` names a member twice in one object. */
function refuseDuplicateKey(text: string, what: string): void {
  const duplicate = findDuplicateKey(text);
  if (!duplicate) return;
  throw new MicrocredError(
    ErrorCode.INPUT_DUPLICATE_KEY,
    `${what} names "${duplicate.key}" twice in one object (${duplicate.path}). JSON readers disagree on which value counts (JSON.parse keeps the last, others the first), so the text does not say one thing.`,
    { path: duplicate.path, key: duplicate.key },
  );
}

function requireProof(value: unknown): void {
  if (!isJsonObject(value))
    throw new MicrocredError(ErrorCode.INPUT_NOT_OBJECT, 'The credential to bake must be a JSON object.');
  if (value.proof === undefined || value.proof === null) {
    throw new MicrocredError(
      ErrorCode.PROOF_MISSING,
      'The credential to bake has no proof: sign it first (issueCredential), then bake the signed credential.',
      { path: 'proof' },
    );
  }
}

function checkJwsHeader(jws: string): void {
  let header: unknown;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(jws.slice(0, jws.indexOf('.')))),
    );
  } catch {
    header = undefined;
  }
  if (!isJsonObject(header) || typeof header.alg !== 'string') {
    throw new MicrocredError(
      ErrorCode.JWT_MALFORMED,
      'The VC-JWT to bake has no readable header: its first part must be base64url JSON with an "alg".',
    );
  }
}
