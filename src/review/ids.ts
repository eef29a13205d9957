// Record ids and timestamps for submissions, reviews and decisions.
import { randomBytes } from '#runtime';
import { toHex } from '../encoding.js';
import { toDateTimeZ } from '../dates.js';

/**
 * A fresh `urn:uuid:` (RFC 9562 version 4) from the runtime's random bytes; built by hand rather
 * than with `crypto.randomUUID()`, which browsers only offer in secure contexts.
 */
export function newUrnUuid(): string {
  const bytes = randomBytes(16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = toHex(bytes);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `options.now` (or the clock) as an RFC 3339 UTC date-time; throws a TypeError on an invalid Date. */
export function timestamp(now: Date | undefined): string {
  const date = now ?? new Date();
  if (Number.isNaN(date.getTime())) throw new TypeError('options.now is an invalid Date');
  return toDateTimeZ(date);
}

/** True for a non-empty string that is not only whitespace. */
export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
