import { ErrorCode } from '../../errors.js';
import { failed, passed, type Check } from '../check.js';

/** The input is a JSON object (or a string holding one). */
export const parseCheck: Check = {
  id: 'parse',
  title: 'The credential is a JSON object',
  fatal: true,
  run(ctx) {
    let value = ctx.input;
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch (error) {
        return failed({ code: ErrorCode.INPUT_NOT_JSON, title: 'Not JSON', detail: `The text could not be read as JSON: ${(error as Error).message}.` });
      }
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      const kind = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
      return failed({ code: ErrorCode.INPUT_NOT_OBJECT, title: 'Not a credential', detail: `A credential is a JSON object; this is ${kind}.` });
    }
    ctx.credential = value as Record<string, unknown>;
    return passed;
  },
};
