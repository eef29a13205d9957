// Baking into and extracting from PNG (OB 3.0 §5.3.1): one iTXt chunk, keyword
// "openbadgecredential", uncompressed, before IEND.
import { ErrorCode, MicrocredError } from '../../errors.js';
import { utf8 } from '../../encoding.js';
import { PNG_KEYWORD, PNG_KEYWORD_OB2 } from '../constants.js';
import { theOneCredential, type Baked } from '../theOne.js';
import { readChunks, writeChunk, type Chunk, type PngLayout } from './chunks.js';
import { TEXT_CHUNK_TYPES, iTxtData, keywordOf, readITxt } from './textChunks.js';

/** The credential text baked into a PNG. Throws a {@link MicrocredError} (`ERR_IMAGE_*`) otherwise. */
export function extractPngText(bytes: Uint8Array, maxBytes: number): string {
  const { baked } = readBaked(bytes, maxBytes);
  const { item: chunk } = theOneCredential('png', baked);
  if (chunk.type === 'zTXt') {
    throw new MicrocredError(ErrorCode.IMAGE_COMPRESSED, `The credential is in a compressed zTXt chunk (byte ${chunk.start}); Open Badges requires an uncompressed iTXt chunk, and microcred does not inflate baked data.`, { offset: chunk.start, chunk: chunk.type });
  }
  if (chunk.type === 'tEXt') {
    throw new MicrocredError(ErrorCode.IMAGE_INVALID, `The credential is in a tEXt chunk (byte ${chunk.start}), which holds only Latin-1 text; Open Badges 3.0 requires an iTXt chunk. Bake the credential again.`, { offset: chunk.start, chunk: chunk.type });
  }
  const text = readITxt(bytes, chunk).trim();
  if (text === '') throw new MicrocredError(ErrorCode.IMAGE_NO_CREDENTIAL, `The PNG's "${PNG_KEYWORD}" chunk (byte ${chunk.start}) is empty.`, { offset: chunk.start });
  return text;
}

/**
 * `bytes` with `text` baked in: every earlier baked badge (3.0 or 2.0) removed, a new iTXt chunk
 * placed just before IEND, and every other byte kept as it was.
 */
export function bakePng(bytes: Uint8Array, text: string, maxBytes: number): Uint8Array {
  const { layout, baked } = readBaked(bytes, maxBytes);
  const removed = new Set(baked.map((b) => b.item));
  const kept = layout.chunks.filter((c) => !removed.has(c));
  const iend = kept.pop() as Chunk;
  const added = writeChunk('iTXt', iTxtData(PNG_KEYWORD, utf8(text)));
  const parts = [bytes.subarray(0, layout.chunks[0]!.start), ...kept.map((c) => bytes.subarray(c.start, c.end)), added, bytes.subarray(iend.start)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const part of parts) {
    out.set(part, pos);
    pos += part.length;
  }
  return out;
}

function readBaked(bytes: Uint8Array, maxBytes: number): { layout: PngLayout; baked: Baked<Chunk>[] } {
  const layout = readChunks(bytes, maxBytes);
  const baked: Baked<Chunk>[] = [];
  for (const chunk of layout.chunks) {
    if (!TEXT_CHUNK_TYPES.has(chunk.type)) continue;
    const keyword = keywordOf(bytes, chunk);
    const version = keyword === PNG_KEYWORD ? 3 : keyword === PNG_KEYWORD_OB2 ? 2 : undefined;
    if (version) baked.push({ version, where: `${chunk.type} chunk at byte ${chunk.start}`, item: chunk });
  }
  return { layout, baked };
}
