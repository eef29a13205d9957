// XML character references and the five predefined entities (XML 1.0 §4.6). Any other entity
// reference could only be defined by a DTD, which microcred never reads: it is refused, not guessed.
import { ErrorCode, MicrocredError } from '../../errors.js';

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** `raw` with its character and predefined entity references replaced. */
export function decodeEntities(raw: string, where: string): string {
  return raw.replace(/&([^;&\s]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw malformed(`a bare "&" ${where}`);
    const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(name);
    if (numeric) {
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2]);
      if (code > 0x10ffff || code === 0 || (code >= 0xd800 && code <= 0xdfff))
        throw malformed(`the character reference "${whole}" ${where}, which names no character`);
      return String.fromCodePoint(code);
    }
    const value = PREDEFINED[name];
    if (value === undefined) {
      throw new MicrocredError(
        ErrorCode.IMAGE_UNSAFE,
        `The SVG uses the entity "${whole}" ${where}; only XML's five predefined entities are read, because microcred expands no DTD entities.`,
        { entity: name },
      );
    }
    return value;
  });
}

/** `text` escaped for a double-quoted XML attribute value. */
export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

function malformed(what: string) {
  return new MicrocredError(ErrorCode.IMAGE_INVALID, `The SVG is not well-formed XML: ${what}.`);
}
