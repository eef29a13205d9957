import { MicrocredError, ErrorCode } from '../errors.js';
import { pathOfKey } from '../jsonPath.js';

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
    const term = event.details?.property ?? event.details?.term ?? event.details?.iri;
    if (typeof term === 'string') {
      const path = pathOfKey(document, term);
      return new MicrocredError(ErrorCode.TERM_UNDEFINED, `"${term}"${path ? ` at ${path}` : ''} is not defined by the credential's contexts.`, { term, ...(path ? { path } : {}) });
    }
    return new MicrocredError(ErrorCode.JSONLD_INVALID, `JSON-LD processing rejected the document: ${event.message ?? event.code ?? 'safe mode validation error'}.`);
  }
  return undefined;
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
  details?: { property?: string; term?: string; iri?: string };
}

function findSafeModeEvent(error: unknown, depth = 0): SafeModeEvent | undefined {
  if (depth > 6 || typeof error !== 'object' || error === null) return undefined;
  const e = error as { details?: { event?: SafeModeEvent; cause?: unknown }; cause?: unknown };
  return e.details?.event ?? findSafeModeEvent(e.details?.cause, depth + 1) ?? findSafeModeEvent(e.cause, depth + 1);
}
