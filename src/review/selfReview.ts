// Who is who: a reviewer never scores their own submission, and one person's reviews count once.
import { looksLikeEmail, normalizeEmail } from '../identity/hash.js';
import type { Candidate } from './submission.js';

/** The comparable forms of an identifier: `mailto:` dropped, email addresses lower-cased, trimmed. */
export function identityKey(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const bare = value.trim().replace(/^mailto:/i, '');
  return looksLikeEmail(bare) ? normalizeEmail(bare) : bare;
}

/** Every identifier a reviewer is known by (id and email), in comparable form. */
export function reviewerKeys(reviewer: { id?: unknown; email?: unknown }): string[] {
  return [identityKey(reviewer.id), identityKey(reviewer.email)].filter((key): key is string => key !== undefined);
}

/**
 * True when the reviewer is the candidate: the reviewer's id or email equals the candidate's email
 * (ignoring case) or DID.
 */
export function isSelfReview(
  reviewer: { id?: unknown; email?: unknown },
  candidate: Partial<Candidate> | undefined,
): boolean {
  const candidateKeys = [identityKey(candidate?.email), identityKey(candidate?.did)].filter((key) => key !== undefined);
  return reviewerKeys(reviewer).some((key) => candidateKeys.includes(key));
}
