import { CONTEXT } from '../model/constants.js';
import { Ed25519Signature2018 } from '@digitalbazaar/ed25519-signature-2018';

/** The legacy suite's proof type and context (still met in VC 1.1 credentials; verified, never issued). */
export const ED25519_SIGNATURE_2018 = {
  type: 'Ed25519Signature2018',
  context: CONTEXT.ED25519_2018_V1,
} as const;

/** An Ed25519Signature2018 suite (a detached JWS, EdDSA) for verification. */
export function ed25519Signature2018Verifying(): unknown {
  return new Ed25519Signature2018();
}
