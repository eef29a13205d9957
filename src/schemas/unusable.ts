// A schema that cannot be used, told apart from one a document fails: the errors validate.ts throws.
import { ErrorCode, isMicrocredError, type MicrocredError } from '../errors.js';

/**
 * The codes of a schema that cannot be used: an unsupported draft, a reference that cannot be
 * resolved, or not a schema at all (ERR_SCHEMA_UNRESOLVED); larger than allowed
 * (ERR_SCHEMA_TOO_LARGE); a pattern the linear-time engine does not run (ERR_SCHEMA_PATTERN_UNSAFE).
 * The error's `details.reason` says why, as a clause ("it is written in …").
 */
export const UNUSABLE_SCHEMA_CODES: readonly ErrorCode[] = [ErrorCode.SCHEMA_UNRESOLVED, ErrorCode.SCHEMA_TOO_LARGE, ErrorCode.SCHEMA_PATTERN_UNSAFE];

/** True when `error` says a schema cannot be used (one of {@link UNUSABLE_SCHEMA_CODES}), with its reason. */
export function isUnusableSchema(error: unknown): error is MicrocredError & { details: { reason: string } } {
  return isMicrocredError(error) && UNUSABLE_SCHEMA_CODES.includes(error.code) && typeof error.details.reason === 'string';
}

