import { imageKindOf } from '../bake/image.js';

/**
 * The text of bytes that are not an image: what an upload of a JSON credential or a VC-JWT gives
 * (a Buffer, Uint8Array or ArrayBuffer), decoded as UTF-8. Undefined for anything else: a string,
 * PNG or SVG bytes (the `extract` check reads those), or bytes that are not UTF-8 text.
 */
export function textOfBytes(input: unknown): string | undefined {
  const bytes = input instanceof Uint8Array ? input : input instanceof ArrayBuffer ? new Uint8Array(input) : undefined;
  if (!bytes || imageKindOf(bytes) !== undefined) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
