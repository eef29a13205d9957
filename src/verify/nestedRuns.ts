// What the `credentials` (a CLR's bundled credentials) and `endorsement` checks do: each nested
// credential verified as one of its own. Loaded on first use, with the first credential that has
// any (src/verify/checks/credentials.ts and endorsement.ts say what the checks establish).
import { ErrorCode } from '../errors.js';
import { isJsonObject } from '../jsonPath.js';
import { failed, passed, problem, warning, type Verdict, type VerifyContext } from './check.js';
import { clrSubject } from './clrSubject.js';
import { echo } from './limits.js';
import { MAX_NESTING, fromParts, named, nestedPart, notEmbedded, valueAt, verifyNested } from './nested.js';
import type { CheckPart } from './report.js';
import type { EndorsementRefView } from './view/view.js';

/** The verdict of the `credentials` check (src/verify/checks/credentials.ts says what it checks). */
export async function runCredentialsCheck(ctx: VerifyContext): Promise<Verdict> {
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
  return recordVerdictOf(parts);
}

function recordVerdictOf(parts: CheckPart[]): Verdict {
  const { outcome, problem: first } = fromParts(parts);
  if (outcome === 'passed' || !first) return { ...passed, parts };
  return { outcome: outcome as Exclude<typeof outcome, 'passed' | 'skipped'>, problem: first, parts };
}

/** The verdict of the `endorsement` check (src/verify/checks/endorsement.ts says what it checks). */
export async function runEndorsementCheck(ctx: VerifyContext): Promise<Verdict> {
  const endorsements = ctx.view?.endorsements ?? [];
  if (ctx.depth >= MAX_NESTING) {
    return warning({
      code: ErrorCode.NESTING_TOO_DEEP,
      detail: `This credential is itself ${ctx.depth} levels inside another; its ${endorsements.length} endorsement(s) were not verified (at most ${MAX_NESTING} levels are).`,
      path: endorsements[0]?.path,
    });
  }
  const parts: CheckPart[] = [];
  for (const ref of endorsements) parts.push(await endorsementPart(ctx, ref));
  return endorsementVerdictOf(parts);
}

async function endorsementPart(ctx: VerifyContext, ref: EndorsementRefView): Promise<CheckPart> {
  const limits = ctx.options.limits;
  const value = valueAt(ctx.credential, ref.path);
  const label = `Endorsement ${echo(ref.id ?? ref.path, limits)}`;
  if (!isJsonObject(value)) {
    return notEmbedded(
      label,
      ErrorCode.ENDORSEMENT_NOT_EMBEDDED,
      `${ref.path} names the endorsement ${echo(ref.id ?? '(no id)', limits)} without embedding it, so it could not be verified. Endorsements are embedded as whole signed credentials.`,
      ref.path,
    );
  }
  const nested = await verifyNested(ctx, value, ref.path);
  const endorser =
    nested.credential.issuer?.name ??
    nested.credential.issuer?.id ??
    'an endorser not read (its credential could not be read)';
  const endorses = nested.credential.endorses;
  const fullLabel = `${label} by ${echo(endorser, limits)}${endorses ? ` of ${echo(endorses, limits)}` : ''}`;
  const what = `The endorsement ${echo(named({ ...nested.credential, id: nested.credential.id ?? ref.id }), limits)} by ${echo(endorser, limits)}`;
  const part = nestedPart(nested, fullLabel, ErrorCode.ENDORSEMENT_INVALID, 'warning', what);
  if (!nested.report.verified) return part;
  if (!nested.view?.types.includes('EndorsementCredential')) {
    return {
      label: fullLabel,
      outcome: 'warning',
      problem: problem({
        code: ErrorCode.ENDORSEMENT_INVALID,
        detail: `${what} is not an EndorsementCredential (its types are ${JSON.stringify(nested.view?.types ?? [])}).`,
        path: ref.path,
      }),
      credential: nested.credential,
    };
  }
  if (ref.attachedTo !== undefined && endorses !== ref.attachedTo) {
    return {
      label: fullLabel,
      outcome: 'warning',
      problem: problem({
        code: ErrorCode.ENDORSEMENT_NOT_FOR_THIS,
        detail: `${what} endorses ${echo(endorses ?? 'nothing named', limits)}, but it is attached to ${echo(ref.attachedTo, limits)}: it says nothing about what it is attached to.`,
        path: `${ref.path}.credentialSubject.id`,
      }),
      credential: nested.credential,
    };
  }
  return part;
}

// A bad endorsement never fails the endorsed credential: whatever a part found, the check warns.
function endorsementVerdictOf(parts: CheckPart[]): Verdict {
  const { outcome, problem: first } = fromParts(parts);
  if (outcome === 'passed' || !first) return { ...passed, parts };
  return { outcome: 'warning', problem: first, parts };
}
