import { ErrorCode } from '../../errors.js';
import { NotPlainJson, copyAsPlainJson, isJsonObject } from '../../jsonPath.js';
import { MicrocredError } from '../../errors.js';
import { decodeJwt, looksLikeJwt } from '../../jwt/decode.js';
import { credentialOfJwt } from '../../jwt/credential.js';
import { jwtVerdict } from '../jwtVerdict.js';
import { failed, passed, type Check, type Verdict, type VerifyContext } from '../check.js';

/**
 * The input is a JSON object (or a string holding one), or a VC-JWT (a compact JWS string) whose
 * header and payload decode to JSON objects. The value is copied into plain JSON here,
 * once, so later checks never meet getters, proxies, cycles or class instances, and every check
 * reads the same bytes the signature was checked over.
 */
export const parseCheck: Check = {
  id: 'parse',
  title: 'The credential is a JSON object',
  fatal: true,
  run(ctx) {
    let value = ctx.source;
    if (typeof value === 'string' && looksLikeJwt(value)) return parseJwt(ctx, value);
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch (error) {
        return failed({ code: ErrorCode.INPUT_NOT_JSON, title: 'Not JSON', detail: `The text could not be read as JSON: ${messageOf(error)}.` });
      }
    }
    if (!isJsonObject(value)) {
      const kind = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
      return failed({ code: ErrorCode.INPUT_NOT_OBJECT, title: 'Not a credential', detail: `A credential is a JSON object; this is ${kind}.` });
    }
    let plain: unknown;
    try {
      plain = copyAsPlainJson(value);
    } catch (error) {
      if (!(error instanceof NotPlainJson)) {
        return failed({ code: ErrorCode.INPUT_NOT_OBJECT, title: 'Not a credential', detail: `The credential could not be read as plain JSON data: ${messageOf(error)}.` });
      }
      return failed({ code: ErrorCode.INPUT_NOT_OBJECT, title: 'Not a credential', detail: error.message, ...(error.path ? { path: error.path } : {}) });
    }
    ctx.format = 'json-ld';
    ctx.credential = plain as Record<string, unknown>;
    return passed;
  },
};

function parseJwt(ctx: VerifyContext, text: string): Verdict {
  try {
    const jwt = decodeJwt(text);
    ctx.credential = credentialOfJwt(jwt);
    ctx.format = 'vc-jwt';
    ctx.jwt = jwt;
    return passed;
  } catch (error) {
    return error instanceof MicrocredError ? jwtVerdict(error) : failed({ code: ErrorCode.JWT_MALFORMED, title: 'Not a well-formed JWT', detail: messageOf(error) });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
