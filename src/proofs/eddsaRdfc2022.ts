import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import type { Signer } from '../keys/key.js';

/** The proof type and cryptosuite names as they appear in a proof. */
export const EDDSA_RDFC_2022 = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' } as const;

/** A DataIntegrityProof suite with the eddsa-rdfc-2022 cryptosuite (VC-DI-EdDSA §3.1), for signing. */
export function eddsaRdfc2022Signing(signer: Signer, created?: string): unknown {
  return new DataIntegrityProof({ signer, cryptosuite, ...(created ? { date: created } : {}) });
}

/** The same suite for verification (the key comes from the proof's verificationMethod). */
export function eddsaRdfc2022Verifying(): unknown {
  return new DataIntegrityProof({ cryptosuite });
}
