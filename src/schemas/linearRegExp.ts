// Patterns of JSON Schemas microcred does not bundle are run by RE2 (the re2js port), whose
// matching time is linear in the input: a pattern such as ^(a+)+$ cannot stall the verifier,
// whatever string it meets. Detectors (safe-regex2, recheck) only guess which patterns backtrack
// badly, or need seconds and a worker to be sure; an engine that cannot backtrack needs no guess.
import { RE2JS } from 're2js';
import { ErrorCode, MicrocredError } from '../errors.js';
import type { RegExpEngine, RegExpLike } from 'ajv/dist/types/index.js';

/** The error for a pattern RE2 does not accept (backreferences, lookaround), thrown at schema compile time. */
function patternRefused(pattern: string, reason: string): MicrocredError<typeof ErrorCode.SCHEMA_PATTERN_UNSAFE> {
  return new MicrocredError(ErrorCode.SCHEMA_PATTERN_UNSAFE, reason, { pattern, reason });
}

/**
 * ajv's `code.regExp` engine backed by RE2: `test` searches the string like a JavaScript RegExp
 * without the `g` flag. ECMAScript features RE2 lacks make the schema unusable (`ERR_SCHEMA_PATTERN_UNSAFE`).
 */
export const linearRegExp: RegExpEngine = Object.assign(
  (pattern: string, flags: string): RegExpLike => {
    let compiled: RE2JS;
    try {
      compiled = RE2JS.compile(pattern);
    } catch (error) {
      throw patternRefused(pattern, (error as Error)?.message ?? String(error));
    }
    // ajv keys its compiled patterns by their toString().
    const like: RegExpLike & { toString(): string } = { test: (text: string) => compiled.matcher(text).find(), toString: () => `/${pattern}/${flags}` };
    return like;
  },
  { code: 're2js' },
);
