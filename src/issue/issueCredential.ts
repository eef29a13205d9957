import { MicrocredError, ErrorCode } from '../errors.js';
import { ISSUE_CONTEXTS } from '../model/constants.js';
import type { SignedCredential, UnsignedCredential } from '../model/credential.js';
import { toDateTimeZ } from '../dates.js';
import { NotPlainJson, copyAsPlainJson, isJsonObject } from '../jsonPath.js';
import { DocumentLoader } from '../contexts/documentLoader.js';
import { findUndefinedTerms } from '../contexts/undefinedTerms.js';
import type { IssuerKey } from '../keys/issuerKey.js';
import type { CredentialStatusSource } from '../status/entry.js';
import { preflightProblems } from './preflight.js';
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
  let copy: unknown;
  try {
    // A plain JSON copy: the caller's object is never changed (vc.issue mutates what it signs), and
    // what is checked below is exactly what gets signed.
    copy = copyAsPlainJson(credential);
  } catch (error) {
    const path = error instanceof NotPlainJson && error.path ? error.path : undefined;
    const reason = error instanceof NotPlainJson ? ` ${error.message}` : '';
    throw new MicrocredError(ErrorCode.INPUT_NOT_OBJECT, `The credential must be plain JSON data (no functions, class instances or cycles).${reason}`, path ? { path } : {});
  }
  if (!isJsonObject(copy)) throw new MicrocredError(ErrorCode.INPUT_NOT_OBJECT, 'The credential must be a JSON object.');
  const doc = copy;
  if ('proof' in doc) throw new MicrocredError(ErrorCode.FIELD_INVALID, 'The credential already has a proof; issue from the unsigned credential.', { path: 'proof' });

  const now = options.now ?? new Date();
  doc['@context'] ??= [...ISSUE_CONTEXTS];
  doc.id ??= `urn:uuid:${globalThis.crypto.randomUUID()}`;
  doc.validFrom ??= toDateTimeZ(now);

  const problems = preflightProblems(doc, key.controller);
  // Anything without a load function would let jsonld fall back to its own loader, which fetches.
  if (options.loader !== undefined && typeof options.loader?.load !== 'function') {
    throw new MicrocredError(ErrorCode.FIELD_INVALID, 'options.loader must be a DocumentLoader (new DocumentLoader({ documents })).', { path: 'loader' });
  }
  const loader = options.loader ?? new DocumentLoader();
  if (problems.length === 0) {
    for (const { term, path } of await findUndefinedTerms(doc, loader)) {
      problems.push({ code: ErrorCode.TERM_UNDEFINED, ...(path ? { path } : {}), message: `"${term}"${path ? ` at ${path}` : ''} is not defined by the credential's contexts; use a term the OB 3.0 context defines or add a context that defines it.` });
    }
  }
  const [first] = problems;
  if (first) {
    const summary = problems.length === 1 ? first.message : `${first.message} (and ${problems.length - 1} more: ${problems.slice(1).map((p) => p.path).join(', ')})`;
    throw new MicrocredError(first.code, `Cannot issue: ${summary}`, { ...(first.path ? { path: first.path } : {}), problems });
  }

  if (options.status) {
    if (doc.credentialStatus !== undefined) {
      throw new MicrocredError(ErrorCode.FIELD_INVALID, 'Cannot issue: the credential already has a credentialStatus, and options.status would add another; give one or the other.', { path: 'credentialStatus' });
    }
    // Only now, with the credential known to be valid, so no index is spent on one that is refused.
    const entries = await options.status.entriesFor(doc.id as string);
    if (entries.length > 0) doc.credentialStatus = entries.length === 1 ? entries[0] : entries;
  }
  return signDocument<SignedCredential>(doc, key, loader, now);
}
