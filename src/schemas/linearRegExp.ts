// Patterns of JSON Schemas microcred does not bundle are run by RE2 (the re2js port), whose
// matching time is linear in the input: a pattern such as ^(a+)+$ cannot stall the verifier,
// whatever string it meets. Detectors (safe-regex2, recheck) only guess which patterns backtrack
// badly, or need seconds and a worker to be sure; an engine that cannot backtrack needs no guess.
import { RE2JS } from 're2js';
import type { RegExpEngine, RegExpLike } from 'ajv/dist/types/index.js';

/** Thrown at schema compile time for a pattern RE2 does not accept (backreferences, lookaround). */
export class PatternRefused extends Error {
  constructor(
    readonly pattern: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'PatternRefused';
  }
}

/**
 * ajv's `code.regExp` engine backed by RE2: `test` searches the string like a JavaScript RegExp
 * without the `g` flag. ECMAScript features RE2 lacks make the schema unusable ({@link PatternRefused}).
 */
export const linearRegExp: RegExpEngine = Object.assign(
  (pattern: string, flags: string): RegExpLike => {
    let compiled: RE2JS;
    try {
      compiled = RE2JS.compile(pattern);
    } catch (error) {
      throw new PatternRefused(pattern, (error as Error)?.message ?? String(error));
    }
    // ajv keys its compiled patterns by their toString().
    const like: RegExpLike & { toString(): string } = { test: (text: string) => compiled.matcher(text).find(), toString: () => `/${pattern}/${flags}` };
    return like;
  },
  { code: 're2js' },
);
