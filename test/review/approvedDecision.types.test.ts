// Compile-time guarantees of ApprovedDecision, checked by `npx tsc --noEmit` (tsconfig includes
// test/): each `@ts-expect-error` line fails the type check if it ever compiles. The runtime
// assertions keep vitest honest about the decisions the types describe.
import { describe, expect, it } from 'vitest';
import {
  createSubmission,
  decide,
  recordReview,
  type ApprovedDecision,
  type Decision,
  type PendingDecision,
  type RejectedDecision,
} from '../../src/index.js';
import { REVIEWER_A, REVIEWER_B, formativeAssessment, reviewInput, submissionInput } from './helpers.js';

/** Stands in for issueFromDecision: accepts approved decisions only. */
const issueLike = (decision: ApprovedDecision): string => decision.status;

const definition = formativeAssessment();

describe('ApprovedDecision', () => {
  it('a rejected or pending decision cannot be passed where an approved one is required', async () => {
    const submission = await createSubmission(definition, submissionInput());
    const reviews = [
      await recordReview(definition, submission, reviewInput(REVIEWER_A, { plan: 'not-yet' })),
      await recordReview(definition, submission, reviewInput(REVIEWER_B, { plan: 'not-yet' })),
    ];
    const decision: Decision = await decide(definition, submission, reviews);
    expect(decision.status).toBe('rejected');
    if (decision.status === 'rejected') {
      const rejected: RejectedDecision = decision;
      // @ts-expect-error a RejectedDecision is not an ApprovedDecision
      expect(issueLike(rejected)).toBe('rejected');
    }
    const pending: Decision = await decide(definition, submission, reviews.slice(1));
    expect(pending.status).toBe('pending');
    if (pending.status === 'pending') {
      const p: PendingDecision = pending;
      // @ts-expect-error a PendingDecision is not an ApprovedDecision
      issueLike(p);
    }
    // @ts-expect-error an undiscriminated Decision is not an ApprovedDecision
    issueLike(decision);
  });

  it('nothing but decide makes one: a rejected decision relabelled "approved" does not type-check', async () => {
    const submission = await createSubmission(definition, submissionInput());
    const pass = [
      await recordReview(definition, submission, reviewInput(REVIEWER_A)),
      await recordReview(definition, submission, reviewInput(REVIEWER_B)),
    ];
    const decision = await decide(definition, submission, pass);
    // Narrowing on status is the way in.
    if (decision.status === 'approved') expect(issueLike(decision)).toBe('approved');
    else expect.unreachable('two passing reviews approve');

    const fail = [
      await recordReview(definition, submission, reviewInput(REVIEWER_A, { enact: 'developing' })),
      await recordReview(definition, submission, reviewInput(REVIEWER_B, { enact: 'developing' })),
    ];
    const rejected = (await decide(definition, submission, fail)) as RejectedDecision;
    expect(rejected.status).toBe('rejected');
    // @ts-expect-error the brand cannot be written outside src/review/decide.ts
    const forged: ApprovedDecision = { ...rejected, status: 'approved' };
    expect(forged.status).toBe('approved');
  });
});
