// What makes an input a Verifiable Presentation rather than a credential, so that each verifier can
// say "use the other one" instead of failing on a shape it does not expect.
import { isJsonObject } from '../../jsonPath.js';
import type { DecodedJwt } from '../../jwt/decode.js';
import { typOf } from '../../jwt/typ.js';
import { ErrorCode } from '../../errors.js';
import { failed, type Verdict } from '../check.js';

/** True for a JSON object whose `type` includes VerifiablePresentation (VC Data Model §4.13). */
export function isPresentationObject(value: unknown): boolean {
  if (!isJsonObject(value)) return false;
  const type = value.type;
  return (Array.isArray(type) ? type : [type]).includes('VerifiablePresentation');
}

/**
 * True for a VP-JWT: the presentation in a `vp` claim (VC-JWT 1.1, what OpenID4VP wallets send), or
 * as the payload itself (VC-JOSE-COSE, `typ` "vp+jwt"). A token whose payload is a credential is
 * not one, whatever its `typ` says (the credential verifier refuses that typ).
 */
export function isPresentationJwt(jwt: Pick<DecodedJwt, 'header' | 'payload'>): boolean {
  const { payload } = jwt;
  if (isJsonObject(payload.vp) || isPresentationObject(payload)) return true;
  const typ = typOf(jwt.header);
  const credential = payload.credentialSubject !== undefined || isJsonObject(payload.vc);
  return !credential && (typ === 'vp+jwt' || typ === 'vp+ld+json+jwt');
}

// A wallet's presentation given where a credential was expected: say which function reads it.
/** The parse check's verdict on a presentation given where a credential was expected. */
export function presentationGiven(): Verdict {
  return failed({
    code: ErrorCode.PRESENTATION_GIVEN,
    detail:
      "This is a verifiable presentation (a holder sharing credentials), not a credential: verify it with verifyPresentation, which checks the holder's proof, the challenge and domain, then each credential inside.",
    path: 'type',
  });
}
