import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import {
  createDiscloseCryptosuite,
  createSignCryptosuite,
  createVerifyCryptosuite,
} from '@digitalbazaar/ecdsa-sd-2023-cryptosuite';
import type { Signer } from '../keys/key.js';

/** The proof type and cryptosuite names of VC-DI-ECDSA §3.4, selective disclosure with P-256 keys. */
export const ECDSA_SD_2023 = { type: 'DataIntegrityProof', cryptosuite: 'ecdsa-sd-2023' } as const;

/**
 * The statements every disclosure of an Open Badge keeps (RFC 6901 pointers of the credential's own
 * members): all of them but those a holder may reasonably keep to themselves, the evidence list and
 * the endorsements. The dates and the status entry are mandatory, so no disclosure hides that a
 * badge expired or can be revoked.
 */
export function mandatoryPointersOf(doc: Record<string, unknown>): string[] {
  const selectable = new Set(['@context', 'proof', 'evidence', 'endorsement', 'endorsementJwt']);
  return Object.keys(doc)
    .filter((name) => !selectable.has(name))
    .map((name) => `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`);
}

/** A DataIntegrityProof suite that makes an ecdsa-sd-2023 base proof with a P-256 signer. */
export function ecdsaSd2023Signing(signer: Signer, created: string | undefined, mandatoryPointers: string[]): unknown {
  const cryptosuite = createSignCryptosuite({ mandatoryPointers });
  return new DataIntegrityProof({ signer, cryptosuite, ...(created ? { date: created } : {}) });
}

/** A DataIntegrityProof suite that derives a disclosure revealing `selectivePointers` (besides the mandatory statements). */
export function ecdsaSd2023Disclosing(selectivePointers: string[]): unknown {
  return new DataIntegrityProof({ cryptosuite: createDiscloseCryptosuite({ selectivePointers }) });
}

/** A DataIntegrityProof suite that verifies ecdsa-sd-2023 derived (disclosed) proofs. */
export function ecdsaSd2023Verifying(): unknown {
  return new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() });
}

// The base-proof test lives beside the bbs-2023 one, where the verifier reads it without loading this suite.
export { isBaseProof, proofValueStartsWith } from './baseProof.js';
