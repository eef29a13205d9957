// PNG text chunks (PNG §11.3.4): tEXt, zTXt and iTXt. Only the keyword is read from every text
// chunk; the rest only from the chunk that holds the credential.
import { ErrorCode, MicrocredError } from '../../errors.js';
import type { Chunk } from './chunks.js';

export const TEXT_CHUNK_TYPES: ReadonlySet<string> = new Set(['tEXt', 'zTXt', 'iTXt']);

// PNG §11.3.4.2: a keyword is 1–79 Latin-1 characters, followed by a NUL separator.
const MAX_KEYWORD = 79;

/** The keyword of a text chunk, or undefined when the chunk has none (a malformed chunk is not ours to judge). */
export function keywordOf(bytes: Uint8Array, chunk: Chunk): string | undefined {
  const nul = indexOfNul(bytes, chunk.dataStart, Math.min(chunk.dataEnd, chunk.dataStart + MAX_KEYWORD + 1));
  if (nul <= chunk.dataStart) return undefined;
  return latin1(bytes, chunk.dataStart, nul);
}

/**
 * The text of an uncompressed iTXt chunk, decoded as UTF-8. A compressed one is refused: the Open
 * Badges specifications say compression MUST NOT be used, and refusing keeps a decompression bomb
 * out of a verifier.
 */
export function readITxt(bytes: Uint8Array, chunk: Chunk): string {
  const malformed = (what: string) =>
    new MicrocredError(ErrorCode.IMAGE_INVALID, `The iTXt chunk at byte ${chunk.start} is malformed: ${what}.`, {
      offset: chunk.start,
      chunk: chunk.type,
    });
  const keywordEnd = indexOfNul(bytes, chunk.dataStart, chunk.dataEnd);
  if (keywordEnd < 0 || keywordEnd + 3 > chunk.dataEnd) throw malformed('it ends inside its header');
  const flag = bytes[keywordEnd + 1]!;
  const method = bytes[keywordEnd + 2]!;
  if (flag !== 0) {
    throw new MicrocredError(
      ErrorCode.IMAGE_COMPRESSED,
      `The credential's iTXt chunk (byte ${chunk.start}) is compressed; Open Badges forbids compression, and microcred does not inflate baked data. Bake the credential again without compression.`,
      { offset: chunk.start, chunk: chunk.type },
    );
  }
  if (method !== 0) throw malformed(`its compression method is ${method}; only 0 exists`);
  const languageEnd = indexOfNul(bytes, keywordEnd + 3, chunk.dataEnd);
  const translatedEnd = languageEnd < 0 ? -1 : indexOfNul(bytes, languageEnd + 1, chunk.dataEnd);
  if (translatedEnd < 0) throw malformed('its language tag or translated keyword is not terminated');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
      bytes.subarray(translatedEnd + 1, chunk.dataEnd),
    );
  } catch {
    throw malformed('its text is not UTF-8');
  }
}

/** The text of a tEXt chunk (PNG §11.3.4.3): Latin-1 after the keyword and its NUL. */
export function readTExt(bytes: Uint8Array, chunk: Chunk): string {
  const keywordEnd = indexOfNul(bytes, chunk.dataStart, chunk.dataEnd);
  return keywordEnd < 0 ? '' : latin1(bytes, keywordEnd + 1, chunk.dataEnd);
}

/** The data of an uncompressed iTXt chunk with `keyword` and `text` (empty language tag and translated keyword). */
export function iTxtData(keyword: string, text: Uint8Array): Uint8Array {
  const data = new Uint8Array(keyword.length + 5 + text.length);
  for (let i = 0; i < keyword.length; i++) data[i] = keyword.charCodeAt(i);
  // After the keyword: its NUL, compression flag 0, method 0, an empty language tag and an empty
  // translated keyword (each ended by a NUL).
  data.set(text, keyword.length + 5);
  return data;
}

function indexOfNul(bytes: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) if (bytes[i] === 0) return i;
  return -1;
}

function latin1(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}
