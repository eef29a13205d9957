// What the mutation suite expects of each change: rejected, or one of the changes the signature
// does not cover (ALLOWED, each with its reason). Generators: ./mutate.ts (JSON-LD), ./jsonChanges.ts
// (single changes to JSON values), ./jwtMutations.ts (VC-JWT).

type Doc = Record<string, unknown>;

/**
 * The changes a verifier may accept, and why the signature does not cover them. Any other change
 * must be rejected: neither verified nor authentic. `keepsVerdict`: the verdict must then be exactly
 * the unchanged credential's (any other outcome is a false reject). Without it, the verifier may
 * accept the changed form or refuse it (e.g. `issuer` given as a list fails the issuer check, which
 * reads one issuer). Either way an allowed change never verifies where the unchanged credential
 * does not.
 */
export const ALLOWED = {
  'member-order': {
    reason: 'JSON object members have no order; RDF canonicalization (RDFC-1.0) sorts the statements.',
    keepsVerdict: true,
  },
  whitespace: {
    reason: 'Whitespace between JSON tokens is not data; the signature covers the parsed statements, not the bytes.',
    keepsVerdict: true,
  },
  escapes: {
    reason: 'A character written as a JSON \\u escape parses to the same string.',
    keepsVerdict: true,
  },
  'set-order': {
    reason:
      'A JSON-LD array is an unordered set unless the context declares it a @list (only `allowedValue` in OB 3.0.2/3.0.3); reordering yields the same statements.',
    keepsVerdict: true,
  },
  'one-element-array': {
    reason: 'A value and a one-element array holding it expand to the same statement (JSON-LD 1.1 §4.3.2).',
    keepsVerdict: false,
  },
  'repeated-statement': {
    reason:
      'An RDF graph is a set: repeating a literal, or a node with an id and no blank nodes under it, repeats an existing statement. (A repeated blank node is a new node and must be rejected.)',
    keepsVerdict: false,
  },
  'proof-set': {
    reason:
      'Proofs of a proof set are independent and unordered; each signs every statement. Removing, reordering or repeating one leaves proofs that still cover everything (VC Data Integrity, "Understanding Proof Sets and Proof Chains").',
    keepsVerdict: true,
  },
  'unchecked-proof': {
    reason:
      'In a proof set, a proof that is no longer of a suite microcred implements (its type or cryptosuite changed or removed, or not an object at all) is reported as not checked, like any unknown proof beside a verified one (VC Data Integrity, "Verify Proof Sets and Chains", counts only the proofs it can run); the proofs left still sign every statement.',
    keepsVerdict: false,
  },
  'token-whitespace': {
    reason:
      'Whitespace around a compact JWS is not part of it: the three parts, and the bytes the signature covers, are the same.',
    keepsVerdict: true,
  },
  'same-statements': {
    reason:
      'Contexts and the spelling of terms are not signed; the statements they produce are. A change to @context, or a key written as its full IRI or as an alias an added context defines, after which the credential and its proofs give byte-identical canonical N-Quads (the test computes both) says exactly what was signed. It must still never verify where the unchanged credential does not: a field the verifier reads (validUntil, credentialStatus…) must not be hidden by another spelling.',
    keepsVerdict: false,
  },
} as const;

export type AllowedChange = keyof typeof ALLOWED;

export interface Mutation {
  /** JSON path of what was changed (`(document)` for whole-document changes). */
  path: string;
  /** What was done, e.g. "changed: a zero-width space prepended". */
  change: string;
  /** The changed credential: an object, or JSON text for changes that only exist in text. */
  input: unknown;
  /** Set when the change is one the signature does not cover; absent means it must be rejected. */
  allowed?: AllowedChange;
  /** Allowed (as `same-statements`) only if the canonical N-Quads are identical; the runner decides. */
  allowedIfSameStatements?: boolean;
}

/** What the generator needs besides the credential: another issuer's key and another credential to take parts from. */
export interface MutationSources {
  /** A did:key DID and its verification method that did not sign the credential. */
  otherKey: { controller: string; id: string };
  /** Other signed credentials; the first with another issuer gives its issuer and proof for swaps. */
  donors: Doc[];
}

// JSON-LD keywords under the names every VC / OB context gives them, and the one @list term.
