// Credentials verified inside another: an embedded endorsement, a credential bundled in a CLR. Each
// is verified as a credential of its own (the same verification, one level down: the caller's
// loader, documents, clock, limits, trust list and what is left of the deadline) and becomes one
// part of the outer check, carrying its whole report.
import { ErrorCode } from '../errors.js';
import { isJsonObject } from '../jsonPath.js';
import { passed, problem, type VerifyContext } from './check.js';
import { echo } from './limits.js';
import type { CheckPart, NestedCredential, Problem, VerificationReport } from './report.js';
import type { CredentialView } from './view/view.js';

/**
 * How deep credentials are verified inside others: a CLR (0), a credential it bundles (1), that
 * credential's endorsements (2). Deeper ones are not verified (ERR_NESTING_TOO_DEEP), so a
 * document nesting credentials in credentials cannot multiply the work without bound.
 */
export const MAX_NESTING = 2;

/** The value at a JSON path of the form `a.b[2].c` (as the view writes them), or undefined. */
export function valueAt(root: unknown, path: string): unknown {
  let value = root;
  for (const step of path.split('.')) {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(step);
    if (!match) return undefined;
    value = isJsonObject(value) ? value[match[1] as string] : undefined;
    for (const index of (match[2] ?? '').match(/\d+/g) ?? [])
      value = Array.isArray(value) ? value[Number(index)] : undefined;
  }
  return value;
}

/** One verified inner credential: its report, its view, and the summary the part carries. */
export interface Nested {
  report: VerificationReport;
  view?: CredentialView;
  credential: NestedCredential;
}

/** Verifies the credential written at `path` of the outer credential's JSON, judged on its own issuer. */
export async function verifyNested(ctx: VerifyContext, value: Record<string, unknown>, path: string): Promise<Nested> {
  const { report, view } = await ctx.verify(value, { trust: true });
  const subject = view?.subjects[0];
  const summary = report.credential;
  const credential: NestedCredential = {
    path,
    ...(summary?.id ? { id: summary.id } : {}),
    ...(summary?.name ? { name: summary.name } : {}),
    ...(summary?.issuer ? { issuer: summary.issuer } : {}),
    ...(view?.types.includes('EndorsementSubject') || subject?.types.includes('EndorsementSubject')
      ? {
          ...(subject?.id ? { endorses: subject.id } : {}),
          ...(subject?.endorsementComment ? { comment: echo(subject.endorsementComment, ctx.options.limits) } : {}),
        }
      : {}),
    report,
  };
  return { report, ...(view ? { view } : {}), credential };
}

/**
 * The part for a nested credential from its report: passed when it verified without reservation;
 * otherwise `outcome` (for a report that is not verified) or a warning (verified with warnings),
 * with a problem of `code` that names the credential and says why, in the words of its own report.
 */
export function nestedPart(
  nested: Nested,
  label: string,
  code: ErrorCode,
  outcome: 'failed' | 'warning',
  what: string,
): CheckPart {
  const { report, credential } = nested;
  if (report.summary === 'verified') return { label, ...passed, credential };
  // The check that decided: a failure first, then what could not be checked, then a reservation.
  const first = (['failed', 'could-not-check', 'warning'] as const)
    .map((outcome) => report.checks.find((c) => c.outcome === outcome))
    .find((c) => c !== undefined);
  const why = first?.problem
    ? `${first.problem.title} (its ${first.id} check): ${first.problem.detail}`
    : `Its report: ${report.summary}.`;
  if (report.verified) {
    // Authentic and in date, with a reservation (an outdated context, an issuer you do not list).
    const reservation: Problem = first?.problem
      ? { ...first.problem, path: joined(credential.path, first.problem.path) }
      : problem({ code, detail: `${what} verified with a reservation.`, path: credential.path });
    return { label, outcome: 'warning', problem: reservation, credential };
  }
  const state = report.summary === 'could-not-check' ? 'could not be checked' : 'does not verify';
  return {
    label,
    outcome: report.summary === 'could-not-check' && outcome === 'failed' ? 'could-not-check' : outcome,
    problem: problem({ code, detail: `${what} ${state}. ${why}`, path: credential.path }),
    credential,
  };
}

function joined(base: string, path: string | undefined): string {
  return path ? `${base}.${path}` : base;
}

/** "urn:uuid:… (Teamwork Badge)": a credential as a person recognises it. */
export function named(credential: NestedCredential): string {
  const id = credential.id ?? 'a credential with no id';
  return credential.name ? `${id} ("${credential.name}")` : id;
}

/** The part for a credential that is not embedded (only its id is written): nothing to verify. */
export function notEmbedded(label: string, code: ErrorCode, detail: string, path: string): CheckPart {
  return { label, outcome: 'could-not-check', problem: problem({ code, detail, path }) };
}

/** The outcome of a check from its parts: the first part that did not pass decides, else passed. */
export function fromParts(parts: CheckPart[]): { outcome: CheckPart['outcome']; problem?: Problem } {
  const order = ['failed', 'could-not-check', 'warning'] as const;
  for (const outcome of order) {
    const part = parts.find((p) => p.outcome === outcome);
    if (part?.problem) return { outcome, problem: part.problem };
  }
  return { outcome: 'passed' };
}
