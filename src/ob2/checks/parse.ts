import { ErrorCode } from '../../errors.js';
import { fromBase64Url } from '../../encoding.js';
import { isJsonObject } from '../../jsonPath.js';
import { findDuplicateKey, withoutByteOrderMark } from '../../jsonText.js';
import { plainCopy } from '../../verify/plainCopy.js';
import { couldNotCheck, failed, passed, type ProblemInput, type Verdict } from '../../verify/check.js';
import { inputSizeProblem, structureProblem } from '../../verify/limits.js';
import { loadDocument } from '../documents.js';
import { isOb2Object } from '../recognise.js';
import type { Ob2Check, Ob2State } from '../state.js';

/**
 * The assertion is read into plain JSON, once: JSON text (a member named twice in one object
 * refused), the payload of a signed assertion's JWS, or, for a hosted assertion given by its URL
 * (alone, or as all an image holds), the document at that URL, through the caller's documents or fetch.
 */
export const ob2ParseCheck: Ob2Check = {
  id: 'parse',
  title: 'The Open Badges 2.0 assertion was read',
  fatal: true,
  authenticity: true,
  async run(state) {
    const { input } = state;
    const limits = state.ctx.options.limits;
    if (input.kind === 'url') {
      const what = state.ctx.image ? 'The hosted assertion the image points to' : 'The hosted assertion';
      const loaded = await loadDocument(state, input.url, what);
      if ('problem' in loaded) return loaded.unreachable ? couldNotCheck(loaded.problem) : failed(loaded.problem);
      if (!isOb2Object(loaded.document)) {
        return failed({
          code: ErrorCode.OB2_INVALID,
          detail: `The document at ${input.url} is not an Open Badges 2.0 assertion. An Open Badges 3.0 credential is verified from its own JSON or VC-JWT, not from a URL.`,
        });
      }
      state.fetchedFrom = input.url;
      return accept(state, loaded.document);
    }
    const tooLarge = inputSizeProblem(input.kind === 'jws' ? input.compact : input.value, limits);
    if (tooLarge) return couldNotCheck(tooLarge);
    if (input.kind === 'jws') return readJws(state, input.compact);
    let value = input.value;
    if (typeof value === 'string') {
      const read = readJson(withoutByteOrderMark(value), 'The text');
      if ('problem' in read) return failed(read.problem);
      value = read.value;
    }
    return accept(state, value);
  },
};

function readJws(state: Ob2State, compact: string): Verdict {
  const [header, payload] = compact.split('.').map((part, i) => {
    const what = i === 0 ? "The JWS's header" : "The JWS's payload";
    try {
      return readJson(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(part)), what);
    } catch {
      return { problem: { code: ErrorCode.JWT_MALFORMED, detail: `${what} is not base64url-encoded UTF-8.` } };
    }
  }) as [Read, Read];
  if ('problem' in header) return failed({ ...header.problem, code: ErrorCode.JWT_MALFORMED });
  if ('problem' in payload) return failed({ ...payload.problem, code: ErrorCode.JWT_MALFORMED });
  if (!isJsonObject(header.value))
    return failed({ code: ErrorCode.JWT_MALFORMED, detail: "The JWS's header is not a JSON object." });
  state.jws = { compact, header: header.value };
  return accept(state, payload.value);
}

type Read = { value: unknown } | { problem: ProblemInput };

function readJson(text: string, what: string): Read {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      problem: {
        code: ErrorCode.INPUT_NOT_JSON,
        detail: `${what} could not be read as JSON: ${(error as Error).message.replace(/, ".*" is not valid JSON$/s, '')}.`,
      },
    };
  }
  const duplicate = findDuplicateKey(text);
  if (duplicate) {
    return {
      problem: {
        code: ErrorCode.INPUT_DUPLICATE_KEY,
        detail: `${what} names "${duplicate.key}" twice in one object (${duplicate.path}); JSON readers disagree on which value counts, so it does not say one thing.`,
        path: duplicate.path,
      },
    };
  }
  return { value };
}

function accept(state: Ob2State, value: unknown): Verdict {
  const limits = state.ctx.options.limits;
  const copy = plainCopy(value, limits, 'Open Badges 2.0 assertion');
  if ('verdict' in copy) return copy.verdict;
  const plain = copy.plain;
  const overLimit = structureProblem(plain, limits);
  if (overLimit) return couldNotCheck(overLimit);
  state.assertion = plain;
  return passed;
}
