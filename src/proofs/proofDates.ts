import { ErrorCode } from '../errors.js';
import { parseDateTimeZ } from '../dates.js';

/** What is wrong with a proof's own dates, as a report problem states it (path relative to the proof: `proof.expires`); its title is the code's. */
export interface ProofDateProblem {
  code: ErrorCode;
  detail: string;
  path: 'proof.created' | 'proof.expires';
}

/**
 * Whether a proof that verified is in force at `now`: its `expires` (VC Data Integrity §2.1, "the
 * proof is no longer valid after") has not passed and its `created` is not in the future, each
 * allowing `clockSkewSeconds` and no more. Undefined when both hold or are absent. A date that is
 * not an RFC 3339 date-time with a timezone is a problem too: no one can tell when the proof holds.
 *
 * The dates are covered by the signature (they are part of the proof options), so only the signer
 * can have set them; they are read only once the proof verified.
 */
export function proofDateProblem(
  proof: Record<string, unknown>,
  now: Date,
  clockSkewSeconds: number,
): ProofDateProblem | undefined {
  const skew = clockSkewSeconds * 1000;
  const at = now.toISOString();
  for (const field of ['created', 'expires'] as const) {
    const value = proof[field];
    if (value === undefined) continue;
    const time = parseDateTimeZ(value);
    const path = `proof.${field}` as const;
    if (time === undefined) {
      return {
        code: ErrorCode.DATE_INVALID,
        detail: `The proof's ${field} must be an RFC 3339 date-time with a timezone (e.g. 2026-01-31T09:00:00Z); it is ${JSON.stringify(value).slice(0, 80)}.`,
        path,
      };
    }
    if (field === 'created' && time > now.getTime() + skew) {
      return {
        code: ErrorCode.PROOF_NOT_YET_VALID,
        detail: `The proof says it was created at ${value as string}, after the moment it is checked at (${at}) by more than the allowed clock skew of ${clockSkewSeconds} s; a proof cannot predate its own making.`,
        path,
      };
    }
    if (field === 'expires' && time < now.getTime() - skew) {
      return {
        code: ErrorCode.PROOF_EXPIRED,
        detail: `The signer made this proof valid until ${value as string}; it is checked at ${at}, so the proof no longer shows anything.`,
        path,
      };
    }
  }
  return undefined;
}
