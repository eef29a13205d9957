// A JOSE header's `typ`, as compared: lower case, without an `application/` prefix.

/** The header's `typ`, lower-cased and without an `application/` prefix; undefined when absent. */
export function typOf(header: Record<string, unknown>): string | undefined {
  const typ = header.typ;
  if (typ === undefined) return undefined;
  return typeof typ === 'string' ? typ.toLowerCase().replace(/^application\//, '') : '';
}
