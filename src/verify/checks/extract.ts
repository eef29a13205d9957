import { ErrorCode, isMicrocredError } from '../../errors.js';
import { isImageInput } from '../../bake/image.js';
import { couldNotCheck, failed, passed, type Check } from '../check.js';

// Not a verdict on a credential: one we declined to read (size).
const UNCHECKED: ReadonlySet<ErrorCode> = new Set([ErrorCode.INPUT_TOO_LARGE]);

/**
 * For an image (PNG/SVG bytes, or SVG text): the baked credential is taken out and handed to
 * `parse` as text, which reads it as JSON or a VC-JWT like any other input. An Open Badges 2.0
 * assertion (a PNG "openbadges" chunk, an SVG `<openbadges:assertion>`) is handed to the Open
 * Badges 2.0 checks instead (src/ob2), which read its JSON, JWS or hosted URL.
 */
export const extractCheck: Check = {
  id: 'extract',
  title: 'A credential was taken out of the image',
  fatal: true,
  authenticity: 'when-present',
  // Bytes of JSON or JWT text arrive as text already (see textOfBytes): only an image is extracted.
  appliesTo: (ctx) => isImageInput(ctx.source),
  async run(ctx) {
    try {
      // The image readers load on first use: most credentials a verifier meets are JSON or JWT text.
      const { extractBakedText } = await import('../../bake/extract.js');
      const { kind, text, version } = extractBakedText(
        ctx.source,
        { maxBytes: ctx.options.limits.maxInputBytes },
        true,
      );
      ctx.image = kind;
      ctx.source = text;
      if (version === 2) ctx.openBadges2 = true;
      return passed;
    } catch (error) {
      if (!isMicrocredError(error)) throw error;
      const problem = { code: error.code, detail: error.message };
      return UNCHECKED.has(error.code) ? couldNotCheck(problem) : failed(problem);
    }
  },
};
