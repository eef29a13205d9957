// How the VC-JWT errors of src/jwt read in a report: a title per code, and which of them mean
// "could not check" (microcred lacks the key or the algorithm) rather than "failed".
import { ErrorCode, MicrocredError } from '../errors.js';
import { NETWORK_ERROR_CODES } from '../network/policy.js';
import { couldNotCheck, failed, type Verdict } from './check.js';

const TITLES: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.JWT_MALFORMED]: 'Not a well-formed JWT',
  [ErrorCode.INPUT_DUPLICATE_KEY]: 'A member name appears twice',
  [ErrorCode.JWT_ALG_NONE]: 'The JWT is not signed',
  [ErrorCode.JWT_ALG_SYMMETRIC]: 'Protected by a shared secret, not a signature',
  [ErrorCode.JWT_ALG_UNSUPPORTED]: 'Unsupported signature algorithm',
  [ErrorCode.JWT_TYP_UNSUPPORTED]: 'Not a credential JWT',
  [ErrorCode.JWT_CRIT_UNSUPPORTED]: 'Unknown critical header',
  [ErrorCode.JWT_KEY_MISSING]: 'The JWT names no key',
  [ErrorCode.JWT_JWK_PRIVATE]: 'The key includes its private part',
  [ErrorCode.JWT_KEY_ALG_MISMATCH]: 'The key does not fit the algorithm',
  [ErrorCode.KEY_UNRESOLVED]: 'The signing key could not be found',
  [ErrorCode.KEY_NOT_AUTHORIZED]: 'The key may not issue credentials',
  [ErrorCode.KEY_INVALID]: 'The signing key cannot be used',
  [ErrorCode.KEY_EXPIRED]: 'The signing key has expired',
  [ErrorCode.SIGNATURE_INVALID]: 'The signature does not match',
  [ErrorCode.NETWORK_DISABLED]: 'The signing key needs the network',
};

const COULD_NOT_CHECK: ErrorCode[] = [ErrorCode.JWT_ALG_UNSUPPORTED, ErrorCode.KEY_UNRESOLVED];

/** The verdict for an error thrown by src/jwt while checking a VC-JWT's header or signature. */
export function jwtVerdict(error: unknown): Verdict {
  const e = error instanceof MicrocredError ? error : new MicrocredError(ErrorCode.INTERNAL, `The JWT could not be checked: ${(error as Error)?.message ?? String(error)}`);
  const problem = {
    code: e.code,
    title: TITLES[e.code] ?? (NETWORK_ERROR_CODES.includes(e.code) ? 'The signing key could not be fetched' : 'The JWT could not be checked'),
    detail: e.message,
    ...(typeof e.details.path === 'string' ? { path: e.details.path } : {}),
  };
  const unchecked = COULD_NOT_CHECK.includes(e.code) || NETWORK_ERROR_CODES.includes(e.code) || e.code === ErrorCode.INTERNAL;
  return unchecked ? couldNotCheck(problem) : failed(problem);
}
