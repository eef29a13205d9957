import { ErrorCode } from '../../errors.js';
import { CONTEXT, OB_CREDENTIAL_TYPES } from '../../model/constants.js';
import { issuerPath, type CredentialView } from '../view/view.js';
import { failed, passed, problem, standardProblem, warning, type Check, type ProblemInput } from '../check.js';
import type { Problem } from '../report.js';

/** The credential types an Open Badges 3.0 verifier accepts: an achievement credential or an endorsement. */
// AchievementCredential is read as OpenBadgeCredential: the OB context makes it an alias (one IRI).
export const OPEN_BADGE_TYPES: readonly string[] = [...OB_CREDENTIAL_TYPES, 'EndorsementCredential'];

// Every published OB 3.0 context: context.json (3.0.0), context-3.0.1.json … and later 3.0.x.
const OB_CONTEXT = /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-3\.0\.\d+)?\.json$/;
// A CLR 2.0 ClrCredential (which bundles Open Badges) is read with its own context instead.
const CLR_CONTEXT = /^https:\/\/purl\.imsglobal\.org\/spec\/clr\/v2p0\/context(-2\.0\.\d+)?\.json$/;

/**
 * The shape of an Open Badges 3.0 credential, one problem per finding: the VC context first (VC 2.0
 * or VC 1.1), an OB 3.0 context, `type` with VerifiableCredential and OpenBadgeCredential /
 * AchievementCredential (or EndorsementCredential), and the properties every one must have. The
 * official JSON Schema (the `schema` check) then looks at every value.
 */
export const typeCheck: Check = {
  id: 'type',
  title: 'It is an Open Badges credential',
  fatal: false,
  run(ctx) {
    const doc = ctx.credential ?? {};
    const view = ctx.view;
    if (!view)
      return failed({ code: ErrorCode.JSONLD_INVALID, detail: "The credential's signed statements were not read." });
    // A plain VC or a CLR is still a credential: its proof, issuer, dates and status are checked all
    // the same; only the Open Badges rules do not apply to it.
    if (isOtherCredential(view)) return notAnOpenBadge(view);
    const [first, ...rest] = structureProblems(doc, view);
    if (first) return rest.length ? { ...failed(first), problems: [first, ...rest] } : failed(first);
    const outdated = outdatedContext(doc);
    return outdated ? warning(outdated) : passed;
  },
};

/**
 * True for a verifiable credential of another kind than an Open Badge or a CLR (a plain VC): its type
 * includes VerifiableCredential and none of the Open Badges credential types, nor ClrCredential.
 */
export function isOtherCredential(view: Pick<CredentialView, 'types'>): boolean {
  // A CLR 2.0 ClrCredential bundles Open Badges: its shape is checked like theirs.
  if (view.types.includes('ClrCredential')) return false;
  return view.types.includes('VerifiableCredential') && !OPEN_BADGE_TYPES.some((t) => view.types.includes(t));
}

function notAnOpenBadge(view: CredentialView): ReturnType<typeof warning> {
  const others = view.types.filter((t) => t !== 'VerifiableCredential');
  if (others.length > 0)
    return warning(standardProblem(ErrorCode.NOT_OPEN_BADGE, { types: others.join(', ') }, 'type'));
  return warning({
    code: ErrorCode.NOT_OPEN_BADGE,
    detail: `This is a verifiable credential with no type but VerifiableCredential, not an Open Badge (OpenBadgeCredential, AchievementCredential or EndorsementCredential). Its proof, issuer, dates and status are checked as for any credential; the Open Badges rules (achievement, JSON Schema) are not applied.`,
    path: 'type',
  });
}

/**
 * A notice when the credential uses an Open Badges context older than 3.0.3. Not an error: the
 * older contexts are published and their signatures hold, but they define some terms differently
 * (3.0.3 added awardedDate), and the 1EdTech validator flags them too.
 */
export function outdatedContext(doc: Record<string, unknown>): ProblemInput | undefined {
  const context = Array.isArray(doc['@context']) ? doc['@context'] : [doc['@context']];
  const index = context.findIndex((c) => typeof c === 'string' && OB_CONTEXT.test(c));
  const used = context[index] as string | undefined;
  if (used === undefined || used === CONTEXT.OB_V3P0_3) return undefined;
  return {
    code: ErrorCode.CONTEXT_OUTDATED,
    detail: `The credential uses ${used}; the current Open Badges 3.0 context is ${CONTEXT.OB_V3P0_3}. The credential is readable, but new credentials should use the current context.`,
    path: `@context[${index}]`,
  };
}

/**
 * Every way the credential departs from the structure of an Open Badges 3.0 credential, in document
 * order: its contexts as written (they are not statements of the graph), everything else as signed.
 */
export function structureProblems(doc: Record<string, unknown>, view: CredentialView): Problem[] {
  const problems: Problem[] = [];
  const context = Array.isArray(doc['@context']) ? doc['@context'] : [doc['@context']];
  const vc1 = context[0] === CONTEXT.VC_V1;
  if (context[0] !== CONTEXT.VC_V2 && !vc1) {
    problems.push(
      problem({
        code: ErrorCode.CONTEXT_ORDER,
        detail: `@context must start with ${CONTEXT.VC_V2} (or ${CONTEXT.VC_V1} for VC 1.1).`,
        path: '@context[0]',
      }),
    );
  }
  const clr = view.types.includes('ClrCredential');
  const badgeContext = clr ? CLR_CONTEXT : OB_CONTEXT;
  if (!context.some((c) => typeof c === 'string' && badgeContext.test(c))) {
    problems.push(
      problem({
        code: ErrorCode.CONTEXT_MISSING,
        detail: clr
          ? `@context must list the CLR 2.0 context, e.g. ${CONTEXT.CLR_V2P0_1}; without it the CLR terms have no meaning.`
          : `@context must list an Open Badges 3.0 context, e.g. ${CONTEXT.OB_V3P0_3}; without it the Open Badges terms have no meaning.`,
        path: '@context',
      }),
    );
  }

  // Types as signed: a class written as its full IRI is that class.
  const types = view.types;
  if (!types.includes('VerifiableCredential')) {
    problems.push(
      problem({
        code: ErrorCode.TYPE_INVALID,
        detail: `type must include "VerifiableCredential" (it is not a verifiable credential); it is ${JSON.stringify(types)}.`,
        path: 'type',
      }),
    );
  }
  const badgeType = OPEN_BADGE_TYPES.find((t) => types.includes(t)) ?? (clr ? 'ClrCredential' : undefined);
  if (!badgeType) {
    problems.push(
      problem({
        code: ErrorCode.TYPE_INVALID,
        detail: `type must include "OpenBadgeCredential" (or "AchievementCredential" / "EndorsementCredential") to be an Open Badge; it is ${JSON.stringify(types)}.`,
        path: 'type',
      }),
    );
  }

  if (view.issuer?.id === undefined) {
    problems.push(
      required(
        doc.issuer === undefined ? 'issuer' : issuerPath(doc),
        'who issued it: the issuer\'s DID or URL, as a string or as the "id" of an issuer profile',
      ),
    );
  }
  const validFrom = vc1 ? 'issuanceDate' : 'validFrom';
  if (view[validFrom] === undefined && !(vc1 && view.validFrom !== undefined))
    problems.push(required(validFrom, 'from when it is valid'));

  if (view.subjects.length === 0)
    problems.push(required('credentialSubject', 'whom it is about and what they achieved'));
  else if (badgeType !== 'EndorsementCredential' && badgeType !== 'ClrCredential' && badgeType !== undefined) {
    view.subjects.forEach((subject, i) => {
      const at = Array.isArray(doc.credentialSubject) ? `credentialSubject[${i}]` : 'credentialSubject';
      if (subject.achievement === undefined)
        problems.push(required(`${at}.achievement`, 'which achievement it awards'));
    });
  }
  return problems;
}

function required(path: string, what: string): Problem {
  return problem({
    code: ErrorCode.FIELD_REQUIRED,
    detail: `An Open Badges credential must say ${what} (${path}).`,
    path,
  });
}
