import jsonld from 'jsonld';
import { MicrocredError, ErrorCode } from '../errors.js';
import { pathOfKey } from '../jsonPath.js';
import { relativeIriError, translateJsonLdError } from './jsonldErrors.js';
import type { LoadsDocuments } from './documentLoader.js';
import { expandCompiled } from '../proofs/onePass/compiled/compiledExpansion.js';

// Undefined terms are found two ways. jsonld's safe mode (the option is `safe`; jsonld ignores any
// other name and then silently drops undefined terms) throws on a term no context defines. A
// document may instead bring a context whose `@vocab` maps every undefined term into a catch-all
// namespace — https://www.w3.org/ns/credentials/undefined-terms/v2 (VC Data Model 2.0 §5.2), or
// the issuer-dependent namespace of VC 2.0 drafts — and safe mode then lets those terms through:
// finding these prefixes in the expanded document catches them.
const CATCH_ALL_VOCABULARIES = [
  'https://www.w3.org/ns/credentials/undefined-term#',
  'https://www.w3.org/ns/credentials/issuer-dependent#',
];

function catchAllTerm(iri: string): string | undefined {
  const prefix = CATCH_ALL_VOCABULARIES.find((p) => iri.startsWith(p));
  return prefix ? iri.slice(prefix.length) : undefined;
}

/** A term the document uses that none of its contexts defines. */
export interface UndefinedTerm {
  term: string;
  path?: string;
}

/**
 * Expands `document` in safe mode and lists the terms its contexts do not define.
 * Throws a MicrocredError for an unknown context or a document JSON-LD cannot process.
 */
export async function findUndefinedTerms(document: unknown, loader: LoadsDocuments): Promise<UndefinedTerm[]> {
  return (await expandInSafeMode(document, loader)).undefinedTerms;
}

/**
 * The safe-mode expansion of `document` (empty when a term is undefined) and the undefined terms.
 * Throws as {@link findUndefinedTerms} does.
 */
export async function expandInSafeMode(
  document: unknown,
  loader: LoadsDocuments,
): Promise<{ expanded: unknown[]; undefinedTerms: UndefinedTerm[] }> {
  // jsonld copies the document by assignment, which turns an own "__proto__" member into the copy's
  // prototype: the member vanishes unseen, so safe mode never reports it. No context defines it.
  const proto = pathOfKey(document, '__proto__');
  if (proto !== undefined) return { expanded: [], undefinedTerms: [{ term: '__proto__', path: proto }] };
  // The compiled path gives jsonld's own expansion for what it takes; jsonld does the rest and says what is wrong.
  const compiled = await expandCompiled(document, loader);
  let expanded: unknown[];
  try {
    expanded =
      'expanded' in compiled
        ? compiled.expanded
        : await jsonld.expand(document, { documentLoader: loader.load, safe: true });
  } catch (error) {
    const translated = translateJsonLdError(error, document);
    if (translated?.code === ErrorCode.TERM_UNDEFINED) {
      return {
        expanded: [],
        undefinedTerms: [
          {
            term: translated.details.term as string,
            ...(translated.details.path ? { path: translated.details.path } : {}),
          },
        ],
      };
    }
    throw (
      translated ??
      new MicrocredError(ErrorCode.JSONLD_INVALID, `JSON-LD processing failed: ${(error as Error).message}`)
    );
  }
  // A relative IRI has no place in the signed graph: canonicalization drops the statement, so the
  // JSON would show what nothing signs. jsonld's own node map also keys plain objects by @id, and
  // "__proto__" (or "constructor") as an id would write into Object.prototype: refuse before that.
  const relative = firstRelativeIri(expanded);
  if (relative !== undefined) throw relativeIriError(relative, document);
  const terms = new Set<string>();
  collectIssuerDependent(expanded, terms);
  const undefinedTerms = [...terms].map((term) => {
    const path = pathOfKey(document, term);
    return path ? { term, path } : { term };
  });
  return { expanded, undefinedTerms };
}

/**
 * The expansion of `document` with the terms no context defines left out (jsonld without safe
 * mode), for a document whose signature covers its bytes rather than its graph (a VC-JWT): once
 * {@link expandInSafeMode} has named its undefined terms, what it states with defined terms can
 * still be read. Throws as {@link expandInSafeMode} does (an unknown context, a relative IRI).
 */
export async function expandWithoutUndefinedTerms(document: unknown, loader: LoadsDocuments): Promise<unknown[]> {
  if (pathOfKey(document, '__proto__') !== undefined)
    throw new MicrocredError(ErrorCode.TERM_UNDEFINED, 'The document uses "__proto__" as a member name.', {
      term: '__proto__',
    });
  let expanded: unknown[];
  try {
    expanded = await jsonld.expand(document, { documentLoader: loader.load });
  } catch (error) {
    throw (
      translateJsonLdError(error, document) ??
      new MicrocredError(ErrorCode.JSONLD_INVALID, `JSON-LD processing failed: ${(error as Error).message}`)
    );
  }
  // An undefined type stays in a plain expansion as a relative reference: it is an undefined term
  // like any other, so it is left out. A relative id is refused as in safe mode.
  dropRelativeTypes(expanded);
  const relative = firstRelativeIri(expanded);
  if (relative !== undefined) throw relativeIriError(relative, document);
  return expanded;
}

/** Removes every @type value of an expanded document that is not an absolute IRI (in place: the expansion is a fresh copy). */
function dropRelativeTypes(expanded: unknown): void {
  eachObject(expanded, ['@type', '@value'], (node) => {
    if (Array.isArray(node['@type']))
      node['@type'] = node['@type'].filter((t) => typeof t !== 'string' || ABSOLUTE.test(t));
  });
}

/**
 * Calls `visit` on every JSON object in `value` (arrays looked into), depth first without recursion,
 * not descending into the members named in `skip`; stops at the first `visit` that returns true.
 */
function eachObject(
  value: unknown,
  skip: readonly string[],
  visit: (node: Record<string, unknown>) => boolean | void,
): void {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (Array.isArray(next)) {
      pending.push(...next);
      continue;
    }
    if (typeof next !== 'object' || next === null) continue;
    const node = next as Record<string, unknown>;
    if (visit(node) === true) return;
    for (const [key, child] of Object.entries(node)) if (!skip.includes(key)) pending.push(child);
  }
}

// A proof's verificationMethod that is not a URL is the proof's defect, which the signature check
// names (ERR_KEY_INVALID) before anything is canonicalized or resolved.
const VERIFICATION_METHOD = 'https://w3id.org/security#verificationMethod';

// An absolute IRI starts with a scheme (RFC 3987); a blank node identifier with "_:".
const ABSOLUTE = /^(?:[A-Za-z][A-Za-z0-9+.-]*:|_:)/;

/** The first @id or @type value of an expanded document that is neither an absolute IRI nor a blank node, or undefined. */
export function firstRelativeIri(expanded: unknown): string | undefined {
  let found: string | undefined;
  eachObject(expanded, ['@id', '@type', '@value', VERIFICATION_METHOD], (node) => {
    // A JSON literal's type is the keyword @json (VC 2.0's jsonSchema, a JsonWebKey2020's publicKeyJwk), not an IRI.
    const types = '@value' in node && node['@type'] === '@json' ? [] : [node['@type']];
    found = [node['@id'], ...types].flat().find((iri): iri is string => typeof iri === 'string' && !ABSOLUTE.test(iri));
    return found !== undefined;
  });
  return found;
}

function collectIssuerDependent(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectIssuerDependent(item, out);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    const term = catchAllTerm(key);
    if (term !== undefined) out.add(term);
    if (key === '@type') {
      for (const t of [child].flat()) {
        const type = typeof t === 'string' ? catchAllTerm(t) : undefined;
        if (type !== undefined) out.add(type);
      }
    }
    collectIssuerDependent(child, out);
  }
}
