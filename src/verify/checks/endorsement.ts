import { ErrorCode } from '../../errors.js';
import { isJsonObject } from '../../jsonPath.js';
import { passed, problem, warning, type Check, type Verdict } from '../check.js';
import { echo } from '../limits.js';
import { MAX_NESTING, fromParts, named, nestedPart, notEmbedded, valueAt, verifyNested } from '../nested.js';
import type { CheckPart } from '../report.js';
import type { EndorsementRefView } from '../view/view.js';

/**
 * Each embedded endorsement (of the credential, its issuer or its achievement) verifies as a
 * credential of its own, endorses what it is attached to, and is an EndorsementCredential. Never a
 * failure of the endorsed credential: a bad endorsement is a warning (OB 3.0 §8.2: endorsements
 * are verified "as credentials of their own"; the credential stands or falls by its own proof).
 * Each endorsement is one part naming the endorser and what it endorses, with its whole report.
 * The endorsements are those of the signed view; their JSON is what the `view` check found to be
 * signed (id and type), and each is verified on its own graph.
 */
export const endorsementCheck: Check = {
  id: 'endorsement',
  title: 'Its endorsements verify',
  fatal: false,
  appliesTo: (ctx) => (ctx.view?.endorsements.length ?? 0) > 0,
  async run(ctx) {
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
    return verdictOf(parts);
  },
};

async function endorsementPart(ctx: Parameters<Check['run']>[0], ref: EndorsementRefView): Promise<CheckPart> {
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
function verdictOf(parts: CheckPart[]): Verdict {
  const { outcome, problem: first } = fromParts(parts);
  if (outcome === 'passed' || !first) return { ...passed, parts };
  return { outcome: 'warning', problem: first, parts };
}
