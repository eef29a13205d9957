import { ErrorCode } from '../../errors.js';
import { isJsonObject } from '../../jsonPath.js';
import { failed, passed, warning, type Check, type Verdict, type VerifyContext } from '../check.js';
import { echo } from '../limits.js';
import { MAX_NESTING, fromParts, named, nestedPart, notEmbedded, valueAt, verifyNested } from '../nested.js';
import type { CheckPart } from '../report.js';

/** The ClrSubject of a CLR 2.0 credential, with the JSON path it is written at, when it has one. */
export function clrSubject(ctx: VerifyContext): { at: string; credentials: string[] } | undefined {
  const view = ctx.view;
  if (!view?.types.includes('ClrCredential')) return undefined;
  const i = view.subjects.findIndex((s) => s.types.includes('ClrSubject'));
  const subject = view.subjects[i];
  if (!subject) return undefined;
  const at = Array.isArray(ctx.credential?.credentialSubject) ? `credentialSubject[${i}]` : 'credentialSubject';
  return { at, credentials: subject.credentials };
}

/**
 * Every credential a CLR 2.0 record bundles verifies as a credential of its own: its proof, its
 * issuer, its dates, its status, its endorsements (CLR 2.0 §: the ClrCredential's proof covers the
 * record, each bundled credential keeps its own). Each is one part naming the credential, with its
 * whole report; one that does not verify fails this check, so the record is not verified, and the
 * part says which and why. A credential only referenced by id is could-not-check.
 */
export const credentialsCheck: Check = {
  id: 'credentials',
  title: 'Every credential in the record verifies',
  fatal: false,
  appliesTo: (ctx) => clrSubject(ctx) !== undefined,
  async run(ctx) {
    const clr = clrSubject(ctx);
    if (!clr) return passed;
    const limits = ctx.options.limits;
    if (ctx.depth >= MAX_NESTING) {
      return warning({
        code: ErrorCode.NESTING_TOO_DEEP,
        detail: `This record is itself ${ctx.depth} levels inside another credential; the ${clr.credentials.length} credential(s) it bundles were not verified (at most ${MAX_NESTING} levels are).`,
        path: `${clr.at}.verifiableCredential`,
      });
    }
    if (clr.credentials.length === 0) {
      return failed({
        code: ErrorCode.FIELD_REQUIRED,
        detail:
          'The record bundles no credentials (verifiableCredential is empty or missing); a CLR is the signed bundle of a learner’s credentials.',
        path: `${clr.at}.verifiableCredential`,
      });
    }
    const parts: CheckPart[] = [];
    for (const [i, id] of clr.credentials.entries()) {
      const path = `${clr.at}.verifiableCredential[${i}]`;
      const value =
        valueAt(ctx.credential, path) ??
        (i === 0 ? valueAt(ctx.credential, `${clr.at}.verifiableCredential`) : undefined);
      if (!isJsonObject(value)) {
        parts.push(
          notEmbedded(
            `Credential ${echo(id, limits)}`,
            ErrorCode.CLR_CREDENTIAL_NOT_EMBEDDED,
            `${path} names ${echo(id, limits)} without embedding the credential, so it could not be verified.`,
            path,
          ),
        );
        continue;
      }
      const nested = await verifyNested(ctx, value, path);
      const label = `Credential ${echo(named(nested.credential), limits)}${nested.credential.issuer ? ` issued by ${echo(nested.credential.issuer.name ?? nested.credential.issuer.id ?? '', limits)}` : ''}`;
      parts.push(
        nestedPart(
          nested,
          label,
          ErrorCode.CLR_CREDENTIAL_INVALID,
          'failed',
          `The credential ${echo(named(nested.credential), limits)} at ${path}`,
        ),
      );
    }
    return verdictOf(parts);
  },
};

function verdictOf(parts: CheckPart[]): Verdict {
  const { outcome, problem: first } = fromParts(parts);
  if (outcome === 'passed' || !first) return { ...passed, parts };
  return { outcome: outcome as Exclude<typeof outcome, 'passed' | 'skipped'>, problem: first, parts };
}
