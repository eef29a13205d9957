import {
  ErrorCode,
  type CheckResult,
  type PresentationReport,
  type Problem,
  type VerificationReport,
} from '../index.js';
import type { Verdict } from './text.js';

/** What the element headlines for one report: the state, and the problem that decided it (if any). */
export interface Headline {
  verdict: Verdict;
  /** The problem behind an invalid, could-not-check or withdrawn verdict, or the first warning. */
  reason?: Problem;
  /** True when the proof holds (a genuine credential that is expired, revoked…). */
  authentic: boolean;
  /** The date that decided an expired or not-yet-valid verdict, as signed. */
  date?: string | undefined;
}

/**
 * The headline of a credential's report. A revoked or suspended credential says so first, whatever
 * else is wrong (it is the issuer's word); otherwise the report's own summary decides.
 */
export function credentialHeadline(report: VerificationReport): Headline {
  const withdrawn = withdrawal(report.checks);
  if (report.authentic && withdrawn) {
    return {
      verdict: withdrawn.code === ErrorCode.REVOKED ? 'revoked' : 'suspended',
      reason: withdrawn,
      authentic: true,
    };
  }
  const headline = { ...fromSummary(report.summary, report.checks), authentic: report.authentic };
  // Genuine but outside its validity period: said as such, as a displayer tells a valid badge from an expired one.
  if (report.authentic && headline.verdict === 'invalid') {
    if (headline.reason?.code === ErrorCode.EXPIRED)
      return { ...headline, verdict: 'expired', date: report.credential?.validUntil };
    if (headline.reason?.code === ErrorCode.NOT_YET_VALID)
      return { ...headline, verdict: 'not-yet-valid', date: report.credential?.validFrom };
  }
  return headline;
}

/** The headline of a presentation's report: its own checks, then whether every credential inside is verified. */
export function presentationHeadline(report: PresentationReport): Headline {
  const own = fromSummary(report.summary, report.checks);
  if (report.verified || own.verdict !== 'verified') return { ...own, authentic: report.verified };
  // The holder's part holds but a credential inside does not: the presentation is not verified either.
  const inner = report.credentials.map(credentialHeadline).find((h) => h.verdict !== 'verified');
  return inner
    ? { verdict: inner.verdict, ...(inner.reason ? { reason: inner.reason } : {}), authentic: false }
    : { ...own, authentic: false };
}

function fromSummary(
  summary: VerificationReport['summary'],
  checks: CheckResult<string>[],
): Omit<Headline, 'authentic'> {
  const first = (outcome: CheckResult['outcome']) => checks.find((c) => c.outcome === outcome)?.problem;
  const reason =
    summary === 'invalid'
      ? first('failed')
      : summary === 'could-not-check'
        ? (first('could-not-check') ?? first('skipped'))
        : summary === 'verified-with-warnings'
          ? first('warning')
          : undefined;
  return { verdict: summary, ...(reason ? { reason } : {}) };
}

// The status check's problem (or one of its parts') when the issuer revoked or suspended the credential.
function withdrawal(checks: CheckResult[]): Problem | undefined {
  const status = checks.find((c) => c.id === 'status');
  if (!status) return undefined;
  return [status.problem, ...(status.parts ?? []).map((p) => p.problem)].find(
    (p): p is Problem => p?.code === ErrorCode.REVOKED || p?.code === ErrorCode.SUSPENDED,
  );
}
