// Reading a token given to verifyCredential: a VC-JWT (decoded, its credential read, bounded like
// JSON) or an SD-JWT VC (recognised, not verified). Loaded with the first text that may be one.
import { ErrorCode, isMicrocredError } from '../errors.js';
import { decodeJwt, looksLikeJwt } from '../jwt/decode.js';
import { credentialOfJwt } from '../jwt/credential.js';
import { recogniseSdJwt, type SdJwtSighting } from '../jwt/sdJwt.js';
import { jwtVerdict } from './jwtVerdict.js';
import { isPresentationJwt, presentationGiven } from './presentation/isPresentation.js';
import { couldNotCheck, failed, passed, type Verdict, type VerifyContext } from './check.js';
import { nestingProblem, structureProblem, type VerifyLimits } from './limits.js';

/** The parse check's verdict on `text` when it is an SD-JWT or a JWT, else undefined (it is read as JSON text). */
export function readToken(ctx: VerifyContext, text: string, limits: VerifyLimits): Verdict | undefined {
  const sdJwt = recogniseSdJwt(text);
  if (sdJwt) return couldNotCheck(sdJwtProblem(sdJwt));
  if (looksLikeJwt(text)) return parseJwt(ctx, text, limits);
  return undefined;
}

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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
