// Canonical JSON for digests: keys sorted by UTF-16 code units, no whitespace, `undefined` members
// dropped (as JSON.stringify drops them). For the values microcred stores (strings, integers,
// booleans, arrays, plain objects) this is the serialisation of RFC 8785 (JCS), so a digest computed
// by another JCS implementation over the same JSON agrees.
import { sha256 } from '#runtime';
import { fromHex, toBase64, toHex, utf8 } from '../encoding.js';

/** The canonical JSON text of `value` (see the file comment). Throws a TypeError on non-JSON values. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no representation for NaN or Infinity');
    return JSON.stringify(value);
  }
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (typeof value === 'object') {
    const members = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`canonical JSON has no representation for a ${typeof value}`);
}

/** Lowercase hex SHA-256 of the bytes (a string is hashed as its UTF-8 bytes). */
export async function sha256Hex(content: string | Uint8Array): Promise<string> {
  return toHex(await sha256(typeof content === 'string' ? utf8(content) : content));
}

/** `sha256:<lowercase hex>` of the bytes (a string is hashed as its UTF-8 bytes). */
export async function sha256Digest(content: string | Uint8Array): Promise<string> {
  return `sha256:${await sha256Hex(content)}`;
}

/** The `sha256:<hex>` digest form microcred writes; upper-case hex is accepted on input. */
export const DIGEST_PATTERN = /^sha256:[0-9a-fA-F]{64}$/;

/** A `sha256:<hex>` digest in W3C SRI form (`sha256-<base64>`, VC 2.0 `digestSRI`), or undefined for anything else. */
export function digestSRI(digest: unknown): string | undefined {
  if (typeof digest !== 'string' || !DIGEST_PATTERN.test(digest)) return undefined;
  return `sha256-${toBase64(fromHex(digest.slice('sha256:'.length)))}`;
}
