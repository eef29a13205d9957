// Dates are RFC 3339 date-times with a timezone (the spec's DateTimeZ), read the same everywhere:
// no local time, no rollover of impossible dates, no text around the date.
import { describe, expect, it } from 'vitest';
import { parseDateTimeZ, toDateTimeZ } from '../../src/dates.js';

describe('parseDateTimeZ', () => {
  it.each([
    ['2026-01-31T09:00:00Z', Date.UTC(2026, 0, 31, 9)],
    ['2026-01-31T09:00:00.250Z', Date.UTC(2026, 0, 31, 9, 0, 0, 250)],
    ['2026-01-31T10:30:00+01:30', Date.UTC(2026, 0, 31, 9)],
    ['2026-01-31T04:00:00-05:00', Date.UTC(2026, 0, 31, 9)],
    ['2028-02-29T00:00:00Z', Date.UTC(2028, 1, 29)],
    ['2026-01-31t09:00:00z', Date.UTC(2026, 0, 31, 9)],
  ])('reads %s', (text, time) => {
    expect(parseDateTimeZ(text)).toBe(time);
  });

  it.each([
    '2026-01-31T09:00:00', // no timezone: would be local time
    '2026-01-31', // date only
    'garbage 2024-05-01T12:00:00Z trailing',
    '2026-01-31T09:00:00Z ',
    '2026-02-30T00:00:00Z', // Date.parse would roll this over to March 2nd
    '2026-02-29T00:00:00Z', // not a leap year
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-01-31T24:00:00Z',
    '2026-01-31T09:60:00Z',
    '2026-06-30T23:59:60Z',
    '2026-01-31T09:00:00+24:00',
    '2026-01-31 09:00:00Z',
    '',
  ])('refuses %j', (text) => {
    expect(parseDateTimeZ(text)).toBeUndefined();
  });

  it.each([undefined, null, 0, Date.UTC(2026, 0, 1), new Date('2026-01-01T00:00:00Z'), ['2026-01-31T09:00:00Z']])(
    'refuses a value that is not a string: %j',
    (value) => {
      expect(parseDateTimeZ(value)).toBeUndefined();
    },
  );
});

describe('toDateTimeZ', () => {
  it('writes UTC without milliseconds, and reads back', () => {
    const date = new Date(Date.UTC(2026, 10, 26, 5, 4, 29, 987));
    expect(toDateTimeZ(date)).toBe('2026-11-26T05:04:29Z');
    expect(parseDateTimeZ(toDateTimeZ(date))).toBe(Date.UTC(2026, 10, 26, 5, 4, 29));
  });
});
