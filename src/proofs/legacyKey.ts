import { CONTEXT } from '../model/constants.js';

/**
 * An Ed25519 Multikey verification method (`z6Mk…`) as an Ed25519VerificationKey2020, the form the
 * Ed25519Signature2018 suite reads (it converts 2020 keys itself); the same multibase value encodes
 * the same key in both. Any other document is returned as it is.
 */
export function legacyKeyForm(document: Record<string, unknown>): Record<string, unknown> {
  if (document.type !== 'Multikey' || typeof document.publicKeyMultibase !== 'string') return document;
  if (!document.publicKeyMultibase.startsWith('z6Mk')) return document;
  const { '@context': _context, secretKeyMultibase: _secret, ...rest } = document;
  return { '@context': CONTEXT.ED25519_2020_V1, ...rest, type: 'Ed25519VerificationKey2020' };
}
