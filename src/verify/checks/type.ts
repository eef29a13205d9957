import { ErrorCode } from '../../errors.js';
import { OB_CREDENTIAL_TYPES } from '../../model/constants.js';
import { failed, passed, type Check } from '../check.js';

const ACCEPTED = [...OB_CREDENTIAL_TYPES, 'EndorsementCredential'];

/** type lists VerifiableCredential and an Open Badges credential type. */
export const typeCheck: Check = {
  id: 'type',
  title: 'It is an Open Badges credential',
  fatal: false,
  run(ctx) {
    const type = ctx.credential?.type;
    const types = Array.isArray(type) ? type : [type];
    if (!types.includes('VerifiableCredential')) {
      return failed({ code: ErrorCode.TYPE_INVALID, title: 'Not a verifiable credential', detail: `type must include "VerifiableCredential"; it is ${JSON.stringify(type)}.`, path: 'type' });
    }
    if (!types.some((t) => ACCEPTED.includes(t))) {
      return failed({ code: ErrorCode.TYPE_INVALID, title: 'Not an Open Badge', detail: `type must include "OpenBadgeCredential" (or "AchievementCredential" / "EndorsementCredential"); it is ${JSON.stringify(type)}.`, path: 'type' });
    }
    return passed;
  },
};
