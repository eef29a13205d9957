import { EDDSA_RDFC_2022, eddsaRdfc2022Verifying } from './eddsaRdfc2022.js';
import { ED25519_SIGNATURE_2020, ed25519Signature2020Verifying } from './ed25519Signature2020.js';
import { reuseExpansion } from './onePass/reuseExpansion.js';
import type { Expansion } from './onePass/documentGraph.js';

/** A proof's suite as a short name: `eddsa-rdfc-2022` or `Ed25519Signature2020`. */
export type SuiteName = 'eddsa-rdfc-2022' | 'Ed25519Signature2020';

/** Which supported suite made `proof`, or undefined when microcred cannot verify it. */
export function suiteOf(proof: { type?: unknown; cryptosuite?: unknown }): SuiteName | undefined {
  if (proof.type === EDDSA_RDFC_2022.type && proof.cryptosuite === EDDSA_RDFC_2022.cryptosuite)
    return 'eddsa-rdfc-2022';
  if (proof.type === ED25519_SIGNATURE_2020.type) return 'Ed25519Signature2020';
  return undefined;
}

/**
 * Verification suites for the given suite names. With the `expansion` of the credential they will
 * verify, they canonicalize it from that expansion instead of expanding it again (src/proofs/onePass).
 */
export function verificationSuites(names: SuiteName[], expansion?: Expansion): unknown[] {
  return [...new Set(names)].map((name) =>
    reuseExpansion(name === 'eddsa-rdfc-2022' ? eddsaRdfc2022Verifying() : ed25519Signature2020Verifying(), expansion),
  );
}
