// The shape checks of identifiers that several modules accept: record and credential ids, DIDs.

/** An absolute URI as microcred accepts one for an id: a scheme, a colon and no whitespace (`urn:uuid:…`, `https://…`, a DID). */
export function isUri(value: unknown): value is string {
  return typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\S+$/i.test(value);
}

/** A DID (`did:<method>:<id>`, DID Core §3.1), surrounding whitespace ignored. */
export function isDid(value: unknown): value is string {
  return typeof value === 'string' && /^did:[a-z0-9]+:\S+$/.test(value.trim());
}
