// Telling a selective-disclosure base proof from a derived one by its proofValue's CBOR header,
// without loading the suites (the verifier asks this of every proof; the suites load on demand).
import { fromBase64Url } from '../encoding.js';

// The CBOR tag bytes that open a proofValue (multibase base64url, `u…`): 0xd9 0x5d 0x00 for an
// ecdsa-sd-2023 base proof, 0x01 for a derived one (VC-DI-ECDSA §3.5.2, §3.5.7).
const ECDSA_SD_BASE_PROOF_HEADER = [0xd9, 0x5d, 0x00] as const;

// The same for bbs-2023: 0xd9 0x5d 0x02 for a base proof, 0x03 for a derived one (VC-DI-BBS §3.3.2, §3.3.6).
const BBS_BASE_PROOF_HEADER = [0xd9, 0x5d, 0x02] as const;

/**
 * True when `proof` is an ecdsa-sd-2023 base proof: the one the issuer gives the holder, from which
 * the holder derives what they disclose. It is not meant for verifiers (it carries the HMAC key that
 * would unblind every undisclosed statement) and does not verify as a disclosure.
 */
export function isBaseProof(proof: Record<string, unknown>): boolean {
  return proofValueStartsWith(proof, ECDSA_SD_BASE_PROOF_HEADER);
}

/**
 * True when `proof` is a bbs-2023 base proof: the issuer's signature over every statement, which
 * the holder derives disclosures from. A verifier is shown a derived proof, never this one.
 */
export function isBbsBaseProof(proof: Record<string, unknown>): boolean {
  return proofValueStartsWith(proof, BBS_BASE_PROOF_HEADER);
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
