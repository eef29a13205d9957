import { ErrorCode } from '../../errors.js';
import { joinPath } from '../../jsonPath.js';
import { failed, passed, type Check } from '../check.js';

// Deeper than any real credential (OB 3.0 nests about a dozen levels); JSON-LD processing of
// arbitrarily deep input would exhaust the stack.
const MAX_DEPTH = 128;

/**
 * The input is a JSON object (or a string holding one). The value is copied into plain JSON here,
 * once, so later checks never meet getters, proxies, cycles or class instances, and every check
 * reads the same bytes the signature was checked over.
 */
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
        return failed({ code: ErrorCode.INPUT_NOT_JSON, title: 'Not JSON', detail: `The text could not be read as JSON: ${messageOf(error)}.` });
      }
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      const kind = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
      return failed({ code: ErrorCode.INPUT_NOT_OBJECT, title: 'Not a credential', detail: `A credential is a JSON object; this is ${kind}.` });
    }
    let plain: unknown;
    try {
      plain = toPlainJson(value, '', 0, new Set());
    } catch (error) {
      if (!(error instanceof NotJson)) {
        return failed({ code: ErrorCode.INPUT_NOT_OBJECT, title: 'Not a credential', detail: `The credential could not be read as plain JSON data: ${messageOf(error)}.` });
      }
      return failed({ code: ErrorCode.INPUT_NOT_OBJECT, title: 'Not a credential', detail: error.message, ...(error.path ? { path: error.path } : {}) });
    }
    ctx.credential = plain as Record<string, unknown>;
    return passed;
  },
};

class NotJson extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
  }
}

function toPlainJson(value: unknown, path: string, depth: number, ancestors: Set<object>): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new NotJson(path, `${path || 'The value'} is ${String(value)}, which JSON cannot represent.`);
    return value;
  }
  if (typeof value !== 'object') throw new NotJson(path, `${path || 'The value'} is a ${typeof value}, which is not JSON data.`);
  if (depth >= MAX_DEPTH) throw new NotJson(path, `The credential nests deeper than ${MAX_DEPTH} levels; no credential does.`);
  if (ancestors.has(value)) throw new NotJson(path, `${path} refers back to an enclosing object (a cycle), which JSON cannot represent.`);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return Array.from(value, (item, i) => toPlainJson(item, joinPath(path, i), depth + 1, ancestors));
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      throw new NotJson(path, `${path || 'The credential'} is a ${(value as object).constructor?.name ?? 'class instance'}, not a plain JSON object.`);
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const child = (value as Record<string, unknown>)[key];
      // JSON.stringify drops undefined members; do the same rather than refuse the credential.
      if (child === undefined) continue;
      Object.defineProperty(out, key, { value: toPlainJson(child, joinPath(path, key), depth + 1, ancestors), enumerable: true, writable: true, configurable: true });
    }
    return out;
  } finally {
    ancestors.delete(value);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
