// RFC 3339 date-times with a timezone (the spec's DateTimeZ). The Digital Bazaar date check is not
// anchored and reads a date without a zone as local time, so microcred checks dates itself.
const DATE_TIME_Z = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

/** Milliseconds since the epoch for an RFC 3339 date-time with a timezone, or undefined if it is not one. */
export function parseDateTimeZ(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = DATE_TIME_Z.exec(value);
  if (!m) return undefined;
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/** `date` as an RFC 3339 UTC date-time without milliseconds, e.g. `2026-11-26T05:04:29Z`. */
export function toDateTimeZ(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
