import { ErrorCode } from '../../errors.js';
import { suiteOf, VERIFIED_SUITES } from '../../proofs/suites.js';
import { jwtVerdict } from '../jwtVerdict.js';
import { couldNotCheck, failed, passed, type Check, type Verdict } from '../check.js';
import { echo } from '../limits.js';

/**
 * The credential carries a proof of a suite microcred verifies. For a VC-JWT, the JOSE header is the
 * proof: a supported algorithm (never "none" or a shared-secret MAC), an acceptable typ, and a key (kid or jwk).
 */
export const proofCheck: Check = {
  id: 'proof',
  title: 'A proof is present',
  fatal: true,
  authenticity: 'required',
  async run(ctx) {
    if (ctx.format === 'vc-jwt' && ctx.jwt) {
      // The JOSE header rules load with the first VC-JWT, as the rest of the VC-JWT verifier does.
      const { checkJwtHeader } = await import('../../jwt/header.js');
      return jwtHeaderVerdict(ctx.jwt.header, checkJwtHeader);
    }
    const proof = ctx.credential?.proof;
    const proofs = (Array.isArray(proof) ? proof : proof === undefined ? [] : [proof]) as unknown[];
    if (proofs.length === 0) {
      return failed({
        code: ErrorCode.PROOF_MISSING,
        detail: 'The credential has no proof, so nothing shows who issued it or that it is unchanged.',
        path: 'proof',
      });
    }
    const objects = proofs.filter((p): p is Record<string, unknown> => typeof p === 'object' && p !== null);
    const supported = objects.filter((p) => suiteOf(p));
    if (supported.length === 0) {
      const first = objects[0];
      const named = first
        ? [first.type, first.cryptosuite].filter((v) => typeof v === 'string' && v !== '').join(' / ')
        : '';
      const kind = !first ? 'not an object' : named ? echo(named, ctx.options.limits) : 'an object of no known type';
      return couldNotCheck({
        code: ErrorCode.PROOF_UNSUPPORTED,
        detail: `The proof is ${kind}, a suite microcred does not verify, so its signature was not checked (not found wrong). microcred verifies ${VERIFIED_SUITES.join(', ')}.`,
        path: 'proof',
      });
    }
    // Every proof found: the signature check verifies the supported ones and names the others.
    ctx.proofs = objects;
    return passed;
  },
};

function jwtHeaderVerdict(
  header: Record<string, unknown>,
  checkJwtHeader: (header: Record<string, unknown>) => unknown,
): Verdict {
  try {
    checkJwtHeader(header);
    return passed;
  } catch (error) {
    return jwtVerdict(error);
  }
}
