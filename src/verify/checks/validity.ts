import { ErrorCode } from '../../errors.js';
import { CONTEXT } from '../../model/constants.js';
import { parseDateTimeZ } from '../../dates.js';
import { failed, passed, standardProblem, type Check } from '../check.js';
import { isOtherCredential } from './type.js';
import { echo, type VerifyLimits } from '../limits.js';

type DateField = 'validFrom' | 'validUntil' | 'issuanceDate' | 'expirationDate';

/**
 * `now` lies within validFrom…validUntil (VC 1.1: issuanceDate…expirationDate), allowing the clock skew.
 * Under VC 1.1 both pairs are read: its context also defines validFrom and validUntil, so a
 * credential may carry either, and the later start and the earlier end apply. VC 2.0 defines only
 * validFrom and validUntil.
 */
export const validityCheck: Check = {
  id: 'validity',
  title: 'It is within its validity period',
  fatal: false,
  // An expired credential whose key could not be resolved is still worth knowing to be expired.
  informativeWhenUnchecked: true,
  run(ctx) {
    // The dates as signed (the view), whichever way the JSON writes them.
    const view = ctx.view;
    if (!view)
      return failed({ code: ErrorCode.JSONLD_INVALID, detail: "The credential's signed statements were not read." });
    const context = ctx.credential?.['@context'];
    const v1 = Array.isArray(context) && context[0] === CONTEXT.VC_V1;
    const doc: Partial<Record<DateField, string>> = view;
    // VC 1.1's own names first: they name the date in messages when both are present.
    // VC 2.0 defines no issuanceDate or expirationDate; stated anyway (by full IRI), they still bind.
    const fromFields: DateField[] = v1 ? ['issuanceDate', 'validFrom'] : ['validFrom', 'issuanceDate'];
    const untilFields: DateField[] = v1 ? ['expirationDate', 'validUntil'] : ['validUntil', 'expirationDate'];
    // VC 2.0 makes validFrom optional; Open Badges 3.0 requires it.
    if (view.validFrom === undefined && !v1 && !isOtherCredential(view)) {
      return failed({
        code: ErrorCode.FIELD_REQUIRED,
        detail: 'An Open Badges 3.0 credential must say from when it is valid (validFrom).',
        path: 'validFrom',
      });
    }
    const limits = ctx.options.limits;
    const dates: Record<string, number> = {};
    for (const field of [...fromFields, ...untilFields]) {
      if (doc[field] === undefined) continue;
      const time = parseDateTimeZ(doc[field]);
      if (time === undefined) return badDate(field, doc[field], limits);
      dates[field] = time;
    }
    const from = pick(fromFields, dates, (a, b) => a > b);
    const until = pick(untilFields, dates, (a, b) => a < b);

    const now = ctx.now.getTime();
    const skew = ctx.clockSkewSeconds * 1000;
    if (from && now + skew < from.time) {
      return failed(
        standardProblem(
          ErrorCode.NOT_YET_VALID,
          { from: doc[from.field] as string, checkedAt: ctx.now.toISOString() },
          from.field,
        ),
      );
    }
    if (until && now - skew > until.time) {
      return failed(
        standardProblem(
          ErrorCode.EXPIRED,
          { until: doc[until.field] as string, checkedAt: ctx.now.toISOString() },
          until.field,
        ),
      );
    }
    return passed;
  },
};

// The field whose date wins by `better` (the later start, the earlier end); the first named wins ties.
function pick(
  fields: DateField[],
  dates: Record<string, number>,
  better: (a: number, b: number) => boolean,
): { field: DateField; time: number } | undefined {
  let best: { field: DateField; time: number } | undefined;
  for (const field of fields) {
    const time = dates[field];
    if (time !== undefined && (!best || better(time, best.time))) best = { field, time };
  }
  return best;
}

function badDate(path: string, value: unknown, limits: VerifyLimits) {
  return failed({
    code: ErrorCode.DATE_INVALID,
    detail: `${path} must be an RFC 3339 date-time with a timezone (e.g. 2026-01-31T09:00:00Z); it is ${echo(JSON.stringify(value), limits)}.`,
    path,
  });
}
