import { ErrorCode } from '../../errors.js';
import { failed, passed, problem, type Check } from '../check.js';
import { echo } from '../limits.js';
import type { Problem } from '../report.js';

/**
 * What the credential shows is what was signed. A Data Integrity proof signs the credential's graph,
 * not its JSON: an added context can make the JSON as written show a name, an id or a date that the
 * graph does not state (or hide one it does). The report reads the graph; this check fails when the
 * JSON as written would tell a person something else, naming the path and both values.
 */
export const viewCheck: Check = {
  id: 'view',
  title: 'What it shows is what was signed',
  fatal: false,
  authenticity: 'required',
  run(ctx) {
    const reading = ctx.reading;
    if (!reading)
      return failed({ code: ErrorCode.JSONLD_INVALID, detail: "The credential's signed statements were not read." });
    const limits = ctx.options.limits;
    if (reading.unreadable) {
      return failed({
        code: ErrorCode.JSONLD_INVALID,
        detail: `The credential cannot be read as one credential: ${reading.unreadable}.`,
      });
    }
    const problems: Problem[] = [
      ...reading.differences.map((d) =>
        problem({
          code: ErrorCode.NOT_AS_SIGNED,
          detail: `At ${echo(d.path, limits)} the JSON as written shows ${echo(d.written, limits)}, but what was signed states ${echo(d.signed, limits)} (read under the standard meaning of each term). The credential writes that value under another name than its term — an added context, a keyword alias, a full IRI or a scoped context — so a reader of its JSON would be misled; the report shows what was signed. Ask the issuer for the credential as they issued it.`,
          path: d.path,
        }),
      ),
      ...reading.repeated.map((field) =>
        problem({
          code: ErrorCode.FIELD_REPEATED,
          detail: `The credential states ${field} more than once, so which one holds is ambiguous; a credential has one ${field}.`,
          path: field,
        }),
      ),
    ];
    const [first] = problems;
    if (!first) return passed;
    return { ...failed(first), ...(problems.length > 1 ? { problems } : {}) };
  },
};
