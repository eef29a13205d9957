import { utf8 } from '../encoding.js';
import { textToBake, type BakeableCredential } from './credentialText.js';
import { maxBytesOf, readImage, type ImageOptions } from './image.js';
import { bakePng } from './png/png.js';
import { bakeSvg } from './svg/svg.js';

/**
 * Bakes a signed credential into a badge image (Open Badges 3.0 §5.3) and returns the new image:
 * bytes for bytes, text for SVG text. A PNG gets one uncompressed iTXt chunk with the keyword
 * `openbadgecredential` just before IEND; an SVG gets `<openbadges:credential>` as the root's first
 * child, a VC-JWT in its `verify` attribute, JSON in a CDATA section. A credential baked earlier
 * (3.0, or a 2.0 assertion) is replaced; every other chunk, element and pixel stays as it was.
 * Throws a {@link MicrocredError}: `ERR_IMAGE_*` for an unreadable image, `ERR_PROOF_MISSING` for
 * an unsigned credential, `ERR_INPUT_NOT_JSON`/`ERR_JWT_MALFORMED` for text that is neither.
 *
 * @example
 * const signed = await issueCredential(draft, { key });
 * const png = bakeCredential(await readFile('badge.png'), signed);
 * await writeFile('awarded.png', png);
 */
export function bakeCredential(
  image: Uint8Array | ArrayBuffer,
  credential: BakeableCredential,
  options?: ImageOptions,
): Uint8Array;
export function bakeCredential(image: string, credential: BakeableCredential, options?: ImageOptions): string;
export function bakeCredential(
  image: Uint8Array | ArrayBuffer | string,
  credential: BakeableCredential,
  options?: ImageOptions,
): Uint8Array | string;
export function bakeCredential(
  image: Uint8Array | ArrayBuffer | string,
  credential: BakeableCredential,
  options: ImageOptions = {},
): Uint8Array | string {
  const { text, format } = textToBake(credential);
  const read = readImage(image, options);
  if (read.kind === 'png') return bakePng(read.bytes, text, maxBytesOf(options));
  const baked = bakeSvg(read.text, { text, jwt: format === 'vc-jwt' });
  if (typeof image === 'string') return baked;
  if (read.bytes?.[0] === 0xef) {
    // Keep a byte-order mark the file had (decoding dropped it).
    const body = utf8(baked);
    const out = new Uint8Array(body.length + 3);
    out.set([0xef, 0xbb, 0xbf]);
    out.set(body, 3);
    return out;
  }
  return utf8(baked);
}
