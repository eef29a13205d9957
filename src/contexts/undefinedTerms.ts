import jsonld from 'jsonld';
import { MicrocredError, ErrorCode } from '../errors.js';
import { pathOfKey } from '../jsonPath.js';
import { translateJsonLdError } from './jsonldErrors.js';
import type { DocumentLoader } from './documentLoader.js';

// Undefined terms are found two ways. jsonld's safe mode (the option is `safe`; jsonld ignores any
// other name and then silently drops undefined terms) throws on a term no context defines. A
// document may instead bring a context with an `@vocab` that maps every undefined term into this
// namespace (VC Data Model 2.0 §5.2, the undefined-terms context; early drafts of the VC 2.0
// context itself did this), and safe mode then lets those terms through: finding this prefix in
// the expanded document catches them.
const ISSUER_DEPENDENT = 'https://www.w3.org/ns/credentials/issuer-dependent#';

/** A term the document uses that none of its contexts defines. */
export interface UndefinedTerm {
  term: string;
  path?: string;
}

/**
 * Expands `document` in safe mode and lists the terms its contexts do not define.
 * Throws a MicrocredError for an unknown context or a document JSON-LD cannot process.
 */
export async function findUndefinedTerms(document: unknown, loader: DocumentLoader): Promise<UndefinedTerm[]> {
  let expanded: unknown;
  try {
    expanded = await jsonld.expand(document, { documentLoader: loader.load, safe: true });
  } catch (error) {
    const translated = translateJsonLdError(error, document);
    if (translated?.code === ErrorCode.TERM_UNDEFINED) return [{ term: translated.details.term as string, ...(translated.details.path ? { path: translated.details.path } : {}) }];
    throw translated ?? new MicrocredError(ErrorCode.JSONLD_INVALID, `JSON-LD processing failed: ${(error as Error).message}`);
  }
  const terms = new Set<string>();
  collectIssuerDependent(expanded, terms);
  return [...terms].map((term) => {
    const path = pathOfKey(document, term);
    return path ? { term, path } : { term };
  });
}

function collectIssuerDependent(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectIssuerDependent(item, out);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith(ISSUER_DEPENDENT)) out.add(key.slice(ISSUER_DEPENDENT.length));
    if (key === '@type') {
      for (const t of [child].flat()) if (typeof t === 'string' && t.startsWith(ISSUER_DEPENDENT)) out.add(t.slice(ISSUER_DEPENDENT.length));
    }
    collectIssuerDependent(child, out);
  }
}
