import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { createVerifyCryptosuite } from '@digitalbazaar/bbs-2023-cryptosuite';

/** The proof type and cryptosuite names of VC-DI-BBS (selective disclosure, BLS12-381 G2 keys). */
export const BBS_2023 = { type: 'DataIntegrityProof', cryptosuite: 'bbs-2023' } as const;

/** A DataIntegrityProof suite that verifies bbs-2023 derived (disclosed) proofs. */
export function bbs2023Verifying(): unknown {
  return new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() });
}

// The base-proof test lives in baseProof.ts, where the verifier reads it without loading this suite.
export { isBbsBaseProof } from './baseProof.js';
