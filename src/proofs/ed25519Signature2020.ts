import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';

/** The proof type name of the older suite, widely deployed in VC 1.1 badges. */
export const ED25519_SIGNATURE_2020 = { type: 'Ed25519Signature2020' } as const;

/** An Ed25519Signature2020 suite for verification. */
export function ed25519Signature2020Verifying(): unknown {
  return new Ed25519Signature2020();
}
