import { ErrorCode } from '../../errors.js';
import { isJsonObject } from '../../jsonPath.js';
import { couldNotCheck, failed, passed, problem, warning, type Verdict } from '../check.js';
import { echo } from '../limits.js';
import type { CheckPart, VerificationReport } from '../report.js';
import type { CredentialView } from '../view/view.js';
import type { PresentationCheck, PresentationContext } from './context.js';
import { PRESENTATION_CHECK_TITLES } from './titles.js';

/** Verifies one credential found in a presentation: the verifier passes its own, to avoid an import cycle. */
export type VerifyInner = (
  credential: unknown,
  ctx: PresentationContext,
) => Promise<{ report: VerificationReport; view?: CredentialView }>;

const ENVELOPED_JWT = /^data:application\/(?:vc\+jwt|vc\+ld\+json\+jwt|jwt),/;

/**
 * The credentials a presentation carries, as each is verified: a JSON credential with its embedded
 * proof, a VC-JWT string, or an EnvelopedVerifiableCredential (VC 2.0) whose `data:` URL holds a VC-JWT.
 */
export function credentialsOf(vp: Record<string, unknown>): unknown[] {
  const listed = vp.verifiableCredential;
  return (listed === undefined ? [] : [listed].flat()).map((entry) => {
    const id = isJsonObject(entry) ? entry.id : undefined;
    if (typeof id === 'string' && ENVELOPED_JWT.test(id)) return id.slice(id.indexOf(',') + 1);
    return entry;
  });
}

/**
 * Every credential in the presentation verifies, each with its own full report (in `credentials`),
 * under this verification's loader, clock, deadline, trust list and status registry. One line per
 * credential. A presentation that holds none is a warning: it shows who the holder is, nothing more.
 */
export function credentialsCheck(verifyInner: VerifyInner): PresentationCheck {
  return {
    id: 'credentials',
    title: PRESENTATION_CHECK_TITLES.credentials,
    fatal: false,
    async run(ctx) {
      const credentials = credentialsOf(ctx.presentation ?? {});
      const limits = ctx.options.limits;
      if (credentials.length === 0)
        return warning({
          code: ErrorCode.PRESENTATION_EMPTY,
          detail:
            'The presentation carries no credential (verifiableCredential): it shows who the holder is, nothing more.',
          path: 'verifiableCredential',
        });
      if (credentials.length > limits.maxPresentationCredentials)
        return couldNotCheck({
          code: ErrorCode.INPUT_TOO_LARGE,
          detail: `The presentation carries ${credentials.length} credentials; at most ${limits.maxPresentationCredentials} are verified in one presentation (limits.maxPresentationCredentials).`,
          path: 'verifiableCredential',
        });
      ctx.verified = [];
      for (const credential of credentials) ctx.verified.push(await verifyInner(credential, ctx));
      const parts = ctx.verified.map(({ report }, i) => partOf(report, i, credentials.length));
      const worst =
        parts.find((p) => p.outcome === 'failed') ??
        parts.find((p) => p.outcome === 'could-not-check') ??
        parts.find((p) => p.outcome === 'warning');
      if (!worst || worst.outcome === 'passed') return { ...passed, parts };
      return {
        outcome: worst.outcome === 'skipped' ? 'could-not-check' : worst.outcome,
        problem: worst.problem,
        parts,
      };
    },
  };
}

function partOf(report: VerificationReport, index: number, count: number): CheckPart {
  const path = count === 1 ? 'verifiableCredential' : `verifiableCredential[${index}]`;
  const name = report.credential?.name ?? report.credential?.id;
  const label = `${path}${name ? ` ${name}` : ''}`;
  if (report.summary === 'verified') return { label, outcome: 'passed' };
  const reason =
    report.checks.find((c) => c.outcome === 'failed') ??
    report.checks.find((c) => c.outcome === 'could-not-check') ??
    report.checks.find((c) => c.outcome === 'warning');
  const why = reason?.problem ? `${reason.problem.title}: ${reason.problem.detail}` : 'it did not verify';
  const outcome =
    report.summary === 'verified-with-warnings'
      ? 'warning'
      : report.summary === 'invalid'
        ? 'failed'
        : 'could-not-check';
  return {
    label,
    outcome,
    problem: problem({
      code:
        outcome === 'warning'
          ? (reason?.problem?.code ?? ErrorCode.PRESENTATION_CREDENTIAL)
          : ErrorCode.PRESENTATION_CREDENTIAL,
      detail: `${path}${outcome === 'warning' ? ' verifies with a warning' : ' does not verify'} (see its report in credentials[${index}]): ${why}`,
      path,
    }),
  };
}

/**
 * The holder is the subject of every credential presented: one of each credential's subjects (as
 * signed) has the holder's id. A credential whose subject is known only by a hashed identifier (an
 * email) cannot tell: a warning. A stranger's credential fails this check, unless the caller accepts
 * presenting on behalf of others (`holderMustBeSubject: false`), when it is a warning.
 */
export const subjectCheck: PresentationCheck = {
  id: 'subject',
  title: PRESENTATION_CHECK_TITLES.subject,
  fatal: false,
  appliesTo: (ctx) => (ctx.verified?.length ?? 0) > 0,
  run(ctx): Verdict {
    const holder = ctx.holder as string;
    const limits = ctx.options.limits;
    const strangers: string[] = [];
    const unknown: string[] = [];
    (ctx.verified ?? []).forEach(({ view }, i) => {
      const path = (ctx.verified ?? []).length === 1 ? 'verifiableCredential' : `verifiableCredential[${i}]`;
      if (!view) return unknown.push(path);
      const ids = view.subjects.map((s) => s.id).filter((id) => id !== undefined);
      if (ids.includes(holder)) return;
      if (ids.length === 0) unknown.push(path);
      else strangers.push(`${path} (${echo(ids.join(', '), limits)})`);
    });
    if (strangers.length > 0) {
      const input = {
        code: ErrorCode.HOLDER_NOT_SUBJECT,
        detail: `The holder ${echo(holder, limits)} is not the subject of ${strangers.join('; ')}: it presents a credential about someone else.${ctx.holderMustBeSubject ? '' : ' You accept that (holderMustBeSubject: false).'}`,
        path: strangers[0]!.split(' ')[0]!,
      };
      return ctx.holderMustBeSubject ? failed(input) : warning(input);
    }
    if (unknown.length > 0)
      return warning({
        code: ErrorCode.HOLDER_SUBJECT_UNKNOWN,
        detail: `${unknown.join(', ')} names no subject by id (a hashed identifier, or it could not be read), so whether ${echo(holder, limits)} is its subject cannot be told.`,
        path: unknown[0]!,
      });
    return passed;
  },
};
