// The `encodedList` of a status list: GZIP-compressed bits, base64url-encoded (Bitstring Status
// List §4.1: with the multibase prefix `u`; StatusList2021: without it). Browser-safe.
import { Bitstring } from '@digitalbazaar/bitstring';
import { BitstringStatusList } from '@digitalbazaar/vc-bitstring-status-list';
import { StatusList } from '@digitalbazaar/vc-status-list';
import { concatBytes, fromBase64Url, toBase64Url } from '../encoding.js';

/**
 * The largest list read, uncompressed: 16 MiB, 134,217,728 entries (1,024 times the minimum).
 * GZIP shrinks zeros about a thousandfold, so a small hostile document could otherwise ask for
 * gigabytes.
 */
export const MAX_LIST_BYTES = 16 * 1024 * 1024;

/** The two list formats read: Bitstring Status List (W3C) and its predecessor StatusList2021. */
export type ListFormat = 'BitstringStatusList' | 'StatusList2021';

/** A decoded list: its length in bits and the bit at an index (index 0 = most significant bit of byte 0). */
export interface DecodedList {
  readonly length: number;
  getStatus(index: number): boolean;
}

/** `bits` as a Bitstring Status List `encodedList` (`u` + base64url of the GZIP-compressed bytes). */
export async function encodeList(bits: Uint8Array): Promise<string> {
  // A copy: the library wraps the whole underlying buffer, which for a view is more than the bits.
  // The library compresses; its own base64url step uses Node's Buffer when bundled for browsers
  // (the package's "browser" field is lost behind its "exports"), so microcred's encoder does that.
  return `u${toBase64Url(await new Bitstring({ buffer: bits.slice() }).compressBits())}`;
}

/**
 * Decodes an `encodedList` of either format (the Bitstring one has the multibase prefix `u`,
 * StatusList2021 none). Throws a plain Error saying what is wrong.
 */
export async function decodeList(
  encodedList: unknown,
  format: ListFormat,
  maxBytes = MAX_LIST_BYTES,
): Promise<DecodedList> {
  const multibase = format === 'BitstringStatusList';
  if (typeof encodedList !== 'string' || encodedList === '') throw new Error('encodedList is missing or not a string');
  if (multibase && !encodedList.startsWith('u'))
    throw new Error('encodedList does not start with "u" (multibase base64url)');
  let compressed: Uint8Array;
  try {
    compressed = fromBase64Url((multibase ? encodedList.slice(1) : encodedList).replace(/=+$/, ''));
  } catch {
    throw new Error('encodedList is not base64url');
  }
  const bytes = await gunzip(compressed, maxBytes);
  if (bytes.length === 0) throw new Error('encodedList holds no bits');
  // The libraries' classes read the bits (both in the spec's order: index 0 = most significant bit).
  return multibase ? new BitstringStatusList({ buffer: bytes }) : new StatusList({ buffer: bytes });
}

async function gunzip(data: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const stream = new DecompressionStream('gzip');
  const writer = stream.writable.getWriter();
  // Errors surface on the reading side; these promises only need handling.
  writer.write(data as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const overCap = new Error(`the list is larger than ${maxBytes} bytes uncompressed, more than microcred reads`);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw overCap;
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error === overCap) throw error;
    throw new Error('encodedList is not GZIP-compressed data');
  }
  return concatBytes(chunks);
}
