import { credentialOfText, type BakedCredential } from './credentialText.js';
import { maxBytesOf, readImage, type ImageInput, type ImageKind, type ImageOptions } from './image.js';
import { extractPngText } from './png/png.js';
import { extractSvgText } from './svg/svg.js';

/**
 * What {@link extractCredential} found in an image, discriminated on `format`: for `json-ld`,
 * `credential` is the parsed object; for `vc-jwt`, it is the compact JWS string.
 *
 * @example
 * const found = extractCredential(png);
 * if (found.format === 'json-ld') show(found.credential.name); // an object here, a string for vc-jwt
 */
export type ExtractedCredential = BakedCredential & {
  /** The image it came from. */
  kind: ImageKind;
  /** The baked text exactly as found (surrounding whitespace trimmed). */
  text: string;
};

/**
 * Takes the Open Badges 3.0 credential out of a baked PNG or SVG. Reads nothing but the image:
 * no entity is expanded and no reference followed. Throws a {@link MicrocredError}:
 * `ERR_IMAGE_INVALID` (not a PNG/SVG, malformed), `ERR_IMAGE_TRUNCATED`, `ERR_IMAGE_CHECKSUM`,
 * `ERR_IMAGE_CHUNK_TOO_LARGE`, `ERR_IMAGE_COMPRESSED`, `ERR_IMAGE_UNSAFE` (DTD entities, a
 * credential given by URL), `ERR_IMAGE_AMBIGUOUS` (more than one), `ERR_IMAGE_NO_CREDENTIAL`,
 * `ERR_IMAGE_OPEN_BADGES_2` (a 2.0 badge: {@link verifyCredential} reads and verifies those), `ERR_INPUT_DUPLICATE_KEY` (baked JSON naming a member
 * twice in one object) or `ERR_INPUT_TOO_LARGE`. It does not verify:
 * pass the image to {@link verifyCredential} for that.
 *
 * @example
 * const { format, credential } = extractCredential(await readFile('badge.png'));
 */
export function extractCredential(image: ImageInput, options: ImageOptions = {}): ExtractedCredential {
  const { kind, text } = extractBakedText(image, options);
  return { kind, text, ...credentialOfText(text) };
}

/**
 * The baked text of an image, the image's kind and the Open Badges version of what it holds, for the
 * `extract` check (which leaves reading it to `parse`, or to the Open Badges 2.0 checks). An Open
 * Badges 2.0 assertion is returned only with `openBadges2`; otherwise it is `ERR_IMAGE_OPEN_BADGES_2`.
 */
export function extractBakedText(
  image: unknown,
  options: ImageOptions = {},
  openBadges2 = false,
): { kind: ImageKind; text: string; version: 2 | 3 } {
  const read = readImage(image, options);
  if (read.kind === 'png') return { kind: 'png', ...extractPngText(read.bytes, maxBytesOf(options), openBadges2) };
  return { kind: 'svg', ...extractSvgText(read.text, openBadges2) };
}
