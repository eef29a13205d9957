// A report in another language: the same report, its titles and details taken from a catalogue.
import type { ErrorCode } from '../errors.js';
import type { CheckPart, CheckResult, Problem, VerificationReport } from '../verify/report.js';
import type { PresentationReport } from '../verify/presentation/report.js';
import type { Catalogue } from './catalogue.js';
import { ENGLISH } from './english.js';
import { fill } from './template.js';

type Kind = 'credential' | 'presentation';

/**
 * The report with every check's title and every problem's title and detail in the catalogue's
 * language; codes, ids, paths, outcomes and everything read from the credential stay as they are.
 * Pure: the report given is not changed. Nested reports (endorsements, a CLR's credentials, the
 * credentials of a presentation) are localized too.
 *
 * What the catalogue lacks stays in English: a title or check name it does not have is English's,
 * and a problem's detail is reworded only when the catalogue has a template for its code and the
 * problem carries the `params` that fill it (the checks' standard details); otherwise the detail
 * the check wrote is kept.
 *
 * @example
 * const report = localizeReport(await verifyCredential(json), FRENCH);
 * report.checks.find((c) => c.id === 'validity')?.title; // 'Il est dans sa période de validité'
 */
export function localizeReport(report: VerificationReport, catalogue: Catalogue): VerificationReport;
export function localizeReport(report: PresentationReport, catalogue: Catalogue): PresentationReport;
export function localizeReport(
  report: VerificationReport | PresentationReport,
  catalogue: Catalogue,
): VerificationReport | PresentationReport {
  if ('credentials' in report && Array.isArray(report.credentials)) {
    return {
      ...report,
      checks: report.checks.map((c) => localizeCheck(c, catalogue, 'presentation')),
      credentials: report.credentials.map((r) => localizeReport(r, catalogue)),
    };
  }
  const credential = report as VerificationReport;
  return { ...credential, checks: credential.checks.map((c) => localizeCheck(c, catalogue, 'credential')) };
}

/** The name of check `id` in the catalogue's language (English when it has none). */
export function checkName(id: string, catalogue: Catalogue, kind: Kind = 'credential'): string | undefined {
  const names: Readonly<Record<string, string | undefined>> =
    kind === 'presentation' ? catalogue.presentationChecks : catalogue.checks;
  const fallback: Readonly<Record<string, string | undefined>> =
    kind === 'presentation' ? ENGLISH.presentationChecks : ENGLISH.checks;
  return (Object.hasOwn(names, id) ? names[id] : undefined) ?? (Object.hasOwn(fallback, id) ? fallback[id] : undefined);
}

/** The title of `code` in the catalogue's language (English when it has none). */
export function titleIn(code: ErrorCode, catalogue: Catalogue): string {
  return catalogue.titles[code] ?? ENGLISH.titles[code] ?? code;
}

function localizeCheck<Id extends string>(check: CheckResult<Id>, catalogue: Catalogue, kind: Kind): CheckResult<Id> {
  const title = checkName(check.id, catalogue, kind) ?? check.title;
  const localized = { ...check, title } as CheckResult<Id>;
  if (check.problem) (localized as { problem: Problem }).problem = localizeProblem(check.problem, catalogue, kind);
  if (check.problems) localized.problems = check.problems.map((p) => localizeProblem(p, catalogue, kind));
  if (check.parts) localized.parts = check.parts.map((p) => localizePart(p, catalogue));
  return localized;
}

function localizePart(part: CheckPart, catalogue: Catalogue): CheckPart {
  const localized = { ...part } as CheckPart;
  if (part.problem)
    (localized as { problem: Problem }).problem = localizeProblem(part.problem, catalogue, 'credential');
  if (part.credential)
    localized.credential = { ...part.credential, report: localizeReport(part.credential.report, catalogue) };
  return localized;
}

function localizeProblem(problem: Problem, catalogue: Catalogue, kind: Kind): Problem {
  const template = catalogue.details[problem.code];
  let detail = problem.detail;
  if (template !== undefined && problem.params) {
    // A skipped check names the check that stopped it: that name is worded by the catalogue too.
    const stoppedBy = problem.params.checkId;
    const params =
      typeof stoppedBy === 'string'
        ? { ...problem.params, check: checkName(stoppedBy, catalogue, kind) ?? String(problem.params.check) }
        : problem.params;
    detail = fill(template, params) ?? detail;
  }
  return { ...problem, title: titleIn(problem.code, catalogue), detail };
}
