import { MicrocredError, ErrorCode } from '../errors.js';
import type { SignedCredential, UnsignedCredential } from '../model/credential.js';
import type { DocumentLoader } from '../contexts/documentLoader.js';
import type { IssuerKey } from '../keys/issuerKey.js';
import type { CredentialStatusSource } from '../status/entry.js';
import { preparedCredential } from './preflight.js';
import { signDocument } from './sign.js';

/** Options of {@link issueCredential} (and of the issuing functions built on it). */
export interface IssueOptions {
  /** The issuer's key; `credential.issuer.id` must be its controller. */
  key: IssuerKey;
  /** A loader to reuse across calls (one is made if absent). */
  loader?: DocumentLoader;
  /** The clock: `validFrom` and the proof's `created` default to it. */
  now?: Date;
  /**
   * Where the credential's revocation and suspension entries come from, e.g. a {@link StatusRegistry}:
   * it gives the credential an index on its status lists, put in `credentialStatus` when signing.
   */
  status?: CredentialStatusSource;
}

/**
 * Signs an Open Badges 3.0 credential with a DataIntegrityProof (eddsa-rdfc-2022) and returns a
 * new object; the input is never changed. Missing `@context`, `id` and `validFrom` are filled in
 * (VC 2.0 + OB 3.0.3, a `urn:uuid:`, now).
 *
 * Throws a {@link MicrocredError} before signing when the credential is not valid; `details.problems`
 * lists every problem with its JSON path, and `code`/`details.path` name the first.
 *
 * @example
 * const signed = await issueCredential({
 *   type: ['VerifiableCredential', 'OpenBadgeCredential'],
 *   name: 'Formative Assessment',
 *   issuer: { id: key.controller, type: ['Profile'], name: 'Example District' },
 *   credentialSubject: { type: ['AchievementSubject'], id: 'did:example:teacher', achievement },
 * }, { key });
 */
export async function issueCredential(credential: UnsignedCredential, options: IssueOptions): Promise<SignedCredential> {
  const { key } = options;
  if (!key?.canSign) throw new MicrocredError(ErrorCode.KEY_INVALID, 'issueCredential needs an IssuerKey that holds its secret (see generateKey / importKey).', { path: 'key' });
  const now = options.now ?? new Date();
  const { doc, loader } = await preparedCredential(credential, { issuerId: key.controller, now, loader: options.loader, status: options.status });
  return signDocument<SignedCredential>(doc, key, loader, now);
}
