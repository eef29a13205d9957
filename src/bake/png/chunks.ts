// The chunk layer of PNG (PNG §5): read a datastream into chunk offsets with every bound checked,
// and write one chunk. Offsets only: reading copies nothing and never allocates from a length
// the file claims.
import { ErrorCode, MicrocredError } from '../../errors.js';
import { crc32 } from '../crc32.js';

/** The eight bytes every PNG starts with (PNG §5.2). */
export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

// PNG §5.3: a chunk's length is at most 2^31 − 1.
const MAX_CHUNK_LENGTH = 0x7fffffff;

/** One chunk, as offsets into the bytes it was read from. */
export interface Chunk {
  type: string;
  /** Offset of the chunk's length field: the chunk's bytes are `start`..`end`. */
  start: number;
  dataStart: number;
  dataEnd: number;
  /** Offset just past the chunk's CRC. */
  end: number;
}

/**
 * The chunks of a PNG, IHDR first and IEND last, checking the signature, each length against the
 * bytes that follow and against `maxBytes`, each CRC, and that IHDR comes first and IEND ends the
 * stream. Bytes after IEND are left alone, as PNG decoders do. Chunks are yielded one at a time,
 * so a file of many tiny chunks costs no memory; a problem throws a {@link MicrocredError}
 * (`ERR_IMAGE_*`) naming the chunk and its offset.
 */
export function* chunksOf(bytes: Uint8Array, maxBytes: number): Generator<Chunk, void, undefined> {
  checkSignature(bytes);
  let pos = PNG_SIGNATURE.length;
  let previous: string | undefined;
  while (previous !== 'IEND') {
    const left = bytes.length - pos;
    if (left < 12) {
      throw new MicrocredError(
        ErrorCode.IMAGE_TRUNCATED,
        left === 0
          ? `The PNG ends${previous ? ` after its ${previous} chunk` : ' after its signature'} without an IEND chunk: the file is cut short.`
          : `The PNG ends in the middle of a chunk header at byte ${pos}: the file is cut short.`,
        { offset: pos },
      );
    }
    const length = uint32(bytes, pos);
    const type = chunkType(bytes, pos);
    if (length > MAX_CHUNK_LENGTH || length > maxBytes) {
      throw new MicrocredError(
        ErrorCode.IMAGE_CHUNK_TOO_LARGE,
        `The ${type} chunk at byte ${pos} claims ${length} bytes, more than ${length > MAX_CHUNK_LENGTH ? 'PNG allows (2^31 − 1)' : `the ${maxBytes}-byte limit`}: the file is damaged or crafted.`,
        { offset: pos, chunk: type, length },
      );
    }
    if (length > left - 12) {
      throw new MicrocredError(
        ErrorCode.IMAGE_TRUNCATED,
        `The ${type} chunk at byte ${pos} claims ${length} bytes but only ${left - 12} follow: the file is cut short.`,
        { offset: pos, chunk: type, length },
      );
    }
    const chunk: Chunk = { type, start: pos, dataStart: pos + 8, dataEnd: pos + 8 + length, end: pos + 12 + length };
    if (crc32(bytes, pos + 4, chunk.dataEnd) !== uint32(bytes, chunk.dataEnd)) {
      throw new MicrocredError(
        ErrorCode.IMAGE_CHECKSUM,
        `The ${type} chunk at byte ${pos} fails its CRC check: the file was changed or damaged after it was written.`,
        { offset: pos, chunk: type },
      );
    }
    if (previous === undefined && type !== 'IHDR') {
      throw new MicrocredError(
        ErrorCode.IMAGE_INVALID,
        `The PNG's first chunk is ${type}, not IHDR: the file is damaged.`,
        { offset: pos, chunk: type },
      );
    }
    yield chunk;
    previous = type;
    pos = chunk.end;
  }
}

/** The bytes of one chunk: length, type, data and CRC. */
export function writeChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  setUint32(out, 0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  setUint32(out, 8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** True when `bytes` starts with the PNG signature's first four bytes (`\x89PNG`), damaged or not after that. */
export function looksLikePng(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && PNG_SIGNATURE.subarray(0, 4).every((b, i) => bytes[i] === b);
}

function checkSignature(bytes: Uint8Array): void {
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return;
  if (looksLikePng(bytes)) {
    // The signature's CR LF, SUB and LF bytes exist to catch transfers that rewrite line endings.
    throw new MicrocredError(
      ErrorCode.IMAGE_INVALID,
      'The PNG signature is damaged (its line-ending bytes changed): the file was probably transferred as text. Get the original image file.',
    );
  }
  throw new MicrocredError(
    ErrorCode.IMAGE_INVALID,
    'These bytes are not a PNG: they do not start with the PNG signature.',
  );
}

function chunkType(bytes: Uint8Array, pos: number): string {
  let type = '';
  for (let i = pos + 4; i < pos + 8; i++) {
    const c = bytes[i]!;
    // PNG §5.4: chunk types are four ASCII letters.
    if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) {
      throw new MicrocredError(
        ErrorCode.IMAGE_INVALID,
        `The chunk at byte ${pos} has no valid type (four ASCII letters): the file is damaged.`,
        { offset: pos },
      );
    }
    type += String.fromCharCode(c);
  }
  return type;
}

function uint32(bytes: Uint8Array, pos: number): number {
  return ((bytes[pos]! << 24) | (bytes[pos + 1]! << 16) | (bytes[pos + 2]! << 8) | bytes[pos + 3]!) >>> 0;
}

function setUint32(bytes: Uint8Array, pos: number, value: number): void {
  bytes[pos] = value >>> 24;
  bytes[pos + 1] = (value >>> 16) & 0xff;
  bytes[pos + 2] = (value >>> 8) & 0xff;
  bytes[pos + 3] = value & 0xff;
}
