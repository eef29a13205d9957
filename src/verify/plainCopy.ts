import { ErrorCode, isMicrocredError } from '../errors.js';
import { copyAsPlainJson, isJsonObject } from '../jsonPath.js';
import { couldNotCheck, failed, type Verdict } from './check.js';
import { tooDeepProblem, type VerifyLimits } from './limits.js';

/**
 * A plain-JSON copy of `value`, the object a caller gave (`what` names it in messages: "credential",
 * "presentation", "Open Badges 2.0 assertion"), or the verdict when it is none: not an object,
 * nested past `limits.maxDepth` (could-not-check), or not plain data (a getter that throws, a
 * cycle, a class instance: failed, with the path where one was found).
 */
export function plainCopy(
  value: unknown,
  limits: VerifyLimits,
  what: string,
): { plain: Record<string, unknown> } | { verdict: Verdict } {
  const a = /^[aeiou]/i.test(what) ? 'An' : 'A';
  if (!isJsonObject(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
    return {
      verdict: failed({ code: ErrorCode.INPUT_NOT_OBJECT, detail: `${a} ${what} is a JSON object; this is ${kind}.` }),
    };
  }
  try {
    return { plain: copyAsPlainJson(value, limits.maxDepth) as Record<string, unknown> };
  } catch (error) {
    if (isMicrocredError(error, ErrorCode.INPUT_TOO_DEEP))
      return { verdict: couldNotCheck(tooDeepProblem(error.details.path ?? '', limits)) };
    if (isMicrocredError(error, ErrorCode.INPUT_NOT_OBJECT))
      return {
        verdict: failed({
          code: ErrorCode.INPUT_NOT_OBJECT,
          detail: error.message,
          ...(error.details.path ? { path: error.details.path } : {}),
        }),
      };
    const message = error instanceof Error ? error.message : String(error);
    return {
      verdict: failed({
        code: ErrorCode.INPUT_NOT_OBJECT,
        detail: `The ${what} could not be read as plain JSON data: ${message}.`,
      }),
    };
  }
}
