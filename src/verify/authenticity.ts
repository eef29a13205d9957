import type { Check } from './check.js';
import type { CheckResult } from './report.js';

/**
 * True when `results` (a whole report, or the checks run so far) show the proof holds and binds the
 * credential to its issuer: every check of `checks` whose `authenticity` is 'required' ran, and every
 * authenticity check that ran passed (a warning, such as an inline context, is not a failure).
 */
export function isAuthentic(results: readonly CheckResult[], checks: readonly Check[]): boolean {
  const required = checks.filter((c) => c.authenticity === 'required').map((c) => c.id);
  return (
    required.every((id) => results.some((r) => r.id === id)) &&
    results.every((r) => !bearsOnAuthenticity(r, checks) || r.outcome === 'passed' || r.outcome === 'warning')
  );
}

/** The first authenticity check that ran and did not pass (nor was skipped), if any. */
export function authenticityFailure(
  results: readonly CheckResult[],
  checks: readonly Check[],
): CheckResult | undefined {
  return results.find(
    (r) =>
      bearsOnAuthenticity(r, checks) && r.outcome !== 'passed' && r.outcome !== 'warning' && r.outcome !== 'skipped',
  );
}

function bearsOnAuthenticity(result: CheckResult, checks: readonly Check[]): boolean {
  return checks.some((c) => c.id === result.id && c.authenticity !== undefined);
}
