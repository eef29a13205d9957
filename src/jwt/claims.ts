import { ErrorCode } from '../errors.js';
import { parseDateTimeZ } from '../dates.js';
import { isJsonObject } from '../jsonPath.js';
import type { DecodedJwt } from './decode.js';
import { dateFields, isNumericDate } from './credential.js';

/** One disagreement between a JWT claim and the credential it carries. */
export interface ClaimProblem {
  code: typeof ErrorCode.JWT_CLAIM_MISMATCH | typeof ErrorCode.JWT_CLAIM_INVALID;
  /** The claim and the credential property, e.g. `iss vs issuer.id` (`vc.issuer.id` under VC-JWT 1.1). */
  path: string;
  message: string;
}

/**
 * Every registered claim present in the JWT that disagrees with the credential: `iss` with
 * issuer(.id), `sub` with credentialSubject.id, `jti` with id, `nbf` with validFrom (issuanceDate
 * under VC 1.1), `exp` with validUntil (expirationDate), compared to the second. Two readers of
 * the same token — one reading the claims, one the credential — must not see two different
 * credentials. Absent claims are not problems: VC-JOSE-COSE needs none, and the credential's own
 * properties are what the other checks read.
 *
 * @example
 * const problems = claimProblems(jwt, credentialOfJwt(jwt)); // [] when they agree
 */
export function claimProblems(jwt: DecodedJwt, credential: Record<string, unknown>): ClaimProblem[] {
  const { payload } = jwt;
  const prefix = jwt.encoding === 'vc11' ? 'vc.' : '';
  const problems: ClaimProblem[] = [];
  const mismatch = (claim: string, property: string, message: string) =>
    problems.push({ code: ErrorCode.JWT_CLAIM_MISMATCH, path: `${claim} vs ${prefix}${property}`, message });
  const invalid = (claim: string, message: string) =>
    problems.push({ code: ErrorCode.JWT_CLAIM_INVALID, path: claim, message });

  const issuer = credential.issuer;
  const issuerPath = isJsonObject(issuer) ? 'issuer.id' : 'issuer';
  compareUri('iss', issuerPath, isJsonObject(issuer) ? issuer.id : issuer);
  const subjects = (
    Array.isArray(credential.credentialSubject) ? credential.credentialSubject : [credential.credentialSubject]
  ).filter(isJsonObject);
  compareUri(
    'sub',
    'credentialSubject.id',
    subjects.map((s) => s.id),
  );
  compareUri('jti', 'id', credential.id);

  const [from, until] = dateFields(credential);
  compareDate('nbf', from);
  compareDate('exp', until);
  return problems;

  function compareUri(claim: string, property: string, values: unknown): void {
    const value = payload[claim];
    if (value === undefined) return;
    if (typeof value !== 'string')
      return void invalid(claim, `The ${claim} claim must be a string (a URI); it is ${JSON.stringify(value)}.`);
    const candidates = Array.isArray(values) ? values : [values];
    if (candidates.includes(value)) return;
    const found = candidates.filter((v) => v !== undefined);
    const theirs =
      found.length === 0
        ? `the credential has no ${property}`
        : `${property} is ${found.map((v) => JSON.stringify(v)).join(', ')}`;
    mismatch(claim, property, `The JWT's ${claim} is ${JSON.stringify(value)} but ${theirs}.`);
  }

  function compareDate(claim: 'nbf' | 'exp', property: string): void {
    const value = payload[claim];
    if (value === undefined) return;
    if (!isNumericDate(value))
      return void invalid(
        claim,
        `The ${claim} claim must be a NumericDate (seconds since 1970); it is ${JSON.stringify(value)}.`,
      );
    const claimed = new Date(Math.floor(value) * 1000).toISOString();
    const own = credential[property];
    const time = parseDateTimeZ(own);
    if (own === undefined)
      return void mismatch(
        claim,
        property,
        `The JWT's ${claim} is ${value} (${claimed}) but the credential has no ${property}.`,
      );
    // NumericDate counts whole seconds in practice; a credential date may carry milliseconds.
    if (time === undefined || Math.floor(time / 1000) !== Math.floor(value)) {
      mismatch(
        claim,
        property,
        `The JWT's ${claim} is ${value} (${claimed}) but ${property} is ${JSON.stringify(own)}.`,
      );
    }
  }
}
