import { ErrorCode } from '../../errors.js';
import { CONTEXT } from '../../model/constants.js';
import { parseDateTimeZ } from '../../dates.js';
import { failed, passed, type Check } from '../check.js';

/** `now` lies within validFrom…validUntil (VC 1.1: issuanceDate…expirationDate), allowing the clock skew. */
export const validityCheck: Check = {
  id: 'validity',
  title: 'It is within its validity period',
  fatal: false,
  run(ctx) {
    const doc = ctx.credential as Record<string, unknown>;
    const v1 = Array.isArray(doc['@context']) && doc['@context'][0] === CONTEXT.VC_V1;
    const [fromField, untilField] = v1 ? ['issuanceDate', 'expirationDate'] : ['validFrom', 'validUntil'];
    const fromValue = doc[fromField] ?? (v1 ? doc.validFrom : undefined);
    const untilValue = doc[untilField];
    if (fromValue === undefined && !v1) {
      return failed({ code: ErrorCode.FIELD_REQUIRED, title: 'No start of validity', detail: 'An Open Badges 3.0 credential must say from when it is valid (validFrom).', path: 'validFrom' });
    }
    const from = parseDateTimeZ(fromValue);
    if (fromValue !== undefined && from === undefined) return badDate(fromField, fromValue);
    const until = parseDateTimeZ(untilValue);
    if (untilValue !== undefined && until === undefined) return badDate(untilField, untilValue);

    const now = ctx.now.getTime();
    const skew = ctx.clockSkewSeconds * 1000;
    if (from !== undefined && now + skew < from) {
      return failed({ code: ErrorCode.NOT_YET_VALID, title: 'Not yet valid', detail: `The credential is valid from ${fromValue as string}; it is checked at ${ctx.now.toISOString()}.`, path: fromField });
    }
    if (until !== undefined && now - skew > until) {
      return failed({ code: ErrorCode.EXPIRED, title: 'Expired', detail: `The credential expired at ${untilValue as string}; it is checked at ${ctx.now.toISOString()}.`, path: untilField });
    }
    return passed;
  },
};

function badDate(path: string, value: unknown) {
  return failed({ code: ErrorCode.DATE_INVALID, title: 'Unreadable date', detail: `${path} must be an RFC 3339 date-time with a timezone (e.g. 2026-01-31T09:00:00Z); it is ${JSON.stringify(value)}.`, path });
}
