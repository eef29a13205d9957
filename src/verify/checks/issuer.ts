import { ErrorCode } from '../../errors.js';
import { failed, passed, type Check } from '../check.js';
import { echo, resolveLimits } from '../limits.js';

/** The issuer is the controller of the key that signed (a signature by someone else's key proves nothing about the issuer). */
export const issuerCheck: Check = {
  id: 'issuer',
  title: 'The issuer owns the signing key',
  fatal: false,
  run(ctx) {
    const issuer = ctx.credential?.issuer;
    const issuerId = typeof issuer === 'string' ? issuer : (issuer as { id?: unknown } | undefined)?.id;
    if (typeof issuerId !== 'string') {
      return failed({ code: ErrorCode.FIELD_REQUIRED, title: 'No issuer', detail: 'The credential does not say who issued it (issuer.id).', path: 'issuer' });
    }
    const signer = ctx.signer;
    const controller = signer?.controller ?? signer?.id.split('#')[0];
    if (controller !== issuerId) {
      return failed({
        code: ErrorCode.ISSUER_MISMATCH,
        title: 'Signed by someone other than the issuer',
        detail: `The credential names ${echo(issuerId, resolveLimits(ctx.options.limits))} as issuer, but it was signed with a key of ${controller === undefined ? 'an unknown controller' : echo(controller, resolveLimits(ctx.options.limits))}.`,
        path: typeof issuer === 'string' ? 'issuer' : 'issuer.id',
      });
    }
    return passed;
  },
};
