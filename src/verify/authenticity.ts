import type { CheckResult } from './report.js';

/** The checks that must pass, when they apply, for a credential to be authentic. */
export const AUTHENTICITY_CHECKS = ['extract', 'parse', 'jsonld', 'proof', 'signature', 'claims', 'issuer'] as const;

/** Authenticity checks that apply to every input: a report without them is never authentic. */
export const REQUIRED_FOR_AUTHENTICITY = ['parse', 'jsonld', 'proof', 'signature', 'issuer'] as const;

/**
 * True when `checks` (a whole report, or the checks run so far) show the proof holds and binds the
 * credential to its issuer: every authenticity check ran and passed.
 */
export function isAuthentic(checks: readonly CheckResult[]): boolean {
  return REQUIRED_FOR_AUTHENTICITY.every((id) => checks.some((c) => c.id === id)) && checks.every((c) => !isAuthenticityCheck(c.id) || c.outcome === 'passed');
}

/** The first authenticity check that ran and did not pass (nor was skipped), if any. */
export function authenticityFailure(checks: readonly CheckResult[]): CheckResult | undefined {
  return checks.find((c) => isAuthenticityCheck(c.id) && c.outcome !== 'passed' && c.outcome !== 'skipped');
}

function isAuthenticityCheck(id: string): boolean {
  return (AUTHENTICITY_CHECKS as readonly string[]).includes(id);
}
