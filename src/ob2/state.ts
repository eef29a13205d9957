// What the Open Badges 2.0 checks share: the verification they run in, and what each learns for the next.
import type { Verdict, VerifyContext } from '../verify/check.js';
import type { CheckId, CheckResult } from '../verify/report.js';
import type { TrustedIssuer } from '../trust/types.js';
import type { Ob2Input } from './recognise.js';

/** How an OB 2.0 assertion is verified (its `verification.type`): by the issuer's hosted copy, or by a signature. */
export type Ob2Verification = 'hosted' | 'signed';

/** One verification of an OB 2.0 assertion: set as the checks run, in order. */
export interface Ob2State {
  /** The verification this runs in: its loader (documents, caller's loader, network, deadline), clock and options. */
  readonly ctx: VerifyContext;
  readonly input: Ob2Input;
  /** The checks run so far. */
  readonly results: CheckResult[];
  /** Set by `parse`: the assertion (for a signed one, the JWS payload). */
  assertion?: Record<string, unknown>;
  /** Set by `parse` for a signed assertion given as its JWS. */
  jws?: { compact: string; header: Record<string, unknown> };
  /** Set by `parse` for a hosted assertion read from its URL (a baked image holding only the URL). */
  fetchedFrom?: string;
  /** Set by `type`. */
  verification?: Ob2Verification;
  /**
   * Set by `signature`: the key that verified it (a CryptographicKey), its `owner`, and `listed`
   * when it was found among the keys its issuer's profile lists (no `verification.creator`).
   */
  key?: { id: string; owner?: string; listed?: boolean };
  /** Set by `badge`: the BadgeClass and the issuer Profile (read from their URLs, or embedded). */
  badge?: Record<string, unknown>;
  issuer?: Record<string, unknown>;
  /** Set by `trust`: the caller's entry for the issuer, once the assertion is bound to it. */
  trustedIssuer?: TrustedIssuer;
}

/** One step of verifying an OB 2.0 assertion; like a {@link Check} of the OB 3.0 pipeline. */
export interface Ob2Check {
  id: CheckId;
  title: string;
  /** When it does not pass, the checks after it are skipped. */
  fatal: boolean;
  /** True when it must pass (when it applies) for the assertion to be authentic. */
  authenticity?: boolean;
  /** When present and false, the check is left out of the report. */
  appliesTo?(state: Ob2State): boolean;
  run(state: Ob2State): Promise<Verdict> | Verdict;
}
