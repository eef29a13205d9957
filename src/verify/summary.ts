import type { CheckResult, ReportSummary } from './report.js';

/** The summary state for a list of checks: any failure makes it invalid, then anything unchecked, then any warning. */
export function summarize(checks: readonly CheckResult<string>[]): ReportSummary {
  if (checks.some((c) => c.outcome === 'failed')) return 'invalid';
  if (checks.some((c) => c.outcome === 'could-not-check' || c.outcome === 'skipped')) return 'could-not-check';
  return checks.some((c) => c.outcome === 'warning') ? 'verified-with-warnings' : 'verified';
}
