import type { DocumentLoader } from '../contexts/documentLoader.js';
import type { CheckId, CheckOutcome, Problem } from './report.js';

/** What the checks read and what earlier checks learned for later ones. */
export interface VerifyContext {
  readonly input: unknown;
  readonly loader: DocumentLoader;
  readonly now: Date;
  readonly clockSkewSeconds: number;
  /** Set by `parse`. */
  credential?: Record<string, unknown>;
  /** Set by `proof`: the proofs found. */
  proofs?: Record<string, unknown>[];
  /** Set by `signature`: the verification method that signed. */
  signer?: { id: string; controller?: string };
}

/** A check's verdict: passed, or an outcome with its problem. */
export type Verdict = { outcome: 'passed' } | { outcome: Exclude<CheckOutcome, 'passed' | 'skipped'>; problem: Problem };

/** One step of verification. When a `fatal` check does not pass, the checks after it are skipped. */
export interface Check {
  id: CheckId;
  title: string;
  fatal: boolean;
  run(ctx: VerifyContext): Promise<Verdict> | Verdict;
}

export const passed: Verdict = { outcome: 'passed' };

export function failed(problem: Problem): Verdict {
  return { outcome: 'failed', problem };
}

export function couldNotCheck(problem: Problem): Verdict {
  return { outcome: 'could-not-check', problem };
}
