// What a POST /presentations/verify body holds: the VC-API shape, or the presentation itself.
import { ErrorCode } from '../errors.js';
import { isJsonObject } from '../jsonPath.js';
import { problemResponse } from './response.js';
import { decode, invalid } from './readRequest.js';

/** A presentation to verify and the challenge and domain the caller asks it to answer. */
export interface PresentationRequest {
  input: unknown;
  challenge?: string;
  domain?: string;
}

const ACCEPTED =
  'Send {"verifiablePresentation": …, "options": {"challenge": …, "domain": …}} or the presentation itself as application/json, or a VP-JWT as application/jwt or text/plain.';

/**
 * Reads the body of POST /presentations/verify: the VC-API body `{ verifiablePresentation, options? }`
 * (`options.challenge` and `options.domain` are what the presentation must answer), a presentation
 * as JSON, or a VP-JWT. A raw presentation answers no challenge the caller named: its report says so.
 */
export function readPresentationRequest(contentType: string | null, body: Uint8Array): PresentationRequest | Response {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const text = decode(body);
  if (text === undefined || text.trim() === '') return invalid('The body is empty or not UTF-8 text. ' + ACCEPTED);
  if (type === 'application/jwt' || type === 'application/vp+jwt' || type === 'text/plain')
    return { input: text.trim() };
  if (type !== '' && type !== 'application/json' && !type.endsWith('+json'))
    return problemResponse(
      415,
      ErrorCode.HTTP_MEDIA_TYPE_UNSUPPORTED,
      `This endpoint does not read ${type}. ${ACCEPTED}`,
    );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // A bare VP-JWT sent without a type.
    if (type === '' && /^[\w-]+\.[\w-]+\.[\w-]*$/.test(text.trim())) return { input: text.trim() };
    return invalid(`The body is not JSON (${(error as Error).message}). ${ACCEPTED}`);
  }
  if (!isJsonObject(value)) return invalid(`The body is JSON but not an object. ${ACCEPTED}`);
  // The presentation itself: given as text, so that a member written twice is still caught.
  if (!Object.hasOwn(value, 'verifiablePresentation')) return { input: text };
  const { verifiablePresentation, options } = value as { verifiablePresentation: unknown; options?: unknown };
  if (options !== undefined && !isJsonObject(options)) return invalid('"options" must be an object. ' + ACCEPTED);
  const { challenge, domain } = (options ?? {}) as { challenge?: unknown; domain?: unknown };
  if (challenge !== undefined && typeof challenge !== 'string') return invalid('"options.challenge" must be a string.');
  if (domain !== undefined && typeof domain !== 'string') return invalid('"options.domain" must be a string.');
  if (typeof verifiablePresentation !== 'string' && !isJsonObject(verifiablePresentation))
    return invalid('"verifiablePresentation" must be the presentation: a JSON object, or a VP-JWT as a string.');
  return {
    input: verifiablePresentation,
    ...(challenge === undefined ? {} : { challenge }),
    ...(domain === undefined ? {} : { domain }),
  };
}
