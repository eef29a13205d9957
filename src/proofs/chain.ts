import { verificationSuiteOf } from './suites.js';
import type { Expansion } from './onePass/documentGraph.js';

/** The proofs a proof of a chain follows, found by the ids its `previousProof` names, and the ids no proof has. */
export interface PreviousProofs {
  proofs: Record<string, unknown>[];
  missing: string[];
}

/**
 * The proofs `proof` names in `previousProof` (VC Data Integrity §2.1.2: one id or a list), looked up
 * among `all` by their `id`. A proof that names none has an empty list.
 */
export function previousProofsOf(
  proof: Record<string, unknown>,
  all: readonly Record<string, unknown>[],
): PreviousProofs {
  const named = proof.previousProof;
  if (named === undefined) return { proofs: [], missing: [] };
  const ids = (Array.isArray(named) ? named : [named]).map(String);
  const proofs: Record<string, unknown>[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const found = all.find((p) => p !== proof && p.id === id);
    if (found) proofs.push(found);
    else missing.push(id);
  }
  return { proofs, missing };
}

interface VerifiesProofs {
  verifyProof(options: { document: Record<string, unknown> } & Record<string, unknown>): Promise<unknown>;
}

/**
 * A verification suite for `proof`. When it follows `previous` proofs, the document it is verified
 * over carries them as its `proof` (VC Data Integrity §4.5, "Verify Proof Sets and Chains": the
 * signer signed the document with the proofs it chained to). jsonld-signatures removes every proof
 * before handing the document to a suite, so they are put back here.
 */
export async function chainedSuite(
  proof: Record<string, unknown>,
  previous: readonly Record<string, unknown>[],
  expansion?: Expansion,
): Promise<unknown> {
  // A chained proof signs the document with its previous proofs, not the expansion's document.
  if (previous.length === 0) return verificationSuiteOf(proof, expansion);
  const suite = (await verificationSuiteOf(proof)) as VerifiesProofs;
  const verifyProof = suite.verifyProof.bind(suite);
  suite.verifyProof = (options) => verifyProof({ ...options, document: { ...options.document, proof: [...previous] } });
  return suite;
}
