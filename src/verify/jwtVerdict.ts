// How the VC-JWT errors of src/jwt read in a report: which of them mean "could not check"
// (microcred lacks the key or the algorithm) rather than "failed". Titles are the catalogue's.
import { ErrorCode, isMicrocredError } from '../errors.js';
import { NETWORK_ERROR_CODES } from '../network/policy.js';
import { couldNotCheck, failed, type Verdict } from './check.js';

const COULD_NOT_CHECK: ErrorCode[] = [ErrorCode.JWT_ALG_UNSUPPORTED, ErrorCode.KEY_UNRESOLVED];

/** The verdict for an error thrown by src/jwt while checking a VC-JWT's header or signature. */
export function jwtVerdict(error: unknown): Verdict {
  if (!isMicrocredError(error))
    return couldNotCheck({
      code: ErrorCode.INTERNAL,
      detail: `The JWT could not be checked: ${(error as Error)?.message ?? String(error)}`,
    });
  const found = {
    code: error.code,
    detail: error.message,
    ...(typeof error.details.path === 'string' ? { path: error.details.path } : {}),
  };
  const unchecked =
    COULD_NOT_CHECK.includes(error.code) ||
    NETWORK_ERROR_CODES.includes(error.code) ||
    error.code === ErrorCode.INTERNAL;
  return unchecked ? couldNotCheck(found) : failed(found);
}
