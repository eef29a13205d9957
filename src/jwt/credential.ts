import { CONTEXT } from '../model/constants.js';
import { toDateTimeZ } from '../dates.js';
import { copyAsPlainJson, isJsonObject } from '../jsonPath.js';
import type { DecodedJwt } from './decode.js';

/** The registered JWT claims (RFC 7519 §4.1): about the token, not members of the credential beside them. */
export const REGISTERED_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti'] as const;

/**
 * The credential a VC-JWT carries. OB 3.0 and VC-JOSE-COSE: the payload without the registered
 * claims. VC-JWT 1.1: the `vc` claim, where the registered claims stand in for the properties it
 * leaves out (iss → issuer, jti → id, sub → credentialSubject.id, nbf → issuanceDate, exp →
 * expirationDate; validFrom / validUntil under the VC 2.0 context), as VC Data Model 1.1 §6.3.1 says.
 *
 * @example
 * const credential = credentialOfJwt(decodeJwt(text));
 */
export function credentialOfJwt(jwt: DecodedJwt): Record<string, unknown> {
  const { payload } = jwt;
  if (jwt.encoding !== 'vc11') {
    const rest = Object.entries(payload).filter(([key]) => !(REGISTERED_CLAIMS as readonly string[]).includes(key));
    return copyAsPlainJson(Object.fromEntries(rest)) as Record<string, unknown>;
  }
  const vc = copyAsPlainJson(payload.vc) as Record<string, unknown>;
  const { iss, sub, jti, nbf, exp } = payload;
  if (vc.id === undefined && typeof jti === 'string') vc.id = jti;
  if (typeof iss === 'string') {
    if (vc.issuer === undefined) vc.issuer = iss;
    else if (isJsonObject(vc.issuer) && vc.issuer.id === undefined) vc.issuer = { ...vc.issuer, id: iss };
  }
  if (typeof sub === 'string') {
    if (vc.credentialSubject === undefined) vc.credentialSubject = { id: sub };
    else if (isJsonObject(vc.credentialSubject) && vc.credentialSubject.id === undefined)
      vc.credentialSubject = { ...vc.credentialSubject, id: sub };
  }
  const [from, until] = dateFields(vc);
  if (vc[from] === undefined && isNumericDate(nbf)) vc[from] = toDateTimeZ(new Date(nbf * 1000));
  if (vc[until] === undefined && isNumericDate(exp)) vc[until] = toDateTimeZ(new Date(exp * 1000));
  return vc;
}

/** The credential's start and end of validity as named by its data model version: VC 1.1 or VC 2.0. */
export function dateFields(
  credential: Record<string, unknown>,
): ['issuanceDate', 'expirationDate'] | ['validFrom', 'validUntil'] {
  const context = credential['@context'];
  return Array.isArray(context) && context[0] === CONTEXT.VC_V1
    ? ['issuanceDate', 'expirationDate']
    : ['validFrom', 'validUntil'];
}

/** A JWT NumericDate (RFC 7519 §2): seconds since the epoch, within the range of a Date. */
export function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= 8.64e12;
}
