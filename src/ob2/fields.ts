// Reading the fields of OB 2.0 documents, which allow a value or a list, an id or an embedded object,
// and dates as ISO 8601 or Unix timestamps.
import { parseDateTimeZ } from '../dates.js';
import { isJsonObject } from '../jsonPath.js';
import type { Ob2Verification } from './state.js';

/** The id of a value given by its id or as an object with one. */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return isJsonObject(value) && typeof value.id === 'string' ? value.id : undefined;
}

/** The strings of a value that may be one string or a list of them. */
export function stringsOf(value: unknown): string[] {
  return [value].flat().filter((v): v is string => typeof v === 'string');
}

/** True when `value`'s `type` is or lists one of `names`. */
export function hasType(value: unknown, ...names: string[]): boolean {
  return isJsonObject(value) && stringsOf(value.type).some((t) => names.includes(t));
}

/**
 * How `verification.type` says the assertion is verified; OB 2.0 names `HostedBadge` and
 * `SignedBadge`, with `hosted` and `signed` as aliases (the 1.x words, still common).
 */
export function verificationTypeOf(verification: unknown): Ob2Verification | undefined {
  const type = isJsonObject(verification) ? verification.type : undefined;
  const types = stringsOf(type).map((t) => t.toLowerCase());
  if (types.includes('hostedbadge') || types.includes('hosted')) return 'hosted';
  if (types.includes('signedbadge') || types.includes('signed')) return 'signed';
  return undefined;
}

/**
 * Milliseconds since the epoch of an OB 2.0 DateTime: an ISO 8601 date-time with a timezone, or a
 * Unix timestamp in seconds (a number, or a string of digits); undefined for anything else.
 */
export function ob2Time(value: unknown): number | undefined {
  const seconds =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d{1,12}$/.test(value)
        ? Number(value)
        : undefined;
  if (seconds === undefined) return parseDateTimeZ(value);
  // A date beyond what a Date holds (±275,760 years) is no date.
  return Number.isInteger(seconds) && seconds >= 0 && seconds * 1000 <= MAX_TIME ? seconds * 1000 : undefined;
}

const MAX_TIME = 8.64e15;

/** An OB 2.0 DateTime as an RFC 3339 UTC date-time, for the report; the value itself when unreadable. */
export function ob2DateText(value: unknown): string | undefined {
  const time = ob2Time(value);
  if (time === undefined) return typeof value === 'string' ? value : undefined;
  return typeof value === 'string' && !/^\d+$/.test(value)
    ? value
    : new Date(time).toISOString().replace(/\.000Z$/, 'Z');
}

/** True for an absolute http(s) URL. */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}
