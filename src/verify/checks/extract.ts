import { ErrorCode, isMicrocredError } from '../../errors.js';
import { extractBakedText } from '../../bake/extract.js';
import { isImageInput } from '../../bake/image.js';
import { couldNotCheck, failed, passed, type Check } from '../check.js';


const TITLES: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.IMAGE_INVALID]: 'Not a readable badge image',
  [ErrorCode.IMAGE_TRUNCATED]: 'The image is cut short',
  [ErrorCode.IMAGE_CHECKSUM]: 'The image is damaged',
  [ErrorCode.IMAGE_CHUNK_TOO_LARGE]: 'The image claims an impossible size',
  [ErrorCode.IMAGE_COMPRESSED]: 'The baked credential is compressed',
  [ErrorCode.IMAGE_UNSAFE]: 'The image uses features microcred does not read',
  [ErrorCode.IMAGE_AMBIGUOUS]: 'The image holds more than one badge',
  [ErrorCode.IMAGE_NO_CREDENTIAL]: 'No credential in the image',
  [ErrorCode.IMAGE_OPEN_BADGES_2]: 'This is an Open Badges 2.0 badge',
  [ErrorCode.INPUT_TOO_LARGE]: 'The image is too large',
};

// Not a verdict on a credential: one we do not verify (2.0), or one we declined to read (size).
const UNCHECKED: ReadonlySet<ErrorCode> = new Set([ErrorCode.IMAGE_OPEN_BADGES_2, ErrorCode.INPUT_TOO_LARGE]);

/**
 * For an image (PNG/SVG bytes, or SVG text): the baked credential is taken out and handed to
 * `parse` as text, which reads it as JSON or a VC-JWT like any other input.
 */
export const extractCheck: Check = {
  id: 'extract',
  title: 'A credential was taken out of the image',
  fatal: true,
  authenticity: 'when-present',
  appliesTo: (ctx) => isImageInput(ctx.input),
  run(ctx) {
    try {
      const { kind, text } = extractBakedText(ctx.input, { maxBytes: ctx.options.limits.maxInputBytes });
      ctx.image = kind;
      ctx.source = text;
      return passed;
    } catch (error) {
      if (!isMicrocredError(error)) throw error;
      const problem = { code: error.code, title: TITLES[error.code] ?? 'The image could not be read', detail: error.message };
      return UNCHECKED.has(error.code) ? couldNotCheck(problem) : failed(problem);
    }
  },
};
