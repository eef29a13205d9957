import type { SignedCredential, UnsignedCredential } from '../model/credential.js';
import type { DocumentLoader } from '../contexts/documentLoader.js';
import { ED25519_SIGNATURE_2020 } from '../proofs/ed25519Signature2020.js';
import type { SuiteName } from '../proofs/suites.js';
import type { Key } from '../keys/key.js';
import type { CredentialStatusSource } from '../status/entry.js';
import { signCredentialJwt } from '../jwt/sign.js';
import { preparedCredential } from './preflight.js';
import { signingPlan } from './issueOptions.js';
import { signDocument } from '../proofs/sign.js';

/** What every issuing call takes: the key, and optionally a loader, a clock and a status source. */
interface IssueCommonOptions {
  /**
   * The issuer's key; `credential.issuer.id` must be its controller. It must be able to make the
   * proof asked for (see {@link Key.proofs}): Ed25519 for Data Integrity, any key type for a VC-JWT.
   * A key kept in a KMS or HSM signs the same way: wrap its signer with {@link externalKey}.
   */
  key: Key;
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

/** Options of {@link issueCredential} for a Data Integrity proof (the default), and of the issuing functions built on it. */
export interface IssueOptions extends IssueCommonOptions {
  /** `'data-integrity'` (the default): the credential comes back as JSON with an embedded proof. */
  format?: 'data-integrity';
  /**
   * The proof to make: `'eddsa-rdfc-2022'` (default for an Ed25519 key; a DataIntegrityProof,
   * VC-DI-EdDSA), `'Ed25519Signature2020'`, the older suite many VC 1.1-era wallets and verifiers
   * expect (Ed25519; it adds its context to `@context`), `'ecdsa-rdfc-2019'` (default for a P-256
   * key; VC-DI-ECDSA), or `'ecdsa-sd-2023'` (P-256): a base proof for the holder, who then shares
   * a disclosure made with {@link deriveCredential} (every member but the evidence and endorsements
   * is mandatory).
   */
  suite?: SuiteName;
}

/** Options of {@link issueCredential} for a VC-JWT. */
export interface IssueJwtOptions extends IssueCommonOptions {
  /**
   * `'jwt'`: the credential comes back as a compact JWS in the Open Badges 3.0 encoding, signed
   * EdDSA, ES256 or RS256 by key type. The key's id becomes the `kid`; a key without one (an RSA
   * key with no controller) puts its public key in a `jwk` header instead.
   */
  format: 'jwt';
}

/**
 * Signs an Open Badges 3.0 credential and returns a new object (the input is never changed): with a
 * DataIntegrityProof (eddsa-rdfc-2022) by default, Ed25519Signature2020 when `suite` asks for it, or
 * as a VC-JWT (a compact JWS string) with `format: 'jwt'`. Missing `@context`, `id` and `validFrom`
 * are filled in (VC 2.0 + OB 3.0.3, a `urn:uuid:`, now).
 *
 * Throws a {@link MicrocredError} before signing: `ERR_KEY_PROOF_UNSUPPORTED` when the key cannot
 * make the proof (a P-256 or RSA key asked for a Data Integrity proof), and for an invalid credential
 * `details.problems` lists every problem with its JSON path, `code` / `details.path` naming the first.
 *
 * @example
 * const draft = {
 *   type: ['VerifiableCredential', 'OpenBadgeCredential'],
 *   name: 'Formative Assessment',
 *   issuer: { id: key.controller, type: ['Profile'], name: 'Example District' },
 *   credentialSubject: { type: ['AchievementSubject'], id: 'did:example:teacher', achievement },
 * };
 * const signed = await issueCredential(draft, { key });
 * const jwt = await issueCredential(draft, { key, format: 'jwt' }); // 'eyJhbGciOiJFZERTQSIs…'
 */
export async function issueCredential(credential: UnsignedCredential, options: IssueJwtOptions): Promise<string>;
export async function issueCredential(credential: UnsignedCredential, options: IssueOptions): Promise<SignedCredential>;
export async function issueCredential(
  credential: UnsignedCredential,
  options: IssueOptions | IssueJwtOptions,
): Promise<SignedCredential | string> {
  const { key, format, suite, issuerId } = signingPlan(options, 'issueCredential');
  const now = options.now ?? new Date();
  const { doc, loader, expansion } = await preparedCredential(credential, {
    issuerId,
    now,
    loader: options.loader,
    status: options.status,
    ...(suite === 'Ed25519Signature2020' ? { suiteContext: ED25519_SIGNATURE_2020.context } : {}),
  });
  if (format === 'jwt') return signCredentialJwt(doc, key);
  return signDocument<SignedCredential>(doc, key, loader, now, suite, expansion);
}
