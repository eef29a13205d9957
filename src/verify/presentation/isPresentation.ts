// What makes an input a Verifiable Presentation rather than a credential, so that each verifier can
// say "use the other one" instead of failing on a shape it does not expect.
import { isJsonObject } from '../../jsonPath.js';
import type { DecodedJwt } from '../../jwt/decode.js';
import { typOf } from '../../jwt/header.js';

/** True for a JSON object whose `type` includes VerifiablePresentation (VC Data Model §4.13). */
export function isPresentationObject(value: unknown): value is Record<string, unknown> {
  if (!isJsonObject(value)) return false;
  const type = value.type;
  return (Array.isArray(type) ? type : [type]).includes('VerifiablePresentation');
}

/**
 * True for a VP-JWT: the presentation in a `vp` claim (VC-JWT 1.1, what OpenID4VP wallets send), or
 * as the payload itself (VC-JOSE-COSE, `typ` "vp+jwt").
 */
export function isPresentationJwt(jwt: Pick<DecodedJwt, 'header' | 'payload'>): boolean {
  const typ = typOf(jwt.header);
  return (
    isJsonObject(jwt.payload.vp) || isPresentationObject(jwt.payload) || typ === 'vp+jwt' || typ === 'vp+ld+json+jwt'
  );
}
