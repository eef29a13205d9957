import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import {
  createDiscloseCryptosuite,
  createSignCryptosuite,
  createVerifyCryptosuite,
} from '@digitalbazaar/ecdsa-sd-2023-cryptosuite';
import type { Signer } from '../keys/key.js';
import { fromBase64Url } from '../encoding.js';

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

// The CBOR tag bytes that open a proofValue (multibase base64url, `u…`): 0xd9 0x5d 0x00 for a base
// proof, 0x01 for a derived one (VC-DI-ECDSA §3.5.2, §3.5.7).
const BASE_PROOF_HEADER = [0xd9, 0x5d, 0x00] as const;

/**
 * True when `proof` is an ecdsa-sd-2023 base proof: the one the issuer gives the holder, from which
 * the holder derives what they disclose. It is not meant for verifiers (it carries the HMAC key that
 * would unblind every undisclosed statement) and does not verify as a disclosure.
 */
export function isBaseProof(proof: Record<string, unknown>): boolean {
  return proofValueStartsWith(proof, BASE_PROOF_HEADER);
}

/** True when `proof.proofValue` is multibase base64url (`u…`) whose bytes start with `header`. */
export function proofValueStartsWith(proof: Record<string, unknown>, header: readonly number[]): boolean {
  const value = proof.proofValue;
  if (typeof value !== 'string' || !value.startsWith('u')) return false;
  try {
    const bytes = fromBase64Url(value.slice(1, 9));
    return header.every((b, i) => bytes[i] === b);
  } catch {
    return false;
  }
}
