import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { createVerifyCryptosuite } from '@digitalbazaar/bbs-2023-cryptosuite';
import { proofValueStartsWith } from './ecdsaSd2023.js';

/** The proof type and cryptosuite names of VC-DI-BBS (selective disclosure, BLS12-381 G2 keys). */
export const BBS_2023 = { type: 'DataIntegrityProof', cryptosuite: 'bbs-2023' } as const;

/** A DataIntegrityProof suite that verifies bbs-2023 derived (disclosed) proofs. */
export function bbs2023Verifying(): unknown {
  return new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() });
}

// The CBOR tag bytes that open a proofValue (multibase base64url, `u…`): 0xd9 0x5d 0x02 for a base
// proof, 0x03 for a derived one (VC-DI-BBS §3.3.2, §3.3.6).
const BASE_PROOF_HEADER = [0xd9, 0x5d, 0x02] as const;

/**
 * True when `proof` is a bbs-2023 base proof: the issuer's signature over every statement, which
 * the holder derives disclosures from. A verifier is shown a derived proof, never this one.
 */
export function isBbsBaseProof(proof: Record<string, unknown>): boolean {
  return proofValueStartsWith(proof, BASE_PROOF_HEADER);
}
