// One reviewer's scores of one submission against the definition's rubric.
import { MicrocredError, ErrorCode } from '../errors.js';
import { isUri } from '../identifiers.js';
import type { CompetencyDefinition } from '../competency/types.js';
import type { Submission } from './submission.js';
import { submissionDigest } from './artifacts.js';
import { isSelfReview } from './selfReview.js';
import { newUrnUuid, timestamp } from './ids.js';
import { reviewProblems } from './validateReview.js';

/** `reviewer` scores the submission; `adjudicator` settles components the reviewers disagree on. */
export type ReviewerRole = 'reviewer' | 'adjudicator';

/** Who reviewed. `id` is the platform's stable id of the person (an email, a DID or an account id). */
export interface Reviewer {
  id: string;
  name: string;
  email?: string;
  role: ReviewerRole;
}

/** One component's score: a rubric level id and the feedback for the candidate. */
export interface ComponentScore {
  level: string;
  feedback: string;
}

/** The input of {@link recordReview}. `role` defaults to `reviewer`; feedback may be left out on a passing level. */
export interface ReviewInput {
  reviewer: Omit<Reviewer, 'role'> & { role?: ReviewerRole };
  /** Keyed by component id; every component of the definition must be scored. */
  components: Record<string, { level: string; feedback?: string }>;
}

/** A recorded review: plain JSON, pinned to the exact submission it scored. */
export interface Review {
  id: string;
  /** The id of the submission reviewed. */
  submission: string;
  /** {@link submissionDigest} of the submission as it was reviewed. */
  submissionDigest: string;
  reviewer: Reviewer;
  /** RFC 3339 UTC date-time. */
  reviewedAt: string;
  components: Record<string, ComponentScore>;
}

/** Options of {@link recordReview}. */
export interface ReviewOptions {
  /** The review time (default: now). */
  now?: Date;
  /** The review id (default: a fresh `urn:uuid:`). */
  id?: string;
}

/**
 * Records a reviewer's rubric level and feedback for every component of a submission.
 *
 * Throws `ERR_REVIEW_INVALID` with `details.problems` (`{ path, message }`) for an unknown component
 * or level, a component left unscored, empty feedback on a non-passing level, missing reviewer
 * fields, or a self-review: the reviewer's id or email is the candidate's email (ignoring case) or
 * DID (path `reviewer`). Throws `ERR_SUBMISSION_INVALID` when the submission is for another
 * definition.
 *
 * @example
 * const review = await recordReview(definition, submission, {
 *   reviewer: { id: 'mhale@riverbend.example', name: 'Marcus Hale' },
 *   components: {
 *     plan: { level: 'proficient', feedback: 'Hinge question targets the key misconception.' },
 *     enact: { level: 'proficient', feedback: '' },
 *     reflect: { level: 'developing', feedback: 'Say what you will change next time and why.' },
 *   },
 * });
 */
export async function recordReview(
  definition: CompetencyDefinition,
  submission: Submission,
  input: ReviewInput,
  options: ReviewOptions = {},
): Promise<Review> {
  assertSubmissionOf(definition, submission);
  const problems = reviewProblems(definition, input, { requireEveryComponent: true, roleOptional: true });
  if (input?.reviewer && isSelfReview(input.reviewer, submission.candidate)) {
    problems.unshift({
      path: 'reviewer',
      message: `${String(input.reviewer.name)} is the candidate: nobody reviews their own submission.`,
    });
  }
  if (options.id !== undefined && !isUri(options.id)) {
    problems.push({
      path: 'id',
      message: `The review id must be a URI (e.g. urn:uuid:…), not "${String(options.id)}".`,
    });
  }
  if (problems.length > 0) {
    throw new MicrocredError(
      ErrorCode.REVIEW_INVALID,
      `The review has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems[0]!.path}: ${problems[0]!.message}`,
      { problems },
    );
  }
  const components: Record<string, ComponentScore> = {};
  for (const component of definition.components ?? []) {
    const score = input.components[component.id]!;
    components[component.id] = { level: score.level, feedback: (score.feedback ?? '').trim() };
  }
  const { id, name, email, role } = input.reviewer;
  return {
    id: options.id ?? newUrnUuid(),
    submission: submission.id,
    submissionDigest: await submissionDigest(submission),
    reviewer: {
      id: id.trim(),
      name: name.trim(),
      ...(email !== undefined ? { email: email.trim() } : {}),
      role: role ?? 'reviewer',
    },
    reviewedAt: timestamp(options.now),
    components,
  };
}

/** Throws `ERR_SUBMISSION_INVALID` unless the submission was made for this definition id and version, by a candidate with an email or DID. */
export function assertSubmissionOf(definition: CompetencyDefinition, submission: Submission): void {
  if (typeof submission !== 'object' || submission === null || typeof submission.id !== 'string') {
    throw new MicrocredError(ErrorCode.SUBMISSION_INVALID, 'Expected a stored submission (from createSubmission).', {
      path: '',
    });
  }
  if (submission.definition?.id !== definition.id || submission.definition?.version !== definition.version) {
    throw new MicrocredError(
      ErrorCode.SUBMISSION_INVALID,
      `The submission is for ${String(submission.definition?.id)} version ${String(submission.definition?.version)}, not ${definition.id} version ${definition.version}.`,
      { path: 'definition' },
    );
  }
  if (!definition.components?.length) {
    throw new MicrocredError(ErrorCode.SUBMISSION_INVALID, `${definition.name} has no components to review.`, {
      path: 'definition',
    });
  }
  // Without the candidate's email or DID a self-review could not be recognised.
  const candidate = submission.candidate;
  if (
    !(typeof candidate?.email === 'string' && candidate.email.trim()) &&
    !(typeof candidate?.did === 'string' && candidate.did.trim())
  ) {
    throw new MicrocredError(
      ErrorCode.SUBMISSION_INVALID,
      'The submission names no candidate email or DID, so a self-review could not be recognised.',
      { path: 'candidate' },
    );
  }
}
