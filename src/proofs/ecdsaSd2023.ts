import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { createVerifyCryptosuite } from '@digitalbazaar/ecdsa-sd-2023-cryptosuite';
import { fromBase64Url } from '../encoding.js';

/** The proof type and cryptosuite names of VC-DI-ECDSA §3.4, selective disclosure with P-256 keys. */
export const ECDSA_SD_2023 = { type: 'DataIntegrityProof', cryptosuite: 'ecdsa-sd-2023' } as const;

/** A DataIntegrityProof suite that verifies ecdsa-sd-2023 derived (disclosed) proofs. */
export function ecdsaSd2023Verifying(): unknown {
  return new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() });
}

// The CBOR tag bytes that open a proofValue (multibase base64url, `u…`): 0xd9 0x5d 0x00 for a base
// proof, 0x01 for a derived one (VC-DI-ECDSA §3.5.2, §3.5.7).
const BASE_PROOF_HEADER = [0xd9, 0x5d, 0x00];

/**
 * True when `proof` is an ecdsa-sd-2023 base proof: the one the issuer gives the holder, from which
 * the holder derives what they disclose. It is not meant for verifiers (it carries the HMAC key that
 * would unblind every undisclosed statement) and does not verify as a disclosure.
 */
export function isBaseProof(proof: Record<string, unknown>): boolean {
  const value = proof.proofValue;
  if (typeof value !== 'string' || !value.startsWith('u')) return false;
  try {
    const bytes = fromBase64Url(value.slice(1, 9));
    return BASE_PROOF_HEADER.every((b, i) => bytes[i] === b);
  } catch {
    return false;
  }
}
