import { ErrorCode, titleOf } from '../errors.js';
import { ENGLISH_DETAILS, englishDetail } from '../i18n/englishDetails.js';
import type { DetailParams } from '../i18n/template.js';
import type { DecodedJwt } from '../jwt/decode.js';
import type { VerificationLoader } from './loader.js';
import type { VerifyOptionsSnapshot } from './options.js';
import type { TrustedIssuer } from '../trust/types.js';
import type { CredentialView, SignedReading } from './view/view.js';
import type { Expansion } from '../proofs/onePass/documentGraph.js';
import type {
  CheckId,
  CheckOutcome,
  CheckPart,
  CheckResult,
  CredentialFormat,
  ImageKind,
  Problem,
  VerificationReport,
} from './report.js';

// The JWT layer defines what a decoded token is; the verifier's context carries one.
export type { DecodedJwt };

/** What the checks read and what earlier checks learned for later ones. */
export interface VerifyContext {
  readonly input: unknown;
  readonly loader: VerificationLoader;
  readonly now: Date;
  readonly clockSkewSeconds: number;
  /** The options the caller passed, read once into plain values (limits resolved), for checks that read their own (trust list, limits). */
  readonly options: VerifyOptionsSnapshot;
  /**
   * Verifies another credential that this one relies on (status: its status list) one level down:
   * under this verification's loader, clock, skew and limits, without the caller's trust list.
   * Passed in to avoid an import cycle; the depth travels with it, never through the options.
   * With `trust`, the caller's trust list too: for a credential judged on its own issuer (an
   * endorsement's endorser, a credential bundled in a CLR), not a document read for this one.
   */
  readonly verify: (
    input: unknown,
    how?: { trust?: boolean },
  ) => Promise<{ report: VerificationReport; view?: CredentialView }>;
  /** 0 for the credential the caller gave; 1 for a credential read to verify it (a status list); and so on. */
  readonly depth: number;
  /** The checks run so far, in order (a later check may depend on how earlier ones came out). */
  readonly results: readonly CheckResult[];
  /** The checks of this verification (the pipeline), for a check that asks whether what ran so far is authentic. */
  readonly checks: readonly Check[];
  /** What `parse` reads: the input, or the text `extract` took out of an image. */
  source: unknown;
  /** Set by `extract` when the input was an image. */
  image?: ImageKind;
  /** Set by `extract` when the image holds an Open Badges 2.0 assertion: `source` is its JSON, JWS or URL. */
  openBadges2?: boolean;
  /** Set by `parse`. */
  format?: CredentialFormat;
  /** Set by `parse` for a VC-JWT. */
  jwt?: DecodedJwt;
  /** Set by `parse`: the credential (for a VC-JWT, the one inside it). */
  credential?: Record<string, unknown>;
  /** Set by `jsonld`: the credential as its signed graph states it. Every later check and the report read this, never the JSON. */
  view?: CredentialView;
  /** Set by `jsonld`: the credential's safe-mode expansion, which the signature check canonicalizes from. */
  expansion?: Expansion;
  /** Set by `jsonld`: the view and how the JSON as written compares with it (the `view` check). */
  reading?: SignedReading;
  /** Set by `proof`: the proofs found. */
  proofs?: Record<string, unknown>[];
  /** Set by `signature`: the verification method that signed. */
  signer?: { id: string; controller?: string };
  /** Set by `trust`: the caller's entry for the issuer, when it is on their list and bound to the signature. */
  trustedIssuer?: TrustedIssuer;
}

/** A check's verdict: passed, or an outcome with its problem; optionally every problem and part (see CheckResult). */
export type Verdict = (
  { outcome: 'passed'; problem?: never } | { outcome: Exclude<CheckOutcome, 'passed' | 'skipped'>; problem: Problem }
) & {
  problems?: Problem[];
  parts?: CheckPart[];
};

/** One step of verification. When a `fatal` check does not pass, the checks after it are skipped. */
export interface Check {
  id: CheckId;
  title: string;
  fatal: boolean;
  /**
   * Its part in `authentic`: 'required' checks must be in the report and pass; 'when-present' ones
   * must pass when they apply (e.g. `extract`, `claims`); checks without it do not bear on authenticity.
   */
  authenticity?: 'required' | 'when-present';
  /**
   * True for a check whose finding is still worth showing when an earlier fatal check could not
   * check (the signature's key out of reach, an unsupported suite): it then runs anyway, on the
   * credential as read, and what it finds is reported as a warning, for information (the dates).
   * After a fatal check that failed it is skipped like any other.
   */
  informativeWhenUnchecked?: boolean;
  /** When present and false for this input, the check is left out of the report (e.g. `claims` for JSON-LD). */
  appliesTo?(ctx: VerifyContext): boolean;
  run(ctx: VerifyContext): Promise<Verdict> | Verdict;
}

export const passed: Verdict = { outcome: 'passed' };

/** A problem as a check states it: its code, what was found, and where. Its title is the code's (see {@link problem}). */
export interface ProblemInput {
  code: ErrorCode;
  detail: string;
  path?: string;
  /** The values `detail` was filled from, when it is the code's standard detail (see {@link standardProblem}). */
  params?: DetailParams;
}

/**
 * The standard detail of `code` (src/i18n/englishDetails.ts) filled from `params`, with the params
 * kept beside it so that a catalogue in another language can word the same problem.
 *
 * @example
 * failed(standardProblem('ERR_EXPIRED', { until, checkedAt }, 'validUntil'))
 */
export function standardProblem(code: keyof typeof ENGLISH_DETAILS, params: DetailParams, path?: string): ProblemInput {
  return { code, detail: englishDetail(code, params), params, ...(path === undefined ? {} : { path }) };
}

/**
 * The problem for the report, titled from the catalogue (`ERROR_TITLES`): a check says what
 * it found in `detail`, and every problem with one code has the one title. A title given in
 * `input` (a problem passed on from another report) is replaced by the catalogue's.
 */
export function problem(input: ProblemInput): Problem {
  return {
    code: input.code,
    title: titleOf(input.code),
    detail: input.detail,
    ...(input.path === undefined ? {} : { path: input.path }),
    ...(input.params === undefined ? {} : { params: input.params }),
  };
}

/** The check did not pass: `input` says why. */
export function failed(input: ProblemInput): Verdict {
  return { outcome: 'failed', problem: problem(input) };
}

/** The check could not say (a key, list or schema out of reach, a limit): `input` says why. */
export function couldNotCheck(input: ProblemInput): Verdict {
  return { outcome: 'could-not-check', problem: problem(input) };
}

/** The check passed with a reservation (an unknown issuer, an inline context): `input` says which. */
export function warning(input: ProblemInput): Verdict {
  return { outcome: 'warning', problem: problem(input) };
}

/** The result of `check` when it is not run because the fatal check `stoppedBy` did not pass. */
export function skippedBecause<Id extends string>(
  check: { id: Id; title: string },
  stoppedBy: { title: string; id?: string },
): { id: Id; title: string; outcome: 'skipped'; problem: Problem } {
  return {
    id: check.id,
    title: check.title,
    outcome: 'skipped',
    // `checkId` names the check whose title fills `check`, for a catalogue that names checks in another language.
    problem: problem(standardProblem(ErrorCode.CHECK_SKIPPED, { check: stoppedBy.title, ...checkIdOf(stoppedBy) })),
  };
}

function checkIdOf(check: { id?: string }): { checkId?: string } {
  return typeof check.id === 'string' ? { checkId: check.id } : {};
}
