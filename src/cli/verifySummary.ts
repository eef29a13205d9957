// The last line of `microcred verify` for several credentials: how many verified, and what the others are.
import { ErrorCode } from '../errors.js';
import type { VerificationReport } from '../verify/report.js';
import type { PresentationReport } from '../verify/presentation/report.js';

/** What one report comes to, in the words the summary line counts. */
export type Verdict =
  'verified' | 'revoked' | 'suspended' | 'expired' | 'not yet valid' | 'invalid' | 'could not check';

const ORDER: Verdict[] = ['revoked', 'suspended', 'expired', 'not yet valid', 'invalid', 'could not check'];

/** The verdict of a report: a revoked (or suspended) credential is that, before anything else it is. */
export function verdictOf(report: VerificationReport | PresentationReport): Verdict {
  if (report.verified) return 'verified';
  // A presentation is verified or not as a whole; its credentials' own verdicts are in its report.
  if ('credentials' in report) return report.summary === 'could-not-check' ? 'could not check' : 'invalid';
  const codes = report.checks.flatMap((c) => [c.problem?.code, ...(c.parts ?? []).map((p) => p.problem?.code)]);
  if (report.authentic && codes.includes(ErrorCode.REVOKED)) return 'revoked';
  if (report.authentic && codes.includes(ErrorCode.SUSPENDED)) return 'suspended';
  if (report.authentic && codes.includes(ErrorCode.EXPIRED)) return 'expired';
  if (report.authentic && codes.includes(ErrorCode.NOT_YET_VALID)) return 'not yet valid';
  return report.summary === 'could-not-check' ? 'could not check' : 'invalid';
}

/** E.g. "3 of 5 verified; 1 revoked, 1 invalid." */
export function summaryLine(reports: readonly (VerificationReport | PresentationReport)[]): string {
  const verdicts = reports.map(verdictOf);
  const verified = verdicts.filter((v) => v === 'verified').length;
  const others = ORDER.map((v) => [v, verdicts.filter((x) => x === v).length] as const)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${v}`);
  return `${verified} of ${reports.length} verified${others.length > 0 ? `; ${others.join(', ')}` : ''}.`;
}
