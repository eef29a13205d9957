// Both suites microcred signs and verifies with (DataIntegrityProof with eddsa-rdfc-2022, and
// Ed25519Signature2020) canonicalize through the suite object's own `canonize(input, options)`:
// once for the document without its proof, once for the proof options. Each call is jsonld.toRDF
// (which expands `input` unless `skipExpansion` is set) then RDFC-1.0. Wrapping that one function
// hands the library input it has already expanded: the library still converts to RDF, canonicalizes,
// hashes and checks the signature; only the generic JSON-LD expansion is not done again.
import { expandedWithoutProof, type Expansion, type Fallback } from './documentGraph.js';
import { expandedProofOptions } from './proofOptions.js';

/** Which path one canonicalization took, for tests and measurements. */
export interface CanonizeEvent {
  /** The document an expansion was made from, a proof's options (built from a template), or neither. */
  input: 'document' | 'proof-options' | 'other';
  path: 'one-pass' | 'library';
  /** Why the document went the library's path. */
  fallback?: Fallback | 'not-templated';
}

type Canonize = (input: unknown, options?: Record<string, unknown>) => Promise<string>;

/**
 * Makes `suite` (a DataIntegrityProof or Ed25519Signature2020 suite instance) canonicalize the
 * document `expansion` was made from by reusing that expansion, and small proof options from a
 * template ({@link expandedProofOptions}); any other input, or one those do not cover, goes the
 * suite's own way. Returns `suite`. Without an expansion only the proof options are built.
 */
export function reuseExpansion<S>(suite: S, expansion?: Expansion, observe?: (event: CanonizeEvent) => void): S {
  const target = suite as unknown as { canonize?: Canonize };
  const original = target.canonize;
  if (typeof original !== 'function') return suite;
  const library: Canonize = (input, options) => original.call(suite, input, options);
  target.canonize = async (input, options = {}) => {
    const event = await prepared(input, expansion);
    observe?.({ input: event.input, path: event.expanded ? 'one-pass' : 'library', ...fallbackOf(event) });
    if (!event.expanded) return library(input, options);
    return library(event.expanded, { ...options, skipExpansion: true });
  };
  return suite;
}

interface Prepared {
  input: CanonizeEvent['input'];
  expanded?: unknown[];
  fallback?: CanonizeEvent['fallback'];
}

function fallbackOf(event: Prepared): { fallback?: CanonizeEvent['fallback'] } {
  return event.fallback ? { fallback: event.fallback } : {};
}

async function prepared(input: unknown, expansion: Expansion | undefined): Promise<Prepared> {
  if (expansion && isWithoutProof(input, expansion.document)) {
    const found = expandedWithoutProof(expansion);
    return 'expanded' in found
      ? { input: 'document', expanded: found.expanded }
      : { input: 'document', fallback: found.fallback };
  }
  // A proof's options, or anything else of that small shape (the template is exact for any input it covers).
  const expanded = await expandedProofOptions(input);
  return expanded ? { input: 'proof-options', expanded } : { input: 'other', fallback: 'not-templated' };
}

// The libraries pass a shallow copy of the document with `proof` deleted: every other member is the
// very value that was expanded. A member added, removed or replaced since is a different document.
function isWithoutProof(input: unknown, document: Readonly<Record<string, unknown>>): boolean {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || 'proof' in input) return false;
  const members = input as Record<string, unknown>;
  const keys = Object.keys(members);
  const expected = Object.keys(document).filter((k) => k !== 'proof');
  return (
    keys.length === expected.length && expected.every((k) => Object.hasOwn(members, k) && members[k] === document[k])
  );
}
