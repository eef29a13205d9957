import { MicrocredError, ErrorCode } from '../errors.js';
import type { SignedCredential, UnsignedCredential } from '../model/credential.js';
import type { DocumentLoader } from '../contexts/documentLoader.js';
import { ED25519_SIGNATURE_2020 } from '../proofs/ed25519Signature2020.js';
import type { SuiteName } from '../proofs/suites.js';
import type { IssuerKey } from '../keys/issuerKey.js';
import type { CredentialStatusSource } from '../status/entry.js';
import { preparedCredential } from './preflight.js';
import { signDocument } from '../proofs/sign.js';

/** Options of {@link issueCredential} (and of the issuing functions built on it). */
export interface IssueOptions {
  /** The issuer's key; `credential.issuer.id` must be its controller. */
  key: IssuerKey;
  /** A loader to reuse across calls (one is made if absent). */
  loader?: DocumentLoader;
  /** The clock: `validFrom` and the proof's `created` default to it. */
  now?: Date;
  /**
   * The proof to make: `'eddsa-rdfc-2022'` (default; a DataIntegrityProof, VC-DI-EdDSA) or
   * `'Ed25519Signature2020'`, the older suite many VC 1.1-era wallets and verifiers expect. Both
   * sign with the same Ed25519 key; the second adds its context to `@context`.
   */
  suite?: SuiteName;
  /**
   * Where the credential's revocation and suspension entries come from, e.g. a {@link StatusRegistry}:
   * it gives the credential an index on its status lists, put in `credentialStatus` when signing.
   */
  status?: CredentialStatusSource;
}

const SUITES: readonly SuiteName[] = ['eddsa-rdfc-2022', 'Ed25519Signature2020'];

/**
 * Signs an Open Badges 3.0 credential with a DataIntegrityProof (eddsa-rdfc-2022), or with
 * Ed25519Signature2020 when `suite` asks for it, and returns a new object; the input is never
 * changed. Missing `@context`, `id` and `validFrom` are filled in (VC 2.0 + OB 3.0.3, a `urn:uuid:`, now).
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
  const suite = options.suite ?? 'eddsa-rdfc-2022';
  if (!SUITES.includes(suite)) {
    throw new MicrocredError(ErrorCode.FIELD_INVALID, `options.suite must be one of ${SUITES.map((s) => `"${s}"`).join(', ')}; it is ${JSON.stringify(suite)}.`, { path: 'suite' });
  }
  const now = options.now ?? new Date();
  const { doc, loader } = await preparedCredential(credential, {
    issuerId: key.controller,
    now,
    loader: options.loader,
    status: options.status,
    ...(suite === 'Ed25519Signature2020' ? { suiteContext: ED25519_SIGNATURE_2020.context } : {}),
  });
  return signDocument<SignedCredential>(doc, key, loader, now, suite);
}
