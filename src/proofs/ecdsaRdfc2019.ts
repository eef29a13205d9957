import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import type { Signer } from '../keys/key.js';

/** The proof type and cryptosuite names of VC-DI-ECDSA §3.2 (P-256 and P-384 keys, RDF canonicalization). */
export const ECDSA_RDFC_2019 = { type: 'DataIntegrityProof', cryptosuite: 'ecdsa-rdfc-2019' } as const;

/** A DataIntegrityProof suite with the ecdsa-rdfc-2019 cryptosuite, for signing with a P-256 signer. */
export function ecdsaRdfc2019Signing(signer: Signer, created?: string): unknown {
  return new DataIntegrityProof({ signer, cryptosuite, ...(created ? { date: created } : {}) });
}

/** The same suite for verification: P-256 or P-384, as the key the proof names says. */
export function ecdsaRdfc2019Verifying(): unknown {
  return new DataIntegrityProof({ cryptosuite });
}
