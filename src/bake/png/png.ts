// Baking into and extracting from PNG (OB 3.0 §5.3.1): one iTXt chunk, keyword
// "openbadgecredential", uncompressed, before IEND.
import { ErrorCode, MicrocredError } from '../../errors.js';
import { utf8 } from '../../encoding.js';
import { PNG_KEYWORD, PNG_KEYWORD_OB2 } from '../constants.js';
import { FoundBadges, theOneCredential } from '../theOne.js';
import { chunksOf, writeChunk, type Chunk } from './chunks.js';
import { TEXT_CHUNK_TYPES, iTxtData, keywordOf, readITxt, readTExt } from './textChunks.js';

// Extraction needs only to know whether there is more than one; it keeps a few for its message.
const EXTRACT_KEEPS = 10;

/**
 * The credential text baked into a PNG, and its Open Badges version. An Open Badges 2.0 assertion
 * (an "openbadges" iTXt or tEXt chunk: its JSON, JWS or URL) only with `openBadges2`. Throws a
 * {@link MicrocredError} (`ERR_IMAGE_*`) otherwise.
 */
export function extractPngText(
  bytes: Uint8Array,
  maxBytes: number,
  openBadges2 = false,
): { text: string; version: 2 | 3 } {
  const { found } = readBaked(bytes, maxBytes, new FoundBadges<Chunk>(EXTRACT_KEEPS));
  const { item: chunk, version } = theOneCredential('png', found, openBadges2);
  if (chunk.type === 'zTXt') {
    throw new MicrocredError(
      ErrorCode.IMAGE_COMPRESSED,
      `The credential is in a compressed zTXt chunk (byte ${chunk.start}); Open Badges requires an uncompressed iTXt chunk, and microcred does not inflate baked data.`,
      { offset: chunk.start, chunk: chunk.type },
    );
  }
  // Open Badges 1.x and 2.0 bakers wrote tEXt chunks (Latin-1): an assertion URL or its JSON.
  if (chunk.type === 'tEXt' && version === 2) return { text: nonEmpty(readTExt(bytes, chunk).trim(), chunk), version };
  if (chunk.type === 'tEXt') {
    throw new MicrocredError(
      ErrorCode.IMAGE_INVALID,
      `The credential is in a tEXt chunk (byte ${chunk.start}), which holds only Latin-1 text; Open Badges 3.0 requires an iTXt chunk. Bake the credential again.`,
      { offset: chunk.start, chunk: chunk.type },
    );
  }
  return {
    text: nonEmpty(readITxt(bytes, chunk).trim(), chunk, version === 2 ? PNG_KEYWORD_OB2 : PNG_KEYWORD),
    version,
  };
}

function nonEmpty(text: string, chunk: Chunk, keyword = PNG_KEYWORD_OB2): string {
  if (text === '')
    throw new MicrocredError(
      ErrorCode.IMAGE_NO_CREDENTIAL,
      `The PNG's "${keyword}" chunk (byte ${chunk.start}) is empty.`,
      { offset: chunk.start },
    );
  return text;
}

/**
 * `bytes` with `text` baked in: every earlier baked badge (3.0 or 2.0) removed, a new iTXt chunk
 * placed just before IEND, and every other byte kept as it was.
 */
export function bakePng(bytes: Uint8Array, text: string, maxBytes: number): Uint8Array {
  const { found, iend } = readBaked(bytes, maxBytes, new FoundBadges<Chunk>());
  const parts: Uint8Array[] = [];
  let pos = 0;
  for (const { item: chunk } of found.items) {
    parts.push(bytes.subarray(pos, chunk.start));
    pos = chunk.end;
  }
  parts.push(
    bytes.subarray(pos, iend.start),
    writeChunk('iTXt', iTxtData(PNG_KEYWORD, utf8(text))),
    bytes.subarray(iend.start),
  );
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  pos = 0;
  for (const part of parts) {
    out.set(part, pos);
    pos += part.length;
  }
  return out;
}

/** The text chunks that hold a baked badge, in order, added to `found`; and the IEND chunk. */
function readBaked(
  bytes: Uint8Array,
  maxBytes: number,
  found: FoundBadges<Chunk>,
): { found: FoundBadges<Chunk>; iend: Chunk } {
  let last: Chunk | undefined;
  for (const chunk of chunksOf(bytes, maxBytes)) {
    last = chunk;
    if (!TEXT_CHUNK_TYPES.has(chunk.type)) continue;
    const keyword = keywordOf(bytes, chunk);
    const version = keyword === PNG_KEYWORD ? 3 : keyword === PNG_KEYWORD_OB2 ? 2 : undefined;
    if (version) found.add({ version, where: `${chunk.type} chunk at byte ${chunk.start}`, item: chunk });
  }
  // chunksOf ends with IEND or throws.
  return { found, iend: last as Chunk };
}
