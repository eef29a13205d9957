import { bundledContexts } from '../../contexts/bundled.js';
import type { RemoteDocument } from '../../contexts/documentLoader.js';

// jsonld-signatures answers these two URLs from its own copies before asking any loader, so a
// document naming them may be canonicalized under other bytes than the ones microcred expanded it
// with. They are not bundled by microcred today; they are refused here in case that ever changes.
const SERVED_BY_JSONLD_SIGNATURES = new Set(['https://w3id.org/security/v1', 'https://w3id.org/security/v2']);

/**
 * True when `context` (a document's `@context`) is one bundled context URL or a list of them: the
 * only contexts whose bytes are the same for every loader and every library that reads them, so an
 * expansion made under them holds for the signing library's canonicalization too.
 */
export function isBundledOnly(context: unknown): boolean {
  const entries = Array.isArray(context) ? context : [context];
  return (
    entries.length > 0 &&
    entries.every((c) => typeof c === 'string' && bundledContexts().has(c) && !SERVED_BY_JSONLD_SIGNATURES.has(c))
  );
}

/** A loader serving the bundled contexts and nothing else (what the proof-options table is built under). */
export async function loadBundledOnly(url: string): Promise<RemoteDocument> {
  const document = bundledContexts().get(url);
  if (document === undefined) throw new Error(`${url} is not a bundled context`);
  return { contextUrl: null, documentUrl: url, document, tag: 'static' };
}
