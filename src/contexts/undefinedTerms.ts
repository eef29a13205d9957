import jsonld from 'jsonld';
import { MicrocredError, ErrorCode } from '../errors.js';
import { pathOfKey } from '../jsonPath.js';
import { translateJsonLdError } from './jsonldErrors.js';
import type { DocumentLoader } from './documentLoader.js';

// VC 2.0's context maps every term it does not define into this namespace through `@vocab`
// (VC Data Model 2.0 §5.2), so safe mode alone lets undefined terms through. Finding this prefix
// in the expanded document is how an undefined term shows under VC 2.0.
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
    expanded = await jsonld.expand(document, { documentLoader: loader.load, safeMode: true });
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
