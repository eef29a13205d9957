import { describe, expect, it } from 'vitest';
import {
  createSubmission,
  recordReview,
  submissionDigest,
  isMicrocredError,
  type MicrocredError,
  type ReviewInput,
} from '../../src/index.js';
import {
  CANDIDATE,
  NOW,
  REVIEWER_A,
  REVIEWER_B,
  formativeAssessment,
  reviewInput,
  submissionInput,
} from './helpers.js';
import { rejection } from '../helpers/errors.js';

const definition = formativeAssessment();

const refusal = (promise: Promise<unknown>): Promise<MicrocredError> => rejection(promise, 'ERR_REVIEW_INVALID');

describe('recordReview', () => {
  it('records level and feedback per component, pinned to the submission by id and digest', async () => {
    const submission = await createSubmission(definition, submissionInput(), { now: NOW });
    const review = await recordReview(definition, submission, reviewInput(REVIEWER_B, { reflect: 'developing' }), {
      now: NOW,
    });
    expect(review.id).toMatch(/^urn:uuid:/);
    expect(review.submission).toBe(submission.id);
    expect(review.submissionDigest).toBe(await submissionDigest(submission));
    expect(review.reviewer).toEqual({ ...REVIEWER_B, role: 'reviewer' });
    expect(review.reviewedAt).toBe('2026-03-02T15:30:00Z');
    expect(review.components.reflect).toEqual({
      level: 'developing',
      feedback: 'Revise reflect: the evidence does not yet show it.',
    });
  });

  it('lets a passing level go without feedback', async () => {
    const submission = await createSubmission(definition, submissionInput());
    const input = reviewInput(REVIEWER_A);
    input.components.enact = { level: 'proficient' };
    expect((await recordReview(definition, submission, input)).components.enact).toEqual({
      level: 'proficient',
      feedback: '',
    });
  });

  it('refuses an unknown component, an unknown level, an unscored component and a non-passing level without feedback', async () => {
    const submission = await createSubmission(definition, submissionInput());
    const input: ReviewInput = {
      reviewer: REVIEWER_A,
      components: {
        plan: { level: 'exemplary', feedback: 'Great' },
        enact: { level: 'not-yet', feedback: '  ' },
        homework: { level: 'proficient', feedback: '' },
      },
    };
    const error = await refusal(recordReview(definition, submission, input));
    expect(error.details.problems!.map((p) => p.path)).toEqual([
      'components.homework',
      'components.plan.level',
      'components.enact.feedback',
      'components.reflect',
    ]);
  });

  it.each([
    ['their email as id, in another case', { id: 'dana.whitfield@RIVERBEND.example', name: 'Dana' }],
    [
      'their email as the reviewer email',
      { id: 'urn:riverbend:staff:77', name: 'Dana', email: 'Dana.Whitfield@riverbend.example' },
    ],
    ['a mailto: id', { id: 'mailto:dana.whitfield@riverbend.example', name: 'Dana' }],
  ])('refuses a self-review (%s)', async (_label, reviewer) => {
    const submission = await createSubmission(definition, submissionInput());
    const error = await refusal(recordReview(definition, submission, reviewInput(reviewer)));
    expect(error.details.problems![0]).toEqual({
      path: 'reviewer',
      message: expect.stringContaining('own submission'),
    });
  });

  it('refuses a self-review by DID', async () => {
    const did = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
    const submission = await createSubmission(definition, submissionInput({ candidate: { ...CANDIDATE, did } }));
    await refusal(recordReview(definition, submission, reviewInput({ id: did, name: 'Dana' })));
    // A colleague is fine.
    await expect(recordReview(definition, submission, reviewInput(REVIEWER_A))).resolves.toBeDefined();
  });

  it('refuses a submission for another definition version', async () => {
    const submission = await createSubmission(definition, submissionInput());
    const v2 = { ...formativeAssessment(), version: '2.0.0' };
    const error = await recordReview(v2, submission, reviewInput(REVIEWER_A)).catch((e: unknown) => e);
    expect(isMicrocredError(error, 'ERR_SUBMISSION_INVALID')).toBe(true);
  });
});
