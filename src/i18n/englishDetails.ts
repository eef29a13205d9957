// The English detail of the problems a site translates most (signature, dates, status, trust, terms,
// keys, type), as templates: the checks write their detail from these, so this is the one copy of
// each sentence, and a catalogue in another language words the same slots.
import type { ErrorCode } from '../errors.js';
import { fill, type DetailParams } from './template.js';

/** Detail templates by code; the slots each takes are named in braces. */
export type DetailTemplates = { readonly [C in ErrorCode]?: string };

/** The English detail templates. */
export const ENGLISH_DETAILS = {
  ERR_SIGNATURE_INVALID:
    'The proof does not verify over this credential: a signed value was changed after signing, the proof was taken from another credential, or it was made by a different key than the one it names.',
  ERR_EXPIRED: 'The credential expired at {until}; it is checked at {checkedAt}.',
  ERR_NOT_YET_VALID: 'The credential is valid from {from}; it is checked at {checkedAt}.',
  ERR_REVOKED: 'The issuer has revoked this credential: bit {index} of its revocation list {list} is set.',
  ERR_SUSPENDED:
    'The issuer has suspended this credential (it may be reinstated): bit {index} of its suspension list {list} is set.',
  ERR_ISSUER_UNKNOWN:
    '{issuer} is not on your list of known issuers ({count} listed). The credential may be genuine; you just do not vouch for its issuer.',
  ERR_TERM_UNDEFINED:
    '"{term}" at {path} is not defined by the credential\'s contexts, so its meaning is not part of what was signed.',
  ERR_ISSUER_MISMATCH: 'The credential names {issuer} as issuer, but it was signed with a key of {controller}.',
  ERR_NOT_OPEN_BADGE:
    'This is a verifiable credential of type {types}, not an Open Badge (OpenBadgeCredential, AchievementCredential or EndorsementCredential). Its proof, issuer, dates and status are checked as for any credential; the Open Badges rules (achievement, JSON Schema) are not applied.',
  ERR_CHECK_SKIPPED: 'Not checked because "{check}" did not pass.',
} as const satisfies DetailTemplates;

/** The English detail of `code` with `params` filled in (the checks' own wording). */
export function englishDetail(code: keyof typeof ENGLISH_DETAILS, params: DetailParams): string {
  return fill(ENGLISH_DETAILS[code], params) ?? ENGLISH_DETAILS[code];
}
