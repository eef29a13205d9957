// The document a Data Integrity proof signs is the credential without its `proof` member. Its
// expansion is the credential's own safe-mode expansion with the top node's proof property removed:
// JSON-LD expands each member of a node on its own, under the node's context (its @context and the
// contexts scoped to its types), and neither depends on `proof`. That holds only when the `proof`
// member is the one and only source of that property, and when the expansion the verifier made is
// the one the signing library would make. Everything below checks those two things; anything
// unusual is left to the library's own path.
import { isJsonObject } from '../../jsonPath.js';
import { isBundledOnly } from './bundledOnly.js';

/** The property the VC contexts map `proof` to (a graph container). */
export const PROOF_IRI = 'https://w3id.org/security#proof';

/** A credential as it was when expanded, and its safe-mode expansion. */
export interface Expansion {
  /** A shallow copy of the credential taken when it was expanded (a member added since is noticed). */
  document: Readonly<Record<string, unknown>>;
  /** jsonld's safe-mode expansion of it. */
  expanded: unknown[];
}

/** Why a document goes the library's own way: each name is one rule of {@link expandedWithoutProof}. */
export type Fallback =
  | 'context-not-bundled'
  | 'nested-context'
  | 'not-one-proof'
  | 'previous-proof'
  | 'member-not-a-term'
  | 'not-one-node'
  | 'proof-property'
  | 'graph'
  | 'reverse'
  | 'relative-iri';

/**
 * The expansion of `expansion.document` without its proof (the document as it is, when it has no
 * `proof` member yet: issuing), or why it cannot be had from the expansion.
 */
export function expandedWithoutProof(expansion: Expansion): { expanded: unknown[] } | { fallback: Fallback } {
  const { document, expanded } = expansion;
  if (!isBundledOnly(document['@context'])) return { fallback: 'context-not-bundled' };
  // Issuing expands the document before it has a proof; verifying, with the one proof it checks.
  const signing = !('proof' in document);
  const proofs = [document.proof].flat();
  if (!signing && (proofs.length !== 1 || !isJsonObject(proofs[0]))) return { fallback: 'not-one-proof' };
  if (!signing && 'previousProof' in (proofs[0] as object)) return { fallback: 'previous-proof' };
  for (const [key, value] of Object.entries(document)) {
    // Only the bare term `proof` of the bundled contexts means the proof property (a test reads every
    // bundled context for that); a compact or absolute IRI, or @graph/@included, could mean it too.
    if (key !== '@context' && key !== '@id' && key !== '@type' && (key.startsWith('@') || key.includes(':')))
      return { fallback: 'member-not-a-term' };
    if (key !== 'proof' && key !== '@context' && hasInlineContext(value)) return { fallback: 'nested-context' };
  }
  const [top] = expanded;
  if (expanded.length !== 1 || !isJsonObject(top)) return { fallback: 'not-one-node' };
  const proofValues = top[PROOF_IRI];
  if (signing ? proofValues !== undefined : !Array.isArray(proofValues) || proofValues.length !== 1)
    return { fallback: 'proof-property' };
  const { [PROOF_IRI]: _removed, ...rest } = top;
  const unusual = firstUnusual(rest);
  return unusual ? { fallback: unusual } : { expanded: [rest] };
}

/** True when `value` (JSON) holds, at any depth, an `@context` that is not bundled URLs only (an endorsement's are). */
function hasInlineContext(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (Array.isArray(item)) pending.push(...item);
    else if (isJsonObject(item)) {
      if ('@context' in item && !isBundledOnly(item['@context'])) return true;
      pending.push(...Object.values(item));
    }
  }
  return false;
}

// An absolute IRI as jsonld tells one (a scheme, no whitespace), or a blank node identifier.
const ABSOLUTE = /^(?:[A-Za-z][A-Za-z0-9+.-]*|_):[^\s]*$/;

// What the expansion must not hold for the two expansions (base "" here, base null in the signing
// library) to be provably the same: a relative IRI (the base then matters); and, kept off this path
// on principle, named graphs other than a nested proof's (an endorsement's), @included and @reverse.
function firstUnusual(node: unknown): Fallback | undefined {
  // Each pending value with whether it is the value of a proof property (its @graph is the proof's).
  const pending: [unknown, boolean][] = [[node, false]];
  while (pending.length > 0) {
    const [value, ofProof] = pending.pop() as [unknown, boolean];
    if (Array.isArray(value)) {
      for (const item of value) pending.push([item, ofProof]);
      continue;
    }
    if (!isJsonObject(value)) continue;
    for (const [key, child] of Object.entries(value)) {
      if (key === '@graph' && !ofProof) return 'graph';
      if (key === '@included') return 'graph';
      if (key === '@reverse') return 'reverse';
      if (key === '@id' || key === '@type') {
        for (const iri of [child].flat()) if (typeof iri !== 'string' || !ABSOLUTE.test(iri)) return 'relative-iri';
      } else if (key === '@value') continue;
      else if (!key.startsWith('@') && !ABSOLUTE.test(key)) return 'relative-iri';
      else pending.push([child, key === PROOF_IRI]);
    }
  }
  return undefined;
}
