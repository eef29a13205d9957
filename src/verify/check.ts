import type { ResolvedJwtKey } from '../jwt/resolveKey.js';
import type { VerifyOptions } from './verifyCredential.js';
import type { VerificationLoader } from './loader.js';
import type { VerifyOptionsSnapshot } from './options.js';
import type { TrustedIssuer } from '../trust/types.js';
import type { CheckId, CheckOutcome, CheckPart, CredentialFormat, ImageKind, Problem, VerificationReport } from './report.js';

/** A VC-JWT as `parse` decoded it (src/jwt). */
export interface DecodedJwt {
  /** The compact serialization as received. */
  compact: string;
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** Which of the encodings met in the wild this is. */
  encoding: 'ob3' | 'vc11' | 'vc-jose-cose';
  /** Set by `signature`: the key that verified it, for `issuer` to bind to the credential's issuer. */
  key?: ResolvedJwtKey;
}

/** What the checks read and what earlier checks learned for later ones. */
export interface VerifyContext {
  readonly input: unknown;
  readonly loader: VerificationLoader;
  readonly now: Date;
  readonly clockSkewSeconds: number;
  /** The options the caller passed, read once into plain values (limits resolved), for checks that read their own (trust list, limits). */
  readonly options: VerifyOptionsSnapshot;
  /** verifyCredential itself, for a check that verifies another credential (status: the status list); passed in to avoid an import cycle. */
  readonly verify: (input: unknown, options: VerifyOptions) => Promise<VerificationReport>;
  /** The outcome of each check that has run so far, for a check that may only act after others passed. */
  readonly outcomes: Map<CheckId, CheckOutcome>;
  /** What `parse` reads: the input, or the text `extract` took out of an image. */
  source: unknown;
  /** Set by `extract` when the input was an image. */
  image?: ImageKind;
  /** Set by `parse`. */
  format?: CredentialFormat;
  /** Set by `parse` for a VC-JWT. */
  jwt?: DecodedJwt;
  /** Set by `parse`: the credential (for a VC-JWT, the one inside it). */
  credential?: Record<string, unknown>;
  /** Set by `proof`: the proofs found. */
  proofs?: Record<string, unknown>[];
  /** Set by `signature`: the verification method that signed. */
  signer?: { id: string; controller?: string };
  /** Set by `trust`: the caller's entry for the issuer, when it is on their list and bound to the signature. */
  trustedIssuer?: TrustedIssuer;
}

/** A check's verdict: passed, or an outcome with its problem; optionally every problem and part (see CheckResult). */
export type Verdict = ({ outcome: 'passed' } | { outcome: Exclude<CheckOutcome, 'passed' | 'skipped'>; problem: Problem }) & {
  problems?: Problem[];
  parts?: CheckPart[];
};

/** One step of verification. When a `fatal` check does not pass, the checks after it are skipped. */
export interface Check {
  id: CheckId;
  title: string;
  fatal: boolean;
  /** When present and false for this input, the check is left out of the report (e.g. `claims` for JSON-LD). */
  appliesTo?(ctx: VerifyContext): boolean;
  run(ctx: VerifyContext): Promise<Verdict> | Verdict;
}

export const passed: Verdict = { outcome: 'passed' };

export function failed(problem: Problem): Verdict {
  return { outcome: 'failed', problem };
}

export function couldNotCheck(problem: Problem): Verdict {
  return { outcome: 'could-not-check', problem };
}
