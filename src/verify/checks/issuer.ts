import { ErrorCode, isMicrocredError } from '../../errors.js';
import type { ResolvedJwtKey } from '../../jwt/resolveKey.js';
import {
  couldNotCheck,
  failed,
  passed,
  standardProblem,
  type Check,
  type Verdict,
  type VerifyContext,
} from '../check.js';
import { echo } from '../limits.js';
import { issuerPath } from '../view/view.js';
import { issuerIdOf, ownerOf } from '../issuerId.js';

/**
 * The issuer is the controller of the key that signed (a signature by someone else's key proves
 * nothing about the issuer). For a VC-JWT whose key names no controller (a `jwk` in the header, a
 * bare JWK at the kid URL), the issuer's own DID or controller document must list that key for
 * assertion: anyone can put a key of their own in a header, so a header key alone never binds.
 */
export const issuerCheck: Check = {
  id: 'issuer',
  title: 'The issuer owns the signing key',
  fatal: false,
  authenticity: 'required',
  run(ctx) {
    const issuerId = issuerIdOf(ctx);
    if (issuerId === undefined) {
      return failed({
        code: ErrorCode.FIELD_REQUIRED,
        detail: 'The credential does not say who issued it (issuer.id).',
        path: 'issuer',
      });
    }
    const path = issuerPath(ctx.credential);
    const key = ctx.jwt?.key;
    if (ctx.format === 'vc-jwt' && key && key.controller === undefined)
      return bindUncontrolledKey(ctx, key, issuerId, path);
    const controller = ctx.signer && ownerOf(ctx.signer);
    if (controller !== issuerId) {
      const limits = ctx.options.limits;
      if (controller !== undefined)
        return failed(
          standardProblem(
            ErrorCode.ISSUER_MISMATCH,
            { issuer: echo(issuerId, limits), controller: echo(controller, limits) },
            path,
          ),
        );
      return failed({
        code: ErrorCode.ISSUER_MISMATCH,
        detail: `The credential names ${echo(issuerId, limits)} as issuer, but it was signed with a key of an unknown controller.`,
        path,
      });
    }
    return passed;
  },
};

async function bindUncontrolledKey(
  ctx: VerifyContext,
  key: ResolvedJwtKey,
  issuerId: string,
  path: string,
): Promise<Verdict> {
  const which = key.source === 'jwk' ? 'the public key in the JWT header' : `the key at ${key.id}`;
  // Loaded with the VC-JWT verifier, on first use (src/verify/checks/signature.ts).
  const { issuerListsKey } = await import('../../jwt/resolveKey.js');
  try {
    if (await issuerListsKey(issuerId, key.jwk, ctx.loader, ctx)) return passed;
  } catch (error) {
    const why = isMicrocredError(error) ? error.message : String(error);
    return couldNotCheck({
      code: ErrorCode.JWT_KEY_NOT_BOUND,
      detail: `The JWT was signed with ${which}, which says nothing about who owns it; it counts as the issuer's only if ${issuerId} lists it, and that could not be looked up: ${why}`,
      path,
    });
  }
  return failed({
    code: ErrorCode.JWT_KEY_NOT_BOUND,
    detail: `The JWT was signed with ${which} (${key.id}), but ${issuerId} does not list that key for issuing (assertionMethod), so nothing shows the issuer signed it.`,
    path,
  });
}
