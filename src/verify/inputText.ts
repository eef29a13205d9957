import { imageKindOf } from '../bake/image.js';

/**
 * The text of bytes that are not an image: what an upload of a JSON credential or a VC-JWT gives
 * (a Buffer, Uint8Array or ArrayBuffer), decoded as UTF-8. Undefined for anything else: a string,
 * PNG or SVG bytes (the `extract` check reads those), no bytes at all, or bytes that are not UTF-8
 * text (invalid sequences, control characters other than whitespace).
 */
export function textOfBytes(input: unknown): string | undefined {
  const bytes = input instanceof Uint8Array ? input : input instanceof ArrayBuffer ? new Uint8Array(input) : undefined;
  if (!bytes || bytes.length === 0 || imageKindOf(bytes) !== undefined) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  // Text has no control characters but whitespace: bytes that do are binary, and reported as
  // what they most likely were meant to be, an image that is not one.
  return BINARY.test(text) ? undefined : text;
}

// eslint-disable-next-line no-control-regex
const BINARY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
