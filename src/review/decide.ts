// From reviews to a decision, under explicit rules; and the run-time check an issuer makes before
// it signs anything.
import { MicrocredError, ErrorCode } from '../errors.js';
import type { CompetencyDefinition } from '../competency/types.js';
import type { Review, ReviewerRole } from './review.js';
import type { Submission } from './submission.js';
import { assertSubmissionOf } from './review.js';
import { hasInlineContent, submissionDigest, verifyArtifact } from './artifacts.js';
import { canonicalJson } from './canonical.js';
import { parseDateTimeZ } from '../dates.js';
import { timestamp } from './ids.js';
import { resolveRules, type DecisionRules } from './rules.js';
import { selectReviews } from './selectReviews.js';
import { settleComponent } from './settle.js';

/** The codes a decision gives as reasons (a subset of {@link ErrorCode}). */
export type DecisionReasonCode =
  | typeof ErrorCode.REVIEW_OTHER_SUBMISSION
  | typeof ErrorCode.REVIEW_INVALID
  | typeof ErrorCode.SELF_REVIEW
  | typeof ErrorCode.REVIEW_DUPLICATE
  | typeof ErrorCode.TOO_FEW_REVIEWERS
  | typeof ErrorCode.REVIEWERS_DISAGREE
  | typeof ErrorCode.ADJUDICATOR_NOT_USED
  | typeof ErrorCode.COMPONENT_UNSCORED
  | typeof ErrorCode.COMPONENT_NOT_PASSING;

/** Why a review did not count, or why the submission is not (yet) approved. */
export interface DecisionReason {
  code: DecisionReasonCode;
  message: string;
  /** The component concerned. */
  component?: string;
  /** The id of the review concerned. */
  review?: string;
}

/** A component's settled level, whether it passes, and the feedback of the reviews that settled it. */
export interface DecisionComponent {
  /** Absent while the component is unsettled (unscored, or awaiting an adjudicator). */
  level?: string;
  passing: boolean;
  feedback: string[];
}

/** A component of an approved decision: always settled at a passing level. */
export interface SettledComponent extends DecisionComponent {
  level: string;
  passing: true;
}

/** A reviewer whose review the decision counted. */
export interface DecisionReviewer {
  id: string;
  name: string;
  role: ReviewerRole;
}

interface DecisionBase {
  submission: string;
  /** {@link submissionDigest} of the decided submission: the decision holds for exactly it. */
  submissionDigest: string;
  definition: { id: string; version: string };
  /** RFC 3339 UTC date-time. */
  decidedAt: string;
  reviewers: DecisionReviewer[];
  rules: DecisionRules;
  /** The reviews counted (reviewers, then adjudicators who settled a component). */
  reviews: Review[];
  /** Approved: every component. Rejected or pending: the components that fail or are unsettled. */
  components: Record<string, DecisionComponent>;
  reasons: DecisionReason[];
}

// Declared, never exported and never assigned: no code outside this module can name the brand, so
// only `decide` and `assertApproved` can produce an ApprovedDecision without a cast.
declare const approvedBrand: unique symbol;

/** A decision that approves the submission. Only {@link decide} (or {@link assertApproved}) returns one. */
export type ApprovedDecision = Readonly<
  DecisionBase & { status: 'approved'; components: Record<string, SettledComponent> }
> & {
  readonly [approvedBrand]: true;
};

/** A decision that does not approve: a component fails under the rules. Revise and {@link resubmit}. */
export interface RejectedDecision extends Readonly<DecisionBase> {
  readonly status: 'rejected';
}

/** Not decided yet: too few reviewers, an unscored component, or a disagreement awaiting an adjudicator. */
export interface PendingDecision extends Readonly<DecisionBase> {
  readonly status: 'pending';
}

/** The outcome of {@link decide}; narrow on `status`. */
export type Decision = ApprovedDecision | RejectedDecision | PendingDecision;

/** Options of {@link decide}. */
export interface DecideOptions {
  /** The decision time (default: now). */
  now?: Date;
}

/**
 * Decides a submission from its reviews under explicit rules (default {@link DEFAULT_RULES}).
 *
 * - Reviews of another submission (an earlier attempt) or of this one before it changed, invalid
 *   reviews, and self-reviews never count; each is listed in `reasons`.
 * - One person's reviews count once (the latest); someone who reviewed cannot also adjudicate.
 * - Fewer independent reviewers than `rules.reviewersRequired`: pending (`ERR_TOO_FEW_REVIEWERS`).
 * - A component passes when its settled level is passing. Reviewers who agree settle it at the
 *   lowest level they gave. On a pass/fail split, `all-must-pass` fails it; `adjudicator` leaves it
 *   pending (`ERR_REVIEWERS_DISAGREE`) until an adjudicator scores it, whose level settles it.
 * - A component a counted reviewer left unscored is pending (`ERR_COMPONENT_UNSCORED`), unless it
 *   already fails under all-must-pass.
 * - Approved only when every component passes; rejected when any component fails for good.
 *
 * The result is frozen plain JSON: store it, and check it again with {@link assertApproved} before
 * issuing. Throws `ERR_SUBMISSION_INVALID` when the submission is for another definition,
 * `ERR_EVIDENCE_DIGEST_MISMATCH` when an inline artifact no longer matches its digest, and
 * `ERR_RULES_INVALID` for rules out of range.
 *
 * @example
 * const decision = await decide(definition, submission, [reviewA, reviewB], { reviewersRequired: 2, onDisagreement: 'adjudicator' });
 * if (decision.status === 'approved') await issueFromDecision(decision, { definition, submission, key });
 * else console.log(decision.reasons.map((r) => r.message));
 */
export async function decide(
  definition: CompetencyDefinition,
  submission: Submission,
  reviews: readonly Review[],
  rules?: Partial<DecisionRules>,
  options: DecideOptions = {},
): Promise<Decision> {
  const resolved = await checkedRules(definition, submission, reviews, rules);
  return decideChecked(definition, submission, await submissionDigest(submission), reviews, resolved, options);
}

/** The resolved rules, once the submission and reviews are fit to decide on (decide's checks, in its order). */
async function checkedRules(
  definition: CompetencyDefinition,
  submission: Submission,
  reviews: readonly Review[],
  rules: Partial<DecisionRules> | undefined,
): Promise<DecisionRules> {
  const resolved = resolveRules(rules);
  assertSubmissionOf(definition, submission);
  await assertEvidenceIntact(submission);
  if (!Array.isArray(reviews))
    throw new MicrocredError(ErrorCode.REVIEW_INVALID, 'reviews must be an array of reviews.', { path: 'reviews' });
  return resolved;
}

/** {@link decide} on checked inputs and the submission's digest, computed once by the caller. */
async function decideChecked(
  definition: CompetencyDefinition,
  submission: Submission,
  digest: string,
  reviews: readonly Review[],
  resolved: DecisionRules,
  options: DecideOptions,
): Promise<Decision> {
  const selected = selectReviews(definition, submission, digest, reviews);
  const reasons = [...selected.reasons];
  const tooFew = selected.reviewers.length < resolved.reviewersRequired;
  if (tooFew) {
    reasons.push({
      code: ErrorCode.TOO_FEW_REVIEWERS,
      message: `${selected.reviewers.length} independent reviewer${selected.reviewers.length === 1 ? ' has' : 's have'} scored the submission; the rules require ${resolved.reviewersRequired}.`,
    });
  }

  const components: Record<string, DecisionComponent> = {};
  const used = new Set<string>();
  let anyFail = false;
  let anyUnsettled = false;
  for (const component of selected.reviewers.length > 0 ? definition.components! : []) {
    const settled = settleComponent(component, selected.reviewers, selected.adjudicators, resolved);
    reasons.push(...settled.reasons);
    settled.adjudicatedBy.forEach((id) => used.add(id));
    components[component.id] = {
      ...(settled.level !== undefined ? { level: settled.level } : {}),
      passing: settled.state === 'pass',
      feedback: settled.feedback,
    };
    if (settled.state === 'fail') {
      anyFail = true;
      const level = component.rubric.levels.find((l) => l.id === settled.level);
      reasons.push({
        code: ErrorCode.COMPONENT_NOT_PASSING,
        component: component.id,
        message: `Component "${component.id}" (${component.name}) is at "${level?.name ?? settled.level}", which does not pass.`,
      });
    }
    if (settled.state === 'unsettled') anyUnsettled = true;
  }
  const status = tooFew ? 'pending' : anyFail ? 'rejected' : anyUnsettled ? 'pending' : 'approved';
  if (status !== 'approved') {
    for (const [id, c] of Object.entries(components)) if (c.passing) delete components[id];
  }

  for (const review of selected.adjudicators) {
    if (used.has(review.id)) continue;
    const why =
      resolved.onDisagreement === 'all-must-pass'
        ? 'under all-must-pass a disagreement fails the component without one'
        : 'no component needed adjudication';
    reasons.push({
      code: ErrorCode.ADJUDICATOR_NOT_USED,
      review: review.id,
      message: `Adjudicator review ${review.id} was not used: ${why}.`,
    });
  }
  const counted = [...selected.reviewers, ...selected.adjudicators.filter((r) => used.has(r.id))];
  const decision = {
    status,
    submission: submission.id,
    submissionDigest: digest,
    definition: { id: definition.id, version: definition.version },
    decidedAt: timestamp(options.now),
    reviewers: counted.map((r) => ({ id: r.reviewer.id, name: r.reviewer.name, role: r.reviewer.role })),
    rules: resolved,
    reviews: counted.map((r) => structuredClone(r)),
    components,
    reasons,
  };
  return deepFreeze(decision) as Decision;
}

/**
 * Checks, at run time, that `decision` approves exactly this submission of this definition, and
 * returns it as an {@link ApprovedDecision}. Works for a decision loaded from storage (JSON): it
 * trusts nothing in it. Throws `ERR_DECISION_NOT_APPROVED` unless
 * - `decision.status` is `approved`,
 * - its `submission` and `submissionDigest` match the submission (a changed submission fails),
 * - its `definition` id and version match the definition,
 * - re-running {@link decide} on `decision.reviews` with `decision.rules` approves again, with the
 *   same components, levels, reviewers and reviews (an edited decision fails).
 *
 * Returns the re-derived decision (frozen); its `reasons` can be shorter than the stored ones,
 * which also listed reviews that were not counted.
 *
 * @example
 * const stored = JSON.parse(await readFile('decision.json', 'utf8')) as Decision;
 * const approved = await assertApproved(definition, submission, stored);
 */
export async function assertApproved(
  definition: CompetencyDefinition,
  submission: Submission,
  decision: Decision,
): Promise<ApprovedDecision> {
  const refuse = (message: string, details: Record<string, unknown> = {}, cause?: unknown): never => {
    throw new MicrocredError(
      ErrorCode.DECISION_NOT_APPROVED,
      message,
      details,
      cause === undefined ? undefined : { cause },
    );
  };
  if (typeof decision !== 'object' || decision === null) refuse('Expected a decision (from decide).');
  if (decision.status !== 'approved') {
    refuse(`The decision is ${String(decision.status)}, not approved: only an approved decision can be issued.`, {
      path: 'status',
      reasons: decision.reasons,
    });
  }
  if (decision.definition?.id !== definition.id || decision.definition?.version !== definition.version) {
    refuse(
      `The decision is for ${String(decision.definition?.id)} version ${String(decision.definition?.version)}, not ${definition.id} version ${definition.version}.`,
      { path: 'definition' },
    );
  }
  let digest: string;
  try {
    digest = await submissionDigest(submission);
  } catch (error) {
    return refuse(
      'The submission cannot be digested (is it a stored submission?).',
      { path: 'submissionDigest' },
      error,
    );
  }
  if (decision.submission !== submission?.id || String(decision.submissionDigest).toLowerCase() !== digest) {
    refuse(
      `The decision was made on a different submission (or this one changed after the decision): it pins ${String(decision.submissionDigest)}, the submission is ${digest}.`,
      { path: 'submissionDigest' },
    );
  }
  const decidedTime = parseDateTimeZ(decision.decidedAt);
  if (decidedTime === undefined)
    return refuse(
      `The decision's decidedAt (${JSON.stringify(decision.decidedAt)}) is not an RFC 3339 date-time with a timezone.`,
      { path: 'decidedAt' },
    );
  // A decision cannot predate what it decided on: awardedDate comes from decidedAt. Every date is
  // read, so one unreadable date cannot switch the comparison off.
  const dated: [string, unknown][] = [
    ['submittedAt', submission.submittedAt],
    ...(decision.reviews ?? []).map((r, i): [string, unknown] => [`reviews[${i}].reviewedAt`, r?.reviewedAt]),
  ];
  for (const [path, value] of dated) {
    const time = parseDateTimeZ(value);
    if (time === undefined)
      refuse(
        `${path} (${JSON.stringify(value)}) is not an RFC 3339 date-time with a timezone, so the decision's date cannot be checked against it.`,
        { path },
      );
    else if (decidedTime < time)
      refuse(
        `The decision is dated ${String(decision.decidedAt)}, before the submission or a review it counts: it was edited.`,
        { path: 'decidedAt' },
      );
  }
  const decidedAt = new Date(decidedTime);
  let again: Decision;
  try {
    // The digest computed above, not a second canonicalisation and hash of the whole submission.
    const rules = await checkedRules(definition, submission, decision.reviews, decision.rules);
    again = await decideChecked(definition, submission, digest, decision.reviews, rules, { now: decidedAt });
  } catch (error) {
    return refuse(
      `The decision's reviews and rules cannot be decided again: ${(error as Error).message}`,
      { path: 'reviews' },
      error,
    );
  }
  if (again.status !== 'approved') {
    refuse(`The decision's own reviews and rules do not approve the submission (they give "${again.status}").`, {
      path: 'reviews',
      reasons: again.reasons,
    });
  }
  for (const key of ['submission', 'decidedAt', 'reviewers', 'rules', 'reviews', 'components'] as const) {
    if (canonicalJson(decision[key]) !== canonicalJson(again[key])) {
      refuse(`The decision's ${key} differ from what its reviews decide: the decision was edited after it was made.`, {
        path: key,
      });
    }
  }
  return again as ApprovedDecision;
}

/** Throws `ERR_EVIDENCE_DIGEST_MISMATCH` when an inline artifact's content no longer hashes to its digest. */
async function assertEvidenceIntact(submission: Submission): Promise<void> {
  for (const [id, component] of Object.entries(submission.components ?? {})) {
    for (const [i, artifact] of (component?.artifacts ?? []).entries()) {
      // Content that no longer decodes counts as altered, not as a URL-only artifact.
      if (!artifact || !hasInlineContent(artifact)) continue;
      if (!(await verifyArtifact(artifact))) {
        throw new MicrocredError(
          ErrorCode.EVIDENCE_DIGEST_MISMATCH,
          `The content of artifact ${i} of component "${id}" does not match its recorded digest: the submission was altered.`,
          {
            path: `components.${id}.artifacts[${i}]`,
          },
        );
      }
    }
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
