// Detail templates: text with named slots, `{name}`, filled from a problem's params.

/** The named values a problem's detail was written from (a date, a URL, a term), by name. */
export type DetailParams = Readonly<Record<string, string | number>>;

/**
 * `template` with each `{name}` replaced by `params[name]`, or undefined when a slot has no value
 * (the caller then keeps the text it has rather than show a half-filled sentence).
 *
 * @example
 * fill('The credential expired at {until}.', { until: '2026-01-31T00:00:00Z' }) // 'The credential expired at 2026-01-31T00:00:00Z.'
 */
export function fill(template: string, params: DetailParams): string | undefined {
  let missing = false;
  const text = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    if (value === undefined) missing = true;
    return String(value);
  });
  return missing ? undefined : text;
}
