import { MicrocredError, ErrorCode } from '../errors.js';
import { pathOfKey, pathOfString, pathOfType } from '../jsonPath.js';

/**
 * Turns what jsonld and the signature libraries throw into a MicrocredError that says what went wrong
 * and where: the unknown context URL (jsonld reports a generic InvalidUrl with the reason in
 * details.cause), or the undefined term and its JSON path (safe mode reports only "Safe mode validation error").
 */
export function translateJsonLdError(error: unknown, document: unknown): MicrocredError | undefined {
  const found = findCause(error);
  if (found) return found;
  const event = findSafeModeEvent(error);
  if (event) {
    // A type name no context defines surfaces as a "relative @type reference" naming the type.
    if (event.code === 'relative @type reference' && typeof event.details?.type === 'string') {
      const type = event.details.type;
      const path = pathOfType(document, type);
      return new MicrocredError(
        ErrorCode.TERM_UNDEFINED,
        `The type "${type}"${path ? ` at ${path}` : ''} is not defined by the credential's contexts.`,
        { term: type, ...(path ? { path } : {}) },
      );
    }
    // A node's own id written as a relative reference.
    if (event.code === 'relative @id reference' && typeof event.details?.id === 'string') {
      return relativeIriError(event.details.id, document);
    }
    const term = event.details?.property ?? event.details?.term ?? event.details?.iri;
    if (typeof term === 'string') {
      const path = pathOfKey(document, term);
      return new MicrocredError(
        ErrorCode.TERM_UNDEFINED,
        `"${term}"${path ? ` at ${path}` : ''} is not defined by the credential's contexts.`,
        { term, ...(path ? { path } : {}) },
      );
    }
    const reason = (event.message ?? event.code ?? 'safe mode validation error').replace(/\.$/, '');
    const subject = event.details?.id ?? event.details?.value;
    return new MicrocredError(
      ErrorCode.JSONLD_INVALID,
      `JSON-LD processing rejected the document: ${reason}${typeof subject === 'string' ? ` (${JSON.stringify(subject)})` : ''}.`,
    );
  }
  return undefined;
}

/** ERR_IRI_RELATIVE for `iri`, at the first place `document` writes it. */
export function relativeIriError(iri: string, document: unknown): MicrocredError {
  const path = pathOfString(document, iri);
  const shown = JSON.stringify(iri.length > 200 ? `${iri.slice(0, 200)}…` : iri);
  return new MicrocredError(
    ErrorCode.IRI_RELATIVE,
    `${shown}${path ? ` at ${path}` : ''} is a relative reference, not an absolute IRI (such as https://…, did:… or urn:uuid:…): nothing about it can be signed.`,
    { iri, ...(path ? { path } : {}) },
  );
}

function findCause(error: unknown, depth = 0): MicrocredError | undefined {
  if (depth > 6 || typeof error !== 'object' || error === null) return undefined;
  if (error instanceof MicrocredError) return error;
  const e = error as { cause?: unknown; details?: { cause?: unknown } };
  return findCause(e.details?.cause, depth + 1) ?? findCause(e.cause, depth + 1);
}

interface SafeModeEvent {
  code?: string;
  message?: string;
  details?: { property?: string; term?: string; iri?: string; type?: unknown; id?: unknown; value?: unknown };
}

function findSafeModeEvent(error: unknown, depth = 0): SafeModeEvent | undefined {
  if (depth > 6 || typeof error !== 'object' || error === null) return undefined;
  const e = error as { details?: { event?: SafeModeEvent; cause?: unknown }; cause?: unknown };
  return e.details?.event ?? findSafeModeEvent(e.details?.cause, depth + 1) ?? findSafeModeEvent(e.cause, depth + 1);
}
