// What counts as an image: bytes (Uint8Array, Node Buffer, ArrayBuffer) or the text of an SVG.
import { ErrorCode, MicrocredError } from '../errors.js';
import { MAX_IMAGE_BYTES } from './constants.js';
import { looksLikePng } from './png/chunks.js';

/** The image a baked credential is taken from. */
export type ImageKind = 'png' | 'svg';

/** An image as microcred takes it: its bytes, or an SVG's text. */
export type ImageInput = Uint8Array | ArrayBuffer | string;

/** Options of {@link bakeCredential} and {@link extractCredential}. */
export interface ImageOptions {
  /** Largest image read, in bytes (default 10 MiB). */
  maxBytes?: number;
}

/**
 * What kind of image `image` looks like: `'png'` for bytes starting `\x89PNG`, `'svg'` for bytes or
 * text starting (after a byte-order mark and whitespace) with `<`, else undefined. A first look
 * only: extracting checks the rest.
 *
 * @example
 * imageKindOf(await readFile('badge.png')) // 'png'
 */
export function imageKindOf(image: unknown): ImageKind | undefined {
  if (typeof image === 'string') return /^\uFEFF?\s*</.test(image) ? 'svg' : undefined;
  const bytes = asBytes(image);
  if (!bytes) return undefined;
  if (looksLikePng(bytes)) return 'png';
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d) i++;
  return bytes[i] === 0x3c ? 'svg' : undefined;
}

/** True for what verifyCredential reads as an image: any bytes, or text that starts like XML. */
export function isImageInput(input: unknown): boolean {
  return asBytes(input) !== undefined || (typeof input === 'string' && imageKindOf(input) === 'svg');
}

/** The image as PNG bytes or SVG text, within the size limit; throws `ERR_IMAGE_INVALID` or `ERR_INPUT_TOO_LARGE`. */
export function readImage(
  image: unknown,
  options: ImageOptions = {},
): { kind: 'png'; bytes: Uint8Array } | { kind: 'svg'; text: string; bytes?: Uint8Array } {
  const maxBytes = maxBytesOf(options);
  const kind = imageKindOf(image);
  const bytes = asBytes(image);
  const size = bytes ? bytes.length : typeof image === 'string' ? image.length : 0;
  if (size > maxBytes)
    throw new MicrocredError(
      ErrorCode.INPUT_TOO_LARGE,
      `The image is ${size} bytes, more than the ${maxBytes}-byte limit.`,
      { size, limit: maxBytes },
    );
  if (kind === 'png') return { kind, bytes: bytes! };
  if (kind === 'svg') {
    if (typeof image === 'string') return { kind, text: image };
    try {
      return { kind, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), bytes: bytes! };
    } catch {
      throw new MicrocredError(
        ErrorCode.IMAGE_INVALID,
        'The SVG is not valid UTF-8; microcred reads SVG in UTF-8 only.',
      );
    }
  }
  if (typeof image === 'string') {
    throw new MicrocredError(
      ErrorCode.IMAGE_INVALID,
      'The text is not an SVG image (it does not start with "<"). A credential as JSON or a VC-JWT is verified as it is, not as an image.',
    );
  }
  if (!bytes)
    throw new MicrocredError(
      ErrorCode.IMAGE_INVALID,
      `An image is a Uint8Array, Buffer, ArrayBuffer or SVG text; this is ${image === null ? 'null' : typeof image}.`,
    );
  throw new MicrocredError(
    ErrorCode.IMAGE_INVALID,
    'These bytes are neither a PNG nor an SVG image. To verify a credential stored as JSON or a VC-JWT, pass its text (or parsed JSON) instead of its bytes.',
  );
}

export function maxBytesOf(options: ImageOptions | undefined): number {
  const max = options?.maxBytes;
  return typeof max === 'number' && max > 0 ? max : MAX_IMAGE_BYTES;
}

function asBytes(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return undefined;
}
