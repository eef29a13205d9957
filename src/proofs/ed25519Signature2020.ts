import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { CONTEXT } from '../model/constants.js';
import type { Signer } from '../keys/key.js';

/** The proof type name of the older suite, widely deployed in VC 1.1 badges. */
export const ED25519_SIGNATURE_2020 = { type: 'Ed25519Signature2020', context: CONTEXT.ED25519_2020_V1 } as const;

/**
 * An Ed25519Signature2020 suite for signing. The credential's @context must include the suite's
 * context (https://w3id.org/security/suites/ed25519-2020/v1): the suite refuses documents without it.
 */
export function ed25519Signature2020Signing(signer: Signer, created?: string): unknown {
  return new Ed25519Signature2020({ signer, ...(created ? { date: created } : {}) });
}

/** An Ed25519Signature2020 suite for verification. */
export function ed25519Signature2020Verifying(): unknown {
  return new Ed25519Signature2020();
}
