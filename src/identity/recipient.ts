// How a credential names its recipient (OB 3.0 AchievementSubject `id` or `identifier`).
import { MicrocredError, ErrorCode } from '../errors.js';
import type { IdentityObject } from '../model/credential.js';
import { hashEmail, looksLikeEmail, normalizeEmail } from './hash.js';

/** Options of {@link recipientOf}. */
export interface RecipientOptions {
  /** Publish the email as a salted hash (default true). False publishes the address in plain text. */
  hashEmail?: boolean;
  /** The salt for the hash; random by default (see {@link hashEmail}). */
  salt?: string;
}

/** The AchievementSubject members that name the recipient. */
export interface Recipient {
  id?: string;
  identifier?: IdentityObject[];
}

/**
 * The AchievementSubject members that name a candidate: the DID as `id` when the candidate has one
 * (a DID is meant to be public and lets the holder prove control); otherwise the email as an
 * `identifier`, salted and hashed unless `hashEmail: false`. Throws `ERR_FIELD_INVALID` when the
 * candidate has neither.
 *
 * @example
 * const subject = { type: ['AchievementSubject'], ...(await recipientOf(submission.candidate)), achievement };
 * // { id: 'did:key:z6Mk…' }  or  { identifier: [{ type: 'IdentityObject', hashed: true, … }] }
 */
export async function recipientOf(
  candidate: { email?: string; did?: string },
  options: RecipientOptions = {},
): Promise<Recipient> {
  if (typeof candidate?.did === 'string' && candidate.did.trim() !== '') return { id: candidate.did.trim() };
  if (looksLikeEmail(candidate?.email)) {
    if (options.hashEmail === false) {
      return {
        identifier: [
          {
            type: 'IdentityObject',
            identityType: 'emailAddress',
            hashed: false,
            identityHash: normalizeEmail(candidate.email),
          },
        ],
      };
    }
    return { identifier: [await hashEmail(candidate.email, options.salt === undefined ? {} : { salt: options.salt })] };
  }
  throw new MicrocredError(
    ErrorCode.FIELD_INVALID,
    'The candidate has neither a DID nor an email address to name them by.',
    { path: 'candidate' },
  );
}
