// The run-time re-check an issuer makes: only an approved decision, for exactly this submission and
// definition, that its own reviews and rules still approve.
import { describe, expect, it } from 'vitest';
import {
  assertApproved,
  createSubmission,
  decide,
  recordReview,
  type Decision,
  type Submission,
} from '../../src/index.js';
import { NOW, REVIEWER_A, REVIEWER_B, formativeAssessment, later, reviewInput, submissionInput } from './helpers.js';
import { rejection } from '../helpers/errors.js';

const definition = formativeAssessment();

async function decided(
  levels: Parameters<typeof reviewInput>[1] = {},
): Promise<{ submission: Submission; decision: Decision }> {
  const submission = await createSubmission(definition, submissionInput(), { now: NOW });
  const reviews = [
    await recordReview(definition, submission, reviewInput(REVIEWER_A, levels), { now: later(10) }),
    await recordReview(definition, submission, reviewInput(REVIEWER_B, levels), { now: later(20) }),
  ];
  return { submission, decision: await decide(definition, submission, reviews, undefined, { now: later(30) }) };
}

/** A JSON round trip, as a decision stored in a database and loaded later; mutable for the test. */
const stored = (decision: Decision) => JSON.parse(JSON.stringify(decision)) as Decision & Record<string, never>;

async function refusal(promise: Promise<unknown>): Promise<string> {
  return (await rejection(promise, 'ERR_DECISION_NOT_APPROVED')).message;
}

describe('assertApproved', () => {
  it('returns an approved decision, also one stored as JSON and loaded again', async () => {
    const { submission, decision } = await decided();
    const approved = await assertApproved(definition, submission, decision);
    expect(approved.status).toBe('approved');
    expect(approved.decidedAt).toBe(decision.decidedAt);
    expect(approved.components).toEqual(decision.components);
    const reloaded = await assertApproved(
      definition,
      JSON.parse(JSON.stringify(submission)) as Submission,
      stored(decision),
    );
    expect(reloaded.submissionDigest).toBe(decision.submissionDigest);
  });

  it('refuses a stored decision back-dated before the reviews it counts (its date becomes awardedDate)', async () => {
    const { submission, decision } = await decided();
    const backdated = stored(decision);
    (backdated as { decidedAt: string }).decidedAt = '2020-01-01T00:00:00Z';
    expect(await refusal(assertApproved(definition, submission, backdated))).toMatch(
      /before the submission or a review/,
    );
  });

  it('refuses a back-dated decision whose counted review has an unreadable date (one bad date does not switch the check off)', async () => {
    const { submission, decision } = await decided();
    const backdated = stored(decision);
    // After the submission, before both reviews; the first review's date made unreadable.
    (backdated as { decidedAt: string }).decidedAt = later(5).toISOString();
    (backdated.reviews[0] as { reviewedAt: string }).reviewedAt = 'last Tuesday';
    expect(await refusal(assertApproved(definition, submission, backdated))).toMatch(
      /^reviews\[0\]\.reviewedAt \("last Tuesday"\) is not an RFC 3339 date-time/,
    );
  });

  it('refuses a rejected or pending decision', async () => {
    const { submission, decision } = await decided({ plan: 'developing' });
    expect(decision.status).toBe('rejected');
    expect(await refusal(assertApproved(definition, submission, decision))).toMatch(/rejected, not approved/);
    const pending = await decide(definition, submission, decision.reviews.slice(0, 1));
    expect(await refusal(assertApproved(definition, submission, pending))).toMatch(/pending/);
  });

  it('refuses a rejected decision whose status was edited to approved', async () => {
    const { submission, decision } = await decided({ plan: 'developing' });
    const forged = stored(decision);
    (forged as { status: string }).status = 'approved';
    expect(await refusal(assertApproved(definition, submission, forged))).toMatch(/do not approve/);
  });

  it('refuses when the submission changed after the decision (an artifact swapped for another)', async () => {
    const { submission, decision } = await decided();
    const changed = structuredClone(submission);
    changed.components.enact!.artifacts[0]!.digest = `sha256:${'ab'.repeat(32)}`;
    expect(await refusal(assertApproved(definition, changed, decision))).toMatch(/different submission/);
  });

  it('refuses a decision for another version of the definition', async () => {
    const { submission, decision } = await decided();
    expect(await refusal(assertApproved({ ...definition, version: '1.1.0' }, submission, decision))).toMatch(
      /version 1\.0\.0/,
    );
  });

  it('refuses a stored decision whose settled level or reviews were edited', async () => {
    const { submission, decision } = await decided();
    const relevelled = stored(decision);
    (relevelled.components as Record<string, { level: string }>).plan!.level = 'developing';
    expect(await refusal(assertApproved(definition, submission, relevelled))).toMatch(/components differ/);

    const trimmed = stored(decision);
    (trimmed as { reviews: unknown[] }).reviews.pop();
    expect(await refusal(assertApproved(definition, submission, trimmed))).toMatch(/do not approve/);

    const stricter = stored(decision);
    (stricter as { rules: { reviewersRequired: number } }).rules.reviewersRequired = 3;
    expect(await refusal(assertApproved(definition, submission, stricter))).toMatch(/do not approve/);
  });
});
