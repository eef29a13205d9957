import { ErrorCode } from '../../errors.js';
import { copyAsPlainJson, isJsonObject } from '../../jsonPath.js';
import { findDuplicateKey, withoutByteOrderMark } from '../../jsonText.js';
import { decodeJwt, looksLikeJwt } from '../../jwt/decode.js';
import { REGISTERED_CLAIMS } from '../../jwt/credential.js';
import { jwtVerdict } from '../jwtVerdict.js';
import { plainCopy } from '../plainCopy.js';
import { couldNotCheck, failed, passed, type Verdict } from '../check.js';
import { inputSizeProblem, structureProblem } from '../limits.js';
import { textOfBytes } from '../inputText.js';
import { isPresentationJwt, isPresentationObject } from './isPresentation.js';
import type { PresentationCheck, PresentationContext } from './context.js';
import { PRESENTATION_CHECK_TITLES } from './titles.js';

/**
 * The input is a Verifiable Presentation: a JSON object (or its text, or the bytes of its text) whose
 * type includes VerifiablePresentation, or a VP-JWT (the presentation in a `vp` claim, or the payload
 * itself). A credential given here is refused with a pointer to verifyCredential.
 */
export const presentationParseCheck: PresentationCheck = {
  id: 'parse',
  title: PRESENTATION_CHECK_TITLES.parse,
  fatal: true,
  run(ctx) {
    const limits = ctx.options.limits;
    const source = textOfBytes(ctx.input) ?? ctx.input;
    const tooLarge = inputSizeProblem(source, limits);
    if (tooLarge) return couldNotCheck(tooLarge);
    if (typeof source === 'string' && looksLikeJwt(source)) return parseJwt(ctx, source);
    let value = source;
    if (typeof source === 'string') {
      const text = withoutByteOrderMark(source);
      try {
        value = JSON.parse(text);
      } catch (error) {
        return failed({
          code: ErrorCode.INPUT_NOT_JSON,
          detail: `The text could not be read as JSON or as a JWT: ${(error as Error).message.replace(/, ".*$/s, '')}.`,
        });
      }
      const duplicate = findDuplicateKey(text);
      if (duplicate)
        return failed({
          code: ErrorCode.INPUT_DUPLICATE_KEY,
          detail: `The JSON names "${duplicate.key}" twice in one object (${duplicate.path}); readers disagree on which value counts, so it is refused.`,
          path: duplicate.path,
        });
    }
    // Text that is neither JSON nor a JWT was refused above: a value here is a presentation object or nothing.
    const copy = plainCopy(value, limits, 'presentation');
    if ('verdict' in copy) return copy.verdict;
    const plain = copy.plain;
    const overLimit = structureProblem(plain, limits);
    if (overLimit) return couldNotCheck(overLimit);
    if (!isPresentationObject(plain)) return notAPresentation(plain);
    ctx.format = 'json-ld';
    ctx.presentation = plain;
    return passed;
  },
};

function parseJwt(ctx: PresentationContext, text: string): Verdict {
  try {
    const jwt = decodeJwt(text);
    if (!isPresentationJwt(jwt)) return notAPresentation(jwt.payload);
    const { payload } = jwt;
    // VC-JWT 1.1 (and OpenID4VP): the presentation is the `vp` claim; VC-JOSE-COSE: the payload.
    const vp = isJsonObject(payload.vp)
      ? payload.vp
      : Object.fromEntries(
          Object.entries(payload).filter(
            ([k]) => !(REGISTERED_CLAIMS as readonly string[]).includes(k) && k !== 'nonce',
          ),
        );
    ctx.format = 'vp-jwt';
    ctx.jwt = jwt;
    ctx.presentation = copyAsPlainJson(vp, ctx.options.limits.maxDepth) as Record<string, unknown>;
    const holder =
      typeof payload.iss === 'string' ? payload.iss : typeof vp.holder === 'string' ? vp.holder : undefined;
    if (holder !== undefined) ctx.statedHolder = holder;
    return passed;
  } catch (error) {
    return jwtVerdict(error);
  }
}

function notAPresentation(value: Record<string, unknown>): Verdict {
  const credential = value.credentialSubject !== undefined || isJsonObject(value.vc);
  return failed({
    code: ErrorCode.PRESENTATION_INVALID,
    detail: credential
      ? 'This is a credential, not a presentation: verify it with verifyCredential.'
      : `A verifiable presentation has "VerifiablePresentation" in its type; this has ${JSON.stringify(value.type ?? null)}.`,
    path: 'type',
  });
}
