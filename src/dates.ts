// RFC 3339 date-times with a timezone (the spec's DateTimeZ). The Digital Bazaar date check is not
// anchored and reads a date without a zone as local time, so microcred checks dates itself.
const DATE_TIME_Z = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

/** Milliseconds since the epoch for an RFC 3339 date-time with a timezone, or undefined if it is not one. */
export function parseDateTimeZ(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = DATE_TIME_Z.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Date.parse rolls 2026-02-30 over to March 2nd, so the day is checked against the month here.
  // Second 60 (a leap second) is refused: credentials are xsd:dateTime, whose seconds stop at 59.
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
    return undefined;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/** `date` as an RFC 3339 UTC date-time without milliseconds, e.g. `2026-11-26T05:04:29Z`. */
export function toDateTimeZ(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
