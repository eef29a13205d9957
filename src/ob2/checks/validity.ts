import { ErrorCode } from '../../errors.js';
import { failed, passed } from '../../verify/check.js';
import { ob2Time } from '../fields.js';
import type { Ob2Check } from '../state.js';

/**
 * The assertion was issued (`issuedOn` is not in the future) and has not expired (`expires`), at
 * the verification's moment, within its clock skew. An expired badge is still genuine: the report
 * is authentic but not verified.
 */
export const ob2ValidityCheck: Ob2Check = {
  id: 'validity',
  title: 'The assertion is within its validity period',
  fatal: false,
  run(state) {
    const { now, clockSkewSeconds } = state.ctx;
    const skew = clockSkewSeconds * 1000;
    const a = state.assertion!;
    const issued = ob2Time(a.issuedOn)!;
    if (issued > now.getTime() + skew) {
      return failed({
        code: ErrorCode.NOT_YET_VALID,
        detail: `The assertion says it was issued on ${String(a.issuedOn)}, after ${now.toISOString()}.`,
        path: 'issuedOn',
      });
    }
    const expires = ob2Time(a.expires);
    if (expires !== undefined && expires < now.getTime() - skew) {
      return failed({
        code: ErrorCode.EXPIRED,
        detail: `The assertion expired on ${String(a.expires)}.`,
        path: 'expires',
      });
    }
    return passed;
  },
};
