import { ErrorCode, isMicrocredError } from '../../errors.js';
import { copyAsPlainJson, isJsonObject } from '../../jsonPath.js';
import { findDuplicateKey, withoutByteOrderMark } from '../../jsonText.js';
import { decodeJwt, looksLikeJwt } from '../../jwt/decode.js';
import { credentialOfJwt } from '../../jwt/credential.js';
import { recogniseSdJwt, type SdJwtSighting } from '../../jwt/sdJwt.js';
import { jwtVerdict } from '../jwtVerdict.js';
import { isPresentationJwt, isPresentationObject } from '../presentation/isPresentation.js';
import { couldNotCheck, failed, passed, type Check, type Verdict, type VerifyContext } from '../check.js';
import { inputSizeProblem, nestingProblem, structureProblem, tooDeepProblem, type VerifyLimits } from '../limits.js';

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
  run(ctx) {
    // Bounds first (src/verify/limits.ts): size before reading, nesting while copying, then proofs
    // and values. Input over a limit is declined, not judged: it could not be checked.
    const limits = ctx.options.limits;
    const tooLarge = inputSizeProblem(ctx.source, limits);
    if (tooLarge) return couldNotCheck(tooLarge);
    let value = ctx.source;
    const sdJwt = typeof value === 'string' ? recogniseSdJwt(value) : undefined;
    if (sdJwt) return couldNotCheck(sdJwtProblem(sdJwt));
    if (typeof value === 'string' && looksLikeJwt(value)) return parseJwt(ctx, value, limits);
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
    if (!isJsonObject(value)) {
      const kind = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
      return failed({ code: ErrorCode.INPUT_NOT_OBJECT, detail: `A credential is a JSON object; this is ${kind}.` });
    }
    let plain: unknown;
    try {
      plain = copyAsPlainJson(value, limits.maxDepth);
    } catch (error) {
      if (isMicrocredError(error, ErrorCode.INPUT_TOO_DEEP))
        return couldNotCheck(tooDeepProblem(error.details.path ?? '', limits));
      if (!isMicrocredError(error, ErrorCode.INPUT_NOT_OBJECT)) {
        return failed({
          code: ErrorCode.INPUT_NOT_OBJECT,
          detail: `The credential could not be read as plain JSON data: ${messageOf(error)}.`,
        });
      }
      return failed({
        code: ErrorCode.INPUT_NOT_OBJECT,
        detail: error.message,
        ...(error.details.path ? { path: error.details.path } : {}),
      });
    }
    if (isPresentationObject(plain)) return presentationGiven();
    const overLimit = structureProblem(plain as Record<string, unknown>, limits);
    if (overLimit) return couldNotCheck(overLimit);
    ctx.format = 'json-ld';
    ctx.credential = plain as Record<string, unknown>;
    return passed;
  },
};

function parseJwt(ctx: VerifyContext, text: string, limits: VerifyLimits): Verdict {
  try {
    const jwt = decodeJwt(text);
    if (isPresentationJwt(jwt)) return presentationGiven();
    const credential = credentialOfJwt(jwt);
    const overLimit = nestingProblem(credential, limits) ?? structureProblem(credential, limits);
    if (overLimit) return couldNotCheck(overLimit);
    ctx.credential = credential;
    ctx.format = 'vc-jwt';
    ctx.jwt = jwt;
    return passed;
  } catch (error) {
    return isMicrocredError(error)
      ? jwtVerdict(error)
      : failed({ code: ErrorCode.JWT_MALFORMED, detail: messageOf(error) });
  }
}

// A wallet's presentation given where a credential was expected: say which function reads it.
function presentationGiven(): Verdict {
  return failed({
    code: ErrorCode.PRESENTATION_GIVEN,
    detail:
      "This is a verifiable presentation (a holder sharing credentials), not a credential: verify it with verifyPresentation, which checks the holder's proof, the challenge and domain, then each credential inside.",
    path: 'type',
  });
}

// Recognised, not judged: nothing was found wrong with it, microcred just cannot check this format yet.
function sdJwtProblem({ typ, disclosures }: SdJwtSighting) {
  const what = [typ ? `typ ${typ}` : undefined, `${disclosures} disclosure${disclosures === 1 ? '' : 's'}`]
    .filter(Boolean)
    .join(', ');
  return {
    code: ErrorCode.SD_JWT_UNSUPPORTED,
    detail: `This is an SD-JWT VC (${what}): a selective-disclosure JWT, not a malformed one. microcred does not verify SD-JWT VCs yet, so its signature was not checked; ask the holder for the credential as a Data Integrity or VC-JWT credential, or verify it with an SD-JWT VC verifier.`,
  };
}

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
