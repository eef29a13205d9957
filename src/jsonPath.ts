// JSON paths in the dotted form people read in messages: `credentialSubject.result[0].achievedLevel`.
import { ErrorCode, MicrocredError } from './errors.js';

/** True for a JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Appends a key or index to a path. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}

/**
 * The dotted path of a JSON pointer into `document`: `/components/2/rubric` → `components[2].rubric`
 * (a segment becomes an index only where the data there is an array). `skip(at, segment)` drops a
 * segment that is not in the document, `at` being the pointer before it.
 */
export function pathOfPointer(
  pointer: string,
  document: unknown,
  skip?: (at: string, segment: string) => boolean,
): string {
  let path = '';
  let value = document;
  let at = '';
  for (const raw of pointer.split('/').slice(1)) {
    const before = at;
    at = `${at}/${raw}`;
    if (skip?.(before, raw)) continue;
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value)) {
      path = joinPath(path, Number(key));
      value = value[Number(key)];
    } else {
      path = joinPath(path, key);
      value = isJsonObject(value) ? value[key] : undefined;
    }
  }
  return path;
}

/** The path of the first property named `key` in `value` (depth-first), or undefined. */
export function pathOfKey(value: unknown, key: string): string | undefined {
  return firstPath(value, '', (k, _child, path) => (k === key ? path : undefined));
}

/** The path of the first `type` (or `@type`) property naming `name`, e.g. `proof[1].type`, or undefined. */
export function pathOfType(value: unknown, name: string): string | undefined {
  return firstPath(value, '', (k, child, path) => {
    if (k !== 'type' && k !== '@type') return undefined;
    if (child === name) return path;
    return Array.isArray(child) && child.includes(name) ? joinPath(path, child.indexOf(name)) : undefined;
  });
}

/** The path of the first property whose value, or one of whose array members, is the string `text`, or undefined. */
export function pathOfString(value: unknown, text: string): string | undefined {
  return firstPath(value, '', (_k, child, path) => {
    if (child === text) return path;
    return Array.isArray(child) && child.includes(text) ? joinPath(path, child.indexOf(text)) : undefined;
  });
}

// Depth-first over every property of `value`: the first path `match` returns for a property (its
// key, its value and its path), or undefined.
function firstPath(
  value: unknown,
  base: string,
  match: (key: string, child: unknown, path: string) => string | undefined,
): string | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstPath(value[i], joinPath(base, i), match);
      if (found) return found;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const path = joinPath(base, k);
      const found = match(k, v, path) ?? firstPath(v, path, match);
      if (found) return found;
    }
  }
  return undefined;
}

// Deeper than any real credential (OB 3.0 nests about a dozen levels); JSON-LD processing of
// arbitrarily deep input would exhaust the stack.
const MAX_DEPTH = 128;

/**
 * A copy of `value` as plain JSON data, read once: no getters, proxies, cycles, class instances,
 * functions, bigints or non-finite numbers survive (members whose value is undefined are dropped,
 * as JSON.stringify does). Throws a {@link MicrocredError} whose `details.path` names the first
 * offender: `ERR_INPUT_TOO_DEEP` when it nests deeper than `maxDepth`, else `ERR_INPUT_NOT_OBJECT`;
 * a throwing getter or proxy trap propagates its own error.
 */
export function copyAsPlainJson(value: unknown, maxDepth = MAX_DEPTH): unknown {
  return toPlainJson(value, '', 0, new Set(), maxDepth);
}

/** Why a value is not plain JSON, and where (`path`, '' for the value itself). */
function notPlainJson(
  path: string,
  message: string,
  code: typeof ErrorCode.INPUT_NOT_OBJECT | typeof ErrorCode.INPUT_TOO_DEEP = ErrorCode.INPUT_NOT_OBJECT,
): MicrocredError {
  return new MicrocredError(code, message, { path });
}

function toPlainJson(value: unknown, path: string, depth: number, ancestors: Set<object>, maxDepth: number): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw notPlainJson(path, `${path || 'The value'} is ${String(value)}, which JSON cannot represent.`);
    return value;
  }
  if (typeof value !== 'object')
    throw notPlainJson(
      path,
      `${path || 'The value'} is ${value === undefined ? 'undefined' : `a ${typeof value}`}, which is not JSON data.`,
    );
  if (depth >= maxDepth)
    throw notPlainJson(
      path,
      `The credential nests deeper than ${maxDepth} levels; no credential does.`,
      ErrorCode.INPUT_TOO_DEEP,
    );
  if (ancestors.has(value))
    throw notPlainJson(path, `${path} refers back to an enclosing object (a cycle), which JSON cannot represent.`);
  ancestors.add(value);
  try {
    if (Array.isArray(value))
      return Array.from(value, (item, i) => toPlainJson(item, joinPath(path, i), depth + 1, ancestors, maxDepth));
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      throw notPlainJson(
        path,
        `${path || 'The credential'} is a ${(value as object).constructor?.name ?? 'class instance'}, not a plain JSON object.`,
      );
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const child = (value as Record<string, unknown>)[key];
      // JSON.stringify drops undefined members; do the same rather than refuse the credential.
      if (child === undefined) continue;
      Object.defineProperty(out, key, {
        value: toPlainJson(child, joinPath(path, key), depth + 1, ancestors, maxDepth),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  } finally {
    ancestors.delete(value);
  }
}
