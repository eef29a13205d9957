import { ErrorCode } from '../../errors.js';
import { findDuplicateKey, withoutByteOrderMark } from '../../jsonText.js';
import { isPresentationObject, presentationGiven } from '../presentation/isPresentation.js';
import { plainCopy } from '../plainCopy.js';
import { couldNotCheck, failed, passed, type Check } from '../check.js';
import { inputSizeProblem, structureProblem } from '../limits.js';

/**
 * The input is a JSON object (or a string holding one: a leading byte-order mark is ignored, a
 * member name written twice in one object is refused), or a VC-JWT (a compact JWS string) whose
 * header and payload decode to JSON objects. The value is copied into plain JSON here,
 * once, so later checks never meet getters, proxies, cycles or class instances, and every check
 * reads the same bytes the signature was checked over.
 */
export const parseCheck: Check = {
  id: 'parse',
  title: 'The credential is a JSON object',
  fatal: true,
  authenticity: 'required',
  async run(ctx) {
    // Bounds first (src/verify/limits.ts): size before reading, nesting while copying, then proofs
    // and values. Input over a limit is declined, not judged: it could not be checked.
    const limits = ctx.options.limits;
    const tooLarge = inputSizeProblem(ctx.source, limits);
    if (tooLarge) return couldNotCheck(tooLarge);
    let value = ctx.source;
    // Text that does not open with an object or array may be a token (a VC-JWT, an SD-JWT): the
    // token reader, loaded with the first such text, says whether it is one and reads it.
    if (typeof value === 'string' && !/^\s*[{[]/.test(value)) {
      const { readToken } = await import('../readToken.js');
      const verdict = readToken(ctx, value, limits);
      if (verdict) return verdict;
    }
    if (typeof value === 'string') {
      const text = withoutByteOrderMark(value);
      try {
        value = JSON.parse(text);
      } catch (error) {
        return failed({
          code: ErrorCode.INPUT_NOT_JSON,
          detail: `The text could not be read as JSON: ${withoutSnippet(messageOf(error))}.`,
        });
      }
      const duplicate = findDuplicateKey(text);
      if (duplicate) return failed(duplicateKeyProblem(duplicate.key, duplicate.path));
    }
    const copy = plainCopy(value, limits, 'credential');
    if ('verdict' in copy) return copy.verdict;
    const plain = copy.plain;
    if (isPresentationObject(plain)) return presentationGiven();
    const overLimit = structureProblem(plain, limits);
    if (overLimit) return couldNotCheck(overLimit);
    ctx.format = 'json-ld';
    ctx.credential = plain as Record<string, unknown>;
    return passed;
  },
};

// RFC 8259 §4 leaves duplicate names undefined; a verifier that picked one value would show a
// credential that another reader of the same text does not see.
function duplicateKeyProblem(key: string, path: string) {
  return {
    code: ErrorCode.INPUT_DUPLICATE_KEY,
    detail: `The JSON names "${key}" twice in one object (${path}). JSON readers disagree on which value counts (JSON.parse keeps the last, others the first), so this text does not say one thing; it is refused. Ask the issuer for the credential as they signed it.`,
    path,
  };
}

// V8 quotes the text around a syntax error ("…", "{"d": zRt8…"... is not valid JSON"): the input
// may be a key file given by mistake, so the report keeps the reason and drops the quote.
function withoutSnippet(message: string): string {
  return message.replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
