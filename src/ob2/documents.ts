// The documents an OB 2.0 assertion relies on (its hosted copy, badge class, issuer profile, key,
// revocation list), read through the verification's loader: the caller's `documents` first, then
// their loader, then the network only with their fetch and under their policy, all within the one
// deadline. Nothing is fetched otherwise; what could not be read is named with its URL.
import { ErrorCode, isMicrocredError } from '../errors.js';
import { copyAsPlainJson, isJsonObject } from '../jsonPath.js';
import type { ProblemInput } from '../verify/check.js';
import type { Ob2State } from './state.js';

/** A document read, or why not (a problem naming its URL). */
export type Loaded = { document: Record<string, unknown> } | { problem: ProblemInput; unreachable: boolean };

/** The JSON object at `url`, read for `what` (e.g. "the badge class"). Never throws. */
export async function loadDocument(state: Ob2State, url: string, what: string, path?: string): Promise<Loaded> {
  const at = path === undefined ? {} : { path };
  if (!/^https?:\/\//i.test(url)) {
    return {
      unreachable: true,
      problem: {
        code: ErrorCode.OB2_INVALID,
        detail: `${what} is named by "${url}", which is not an http(s) URL, so it cannot be read.`,
        ...at,
      },
    };
  }
  let document: unknown;
  try {
    document = (await state.ctx.loader.load(url)).document;
  } catch (error) {
    const reason = isMicrocredError(error) ? error.message : String((error as Error)?.message ?? error);
    return {
      unreachable: true,
      problem: {
        code: isMicrocredError(error) ? error.code : ErrorCode.FETCH_FAILED,
        detail: `${what} (${url}) could not be read: ${reason}`,
        ...at,
      },
    };
  }
  try {
    document = copyAsPlainJson(document, state.ctx.options.limits.maxDepth);
  } catch {
    document = undefined;
  }
  if (!isJsonObject(document)) {
    return {
      unreachable: false,
      problem: { code: ErrorCode.OB2_DOCUMENT_INVALID, detail: `${what} (${url}) is not a JSON object.`, ...at },
    };
  }
  return { document };
}

/**
 * An object property that may be given embedded or by its id (`badge`, `issuer`): the embedded
 * object as it is, or the document read from the URL.
 */
export async function embeddedOrLoaded(state: Ob2State, value: unknown, what: string, path: string): Promise<Loaded> {
  if (isJsonObject(value)) return { document: value };
  if (typeof value === 'string') return loadDocument(state, value, what, path);
  return {
    unreachable: false,
    problem: {
      code: ErrorCode.OB2_INVALID,
      detail: `${what} must be given as its URL or as an embedded object; it is ${value === undefined ? 'missing' : typeof value}.`,
      path,
    },
  };
}
