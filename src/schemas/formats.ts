// The `format` checks of JSON Schema as microcred applies them, for the code ajv compiles at run time
// and the code compiled ahead of time alike (no ajv here: the compiled code imports only this).
import { parseDateTimeZ } from '../dates.js';

/** The `format` checks microcred applies: a date-time must carry a timezone (RFC 3339), a date must exist. */
export const SCHEMA_FORMATS = {
  'date-time': (value: string): boolean => parseDateTimeZ(value) !== undefined,
  date: (value: string): boolean =>
    /^\d{4}-\d{2}-\d{2}$/.test(value) && parseDateTimeZ(`${value}T00:00:00Z`) !== undefined,
};
