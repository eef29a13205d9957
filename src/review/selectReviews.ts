// Which reviews count for a submission, and a reason for every one that does not.
import { ErrorCode } from '../errors.js';
import { parseDateTimeZ } from '../dates.js';
import type { CompetencyDefinition } from '../competency/types.js';
import type { Review } from './review.js';
import type { Submission } from './submission.js';
import type { DecisionReason } from './decide.js';
import { isSelfReview, reviewerKeys } from './selfReview.js';
import { reviewProblems } from './validateReview.js';

export interface SelectedReviews {
  /** One review per independent reviewer (role `reviewer`), in input order. */
  reviewers: Review[];
  /** One review per adjudicator who did not also review, in input order. */
  adjudicators: Review[];
  reasons: DecisionReason[];
}

/**
 * Drops reviews of another submission (or of this one before it changed), invalid ones and
 * self-reviews; of one person's several reviews keeps the latest, and never lets a person who
 * reviewed also adjudicate.
 */
export function selectReviews(
  definition: CompetencyDefinition,
  submission: Submission,
  digest: string,
  reviews: readonly Review[],
): SelectedReviews {
  const reasons: DecisionReason[] = [];
  const note = (code: DecisionReason['code'], message: string, review: unknown) => {
    const id = (review as { id?: unknown })?.id;
    reasons.push({ code, message, ...(typeof id === 'string' ? { review: id } : {}) });
  };
  const eligible: { review: Review; index: number; keys: string[] }[] = [];
  for (const [index, review] of reviews.entries()) {
    const label = typeof review?.id === 'string' ? `Review ${review.id}` : `Review #${index + 1}`;
    if (typeof review !== 'object' || review === null) {
      note(ErrorCode.REVIEW_INVALID, `${label} is not a review.`, review);
    } else if (review.submission !== submission.id) {
      note(
        ErrorCode.REVIEW_OTHER_SUBMISSION,
        `${label} is of submission ${String(review.submission)} (attempt reviews count only for their own attempt), not ${submission.id}.`,
        review,
      );
    } else if (typeof review.submissionDigest !== 'string' || review.submissionDigest.toLowerCase() !== digest) {
      note(
        ErrorCode.REVIEW_OTHER_SUBMISSION,
        `${label} scored a different version of submission ${submission.id}: it changed after the review.`,
        review,
      );
    } else {
      const problems = reviewProblems(definition, review, { requireEveryComponent: false });
      if (problems.length > 0) {
        note(
          ErrorCode.REVIEW_INVALID,
          `${label} is not valid for this definition: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
          review,
        );
      } else if (isSelfReview(review.reviewer, submission.candidate)) {
        note(
          ErrorCode.SELF_REVIEW,
          `${label} is by the candidate (${review.reviewer.name}) and does not count: nobody reviews their own submission.`,
          review,
        );
      } else {
        eligible.push({ review, index, keys: reviewerKeys(review.reviewer) });
      }
    }
  }

  // One person, however many reviews: group by any shared identifier.
  const people: { keys: Set<string>; entries: typeof eligible }[] = [];
  for (const entry of eligible) {
    const matches = people.filter((p) => entry.keys.some((k) => p.keys.has(k)));
    const person = { keys: new Set(entry.keys), entries: [entry] };
    for (const other of matches) {
      other.keys.forEach((k) => person.keys.add(k));
      person.entries.push(...other.entries);
      people.splice(people.indexOf(other), 1);
    }
    people.push(person);
  }

  const chosen: { review: Review; index: number }[] = [];
  for (const person of people) {
    const asReviewer = person.entries.filter((e) => e.review.reviewer.role === 'reviewer');
    const pool = asReviewer.length > 0 ? asReviewer : person.entries;
    const kept = pool.reduce((a, b) => (isLater(b, a) ? b : a));
    chosen.push(kept);
    for (const entry of person.entries) {
      if (entry === kept) continue;
      const message =
        entry.review.reviewer.role === 'adjudicator' && kept.review.reviewer.role === 'reviewer'
          ? `Review ${entry.review.id} does not count: ${entry.review.reviewer.name} reviewed this submission and cannot also adjudicate it.`
          : `Review ${entry.review.id} does not count: ${entry.review.reviewer.name} reviewed more than once, and only the latest review (${kept.review.id}) counts.`;
      note(ErrorCode.REVIEW_DUPLICATE, message, entry.review);
    }
  }
  chosen.sort((a, b) => a.index - b.index);
  return {
    reviewers: chosen.filter((c) => c.review.reviewer.role === 'reviewer').map((c) => c.review),
    adjudicators: chosen.filter((c) => c.review.reviewer.role === 'adjudicator').map((c) => c.review),
    reasons,
  };
}

function isLater(a: { review: Review; index: number }, b: { review: Review; index: number }): boolean {
  // An unreadable date sorts first, so a review with a readable one wins.
  const ta = parseDateTimeZ(a.review.reviewedAt) ?? -Infinity;
  const tb = parseDateTimeZ(b.review.reviewedAt) ?? -Infinity;
  return ta !== tb ? ta > tb : a.index > b.index;
}
