import { ErrorCode } from '../../errors.js';
import { couldNotCheck, passed, type Check } from '../check.js';

/**
 * Revocation and suspension. A credential without `credentialStatus` has nothing to check. One
 * with a status entry cannot be called verified until its status list is read: a list that was
 * not read is its own outcome, never "not revoked" (other verifiers' users were misled by that).
 */
export const statusCheck: Check = {
  id: 'status',
  title: 'It has not been revoked or suspended',
  fatal: false,
  run(ctx) {
    const status = ctx.credential?.credentialStatus;
    if (status === undefined) return passed;
    const entries = (Array.isArray(status) ? status : [status]) as { type?: unknown; statusListCredential?: unknown }[];
    const kinds = entries.map((e) => (typeof e?.type === 'string' ? e.type : 'unknown')).join(', ');
    return couldNotCheck({
      code: ErrorCode.STATUS_UNCHECKED,
      title: 'Revocation status not checked',
      detail: `The credential has a status entry (${kinds}), and this version of microcred does not read status lists, so it cannot say whether the credential was revoked or suspended.`,
      path: 'credentialStatus',
    });
  },
};
