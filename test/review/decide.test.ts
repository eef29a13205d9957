// The decision rules, one by one: what counts, what is pending, what is rejected.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULES,
  createSubmission,
  decide,
  recordReview,
  resubmit,
  isMicrocredError,
  type Decision,
  type Review,
  type Submission,
} from '../../src/index.js';
import {
  ADJUDICATOR,
  NOW,
  REVIEWER_A,
  REVIEWER_B,
  REVIEWER_C,
  formativeAssessment,
  later,
  reviewInput,
  submissionInput,
} from './helpers.js';

const definition = formativeAssessment();
type Levels = Parameters<typeof reviewInput>[1];

async function submitted(): Promise<Submission> {
  return createSubmission(definition, submissionInput(), { now: NOW });
}

async function review(
  submission: Submission,
  who: Parameters<typeof reviewInput>[0],
  levels: Levels = {},
  minutes = 10,
): Promise<Review> {
  return recordReview(definition, submission, reviewInput(who, levels), { now: later(minutes) });
}

const codes = (decision: Decision) => decision.reasons.map((r) => r.code);

describe('decide', () => {
  it('approves when two independent reviewers pass every component, and says who and when', async () => {
    const submission = await submitted();
    const reviews = [await review(submission, REVIEWER_A), await review(submission, REVIEWER_B)];
    const decision = await decide(definition, submission, reviews, undefined, { now: later(60) });
    expect(decision.status).toBe('approved');
    expect(decision.decidedAt).toBe('2026-03-02T16:30:00Z');
    expect(decision.rules).toEqual(DEFAULT_RULES);
    expect(decision.reviewers).toEqual([
      { id: REVIEWER_A.id, name: REVIEWER_A.name, role: 'reviewer' },
      { id: REVIEWER_B.id, name: REVIEWER_B.name, role: 'reviewer' },
    ]);
    expect(decision.reviews.map((r) => r.id)).toEqual(reviews.map((r) => r.id));
    expect(decision.components.plan).toEqual({
      level: 'proficient',
      passing: true,
      feedback: ['Meets the standard.', 'Meets the standard.'],
    });
    expect(Object.keys(decision.components)).toEqual(['plan', 'enact', 'reflect']);
    expect(decision.reasons).toEqual([]);
    expect(Object.isFrozen(decision)).toBe(true);
    expect(Object.isFrozen(decision.components.plan)).toBe(true);
    expect(Object.isFrozen(decision.reviews[0]!.components)).toBe(true);
  });

  it('is pending with too few independent reviewers; reviewersRequired: 1 decides on one', async () => {
    const submission = await submitted();
    const one = [await review(submission, REVIEWER_A)];
    const pending = await decide(definition, submission, one);
    expect(pending.status).toBe('pending');
    expect(codes(pending)).toEqual(['ERR_TOO_FEW_REVIEWERS']);
    expect((await decide(definition, submission, one, { reviewersRequired: 1 })).status).toBe('approved');
    const three = [...one, await review(submission, REVIEWER_B)];
    expect((await decide(definition, submission, three, { reviewersRequired: 3 })).status).toBe('pending');
  });

  it('is pending, not rejected, when too few reviewers have failed it so far', async () => {
    const submission = await submitted();
    const decision = await decide(definition, submission, [await review(submission, REVIEWER_A, { plan: 'not-yet' })]);
    expect(decision.status).toBe('pending');
    expect(decision.components.plan).toEqual({
      level: 'not-yet',
      passing: false,
      feedback: ['Revise plan: the evidence does not yet show it.'],
    });
  });

  it('never counts a self-review, and says so', async () => {
    const submission = await submitted();
    const stored = structuredClone(await review(submission, REVIEWER_C));
    stored.reviewer = { id: 'DANA.WHITFIELD@riverbend.example', name: 'Dana Whitfield', role: 'reviewer' };
    const decision = await decide(definition, submission, [await review(submission, REVIEWER_A), stored]);
    expect(decision.status).toBe('pending');
    expect(codes(decision)).toEqual(['ERR_SELF_REVIEW', 'ERR_TOO_FEW_REVIEWERS']);
    expect(decision.reasons[0]!.review).toBe(stored.id);
    expect(decision.reviewers.map((r) => r.id)).toEqual([REVIEWER_A.id]);
  });

  it('counts one reviewer once, using their latest review', async () => {
    const submission = await submitted();
    const first = await review(submission, REVIEWER_A, { enact: 'developing' }, 10);
    const revised = await review(submission, { ...REVIEWER_A, id: 'MHale@riverbend.example' }, {}, 20);
    const pending = await decide(definition, submission, [revised, first]);
    expect(pending.status).toBe('pending');
    expect(codes(pending)).toEqual(['ERR_REVIEW_DUPLICATE', 'ERR_TOO_FEW_REVIEWERS']);
    expect(pending.reasons[0]!.review).toBe(first.id);
    const approved = await decide(definition, submission, [first, revised, await review(submission, REVIEWER_B)]);
    expect(approved.status).toBe('approved');
    expect(approved.reviews.map((r) => r.id)).toEqual([revised.id, approved.reviews[1]!.id]);
  });

  it('treats a reviewer known by id in one review and by email in another as one person', async () => {
    const submission = await submitted();
    const byId = await review(submission, REVIEWER_B);
    const byEmail = await review(submission, { id: 'PNatarajan@riverbend.example', name: 'Priya Natarajan' });
    expect((await decide(definition, submission, [byId, byEmail])).status).toBe('pending');
  });

  it('leaves a component a reviewer did not score pending, with its reason', async () => {
    const submission = await submitted();
    const incomplete = structuredClone(await review(submission, REVIEWER_B));
    delete (incomplete.components as Record<string, unknown>).reflect;
    const decision = await decide(definition, submission, [await review(submission, REVIEWER_A), incomplete]);
    expect(decision.status).toBe('pending');
    expect(decision.reasons).toEqual([
      { code: 'ERR_COMPONENT_UNSCORED', component: 'reflect', message: expect.stringContaining('Priya Natarajan') },
    ]);
    expect(Object.keys(decision.components)).toEqual(['reflect']);
  });

  it('rejects when reviewers agree a component does not pass, at the lowest level given, with their feedback', async () => {
    const submission = await submitted();
    const reviews = [
      await review(submission, REVIEWER_A, { reflect: 'developing' }),
      await review(submission, REVIEWER_B, { reflect: 'not-yet' }),
    ];
    const decision = await decide(definition, submission, reviews);
    expect(decision.status).toBe('rejected');
    expect(decision.components).toEqual({
      reflect: {
        level: 'not-yet',
        passing: false,
        feedback: [
          'Revise reflect: the evidence does not yet show it.',
          'Revise reflect: the evidence does not yet show it.',
        ],
      },
    });
    expect(decision.reasons).toEqual([
      { code: 'ERR_COMPONENT_NOT_PASSING', component: 'reflect', message: expect.stringContaining('"Not yet"') },
    ]);
  });

  describe('when reviewers disagree', () => {
    async function split() {
      const submission = await submitted();
      return {
        submission,
        reviews: [await review(submission, REVIEWER_A), await review(submission, REVIEWER_B, { enact: 'developing' })],
      };
    }

    it('all-must-pass: the component fails', async () => {
      const { submission, reviews } = await split();
      const decision = await decide(definition, submission, reviews, { onDisagreement: 'all-must-pass' });
      expect(decision.status).toBe('rejected');
      expect(codes(decision)).toEqual(['ERR_REVIEWERS_DISAGREE', 'ERR_COMPONENT_NOT_PASSING']);
      expect(decision.components.enact).toMatchObject({ level: 'developing', passing: false });
    });

    it('adjudicator: pending until an adjudicator reviews', async () => {
      const { submission, reviews } = await split();
      const decision = await decide(definition, submission, reviews, { onDisagreement: 'adjudicator' });
      expect(decision.status).toBe('pending');
      expect(decision.reasons).toEqual([
        { code: 'ERR_REVIEWERS_DISAGREE', component: 'enact', message: expect.stringContaining('adjudicator') },
      ]);
      expect(decision.components.enact).toEqual({
        passing: false,
        feedback: ['Meets the standard.', 'Revise enact: the evidence does not yet show it.'],
      });
    });

    it("adjudicator: the adjudicator's level settles it, either way", async () => {
      const { submission, reviews } = await split();
      const passes = await review(submission, ADJUDICATOR, { reflect: 'not-yet' }, 90);
      const approved = await decide(definition, submission, [...reviews, passes]);
      expect(approved.status).toBe('approved');
      expect(approved.components.enact).toEqual({
        level: 'proficient',
        passing: true,
        feedback: ['Meets the standard.', 'Meets the standard.', 'Revise enact: the evidence does not yet show it.'],
      });
      // The adjudicator settles only the disputed component: reviewers agreed on reflect.
      expect(approved.components.reflect).toMatchObject({ level: 'proficient', passing: true });
      expect(approved.reviewers.map((r) => r.role)).toEqual(['reviewer', 'reviewer', 'adjudicator']);

      const fails = await review(submission, ADJUDICATOR, { enact: 'not-yet' }, 90);
      const rejected = await decide(definition, submission, [...reviews, fails]);
      expect(rejected.status).toBe('rejected');
      expect(rejected.components.enact).toMatchObject({ level: 'not-yet', passing: false });
    });

    it('a reviewer of the submission cannot also adjudicate it', async () => {
      const { submission, reviews } = await split();
      const selfAdjudicated = await review(submission, { ...REVIEWER_A, role: 'adjudicator' }, {}, 90);
      const decision = await decide(definition, submission, [...reviews, selfAdjudicated]);
      expect(decision.status).toBe('pending');
      expect(codes(decision)).toEqual(['ERR_REVIEW_DUPLICATE', 'ERR_REVIEWERS_DISAGREE']);
    });

    it('an adjudicator does not count as one of the required reviewers', async () => {
      const submission = await submitted();
      const decision = await decide(definition, submission, [
        await review(submission, REVIEWER_A),
        await review(submission, ADJUDICATOR),
      ]);
      expect(decision.status).toBe('pending');
      expect(codes(decision)).toEqual(['ERR_TOO_FEW_REVIEWERS', 'ERR_ADJUDICATOR_NOT_USED']);
    });
  });

  it('leaves out an adjudicator review nobody needed, with a reason', async () => {
    const submission = await submitted();
    const reviews = [
      await review(submission, REVIEWER_A),
      await review(submission, REVIEWER_B),
      await review(submission, ADJUDICATOR),
    ];
    const decision = await decide(definition, submission, reviews);
    expect(decision.status).toBe('approved');
    expect(codes(decision)).toEqual(['ERR_ADJUDICATOR_NOT_USED']);
    expect(decision.reviews).toHaveLength(2);
  });

  it("reviews a resubmission afresh: the earlier attempt's reviews do not count", async () => {
    const first = await submitted();
    const firstReviews = [
      await review(first, REVIEWER_A, { reflect: 'developing' }),
      await review(first, REVIEWER_B, { reflect: 'developing' }),
    ];
    expect((await decide(definition, first, firstReviews)).status).toBe('rejected');

    const { candidate: _c, ...revised } = submissionInput();
    revised.components.reflect!.reflections!.next =
      'Next unit I will plan the hinge question before writing the rest of the lesson.';
    const second = await resubmit(definition, first, revised, { now: later(60 * 24 * 10) });
    const pending = await decide(definition, second, firstReviews);
    expect(pending.status).toBe('pending');
    expect(codes(pending)).toEqual([
      'ERR_REVIEW_OTHER_SUBMISSION',
      'ERR_REVIEW_OTHER_SUBMISSION',
      'ERR_TOO_FEW_REVIEWERS',
    ]);

    const fresh = [await review(second, REVIEWER_A), await review(second, REVIEWER_C)];
    const approved = await decide(definition, second, [...firstReviews, ...fresh]);
    expect(approved.status).toBe('approved');
    expect(approved.submission).toBe(second.id);
    expect(approved.reviews.map((r) => r.id)).toEqual(fresh.map((r) => r.id));
  });

  it('does not count a review of the submission as it was before it changed', async () => {
    const submission = await submitted();
    const reviews = [await review(submission, REVIEWER_A), await review(submission, REVIEWER_B)];
    const changed = structuredClone(submission);
    changed.components.enact!.reflections.adjustment =
      'I moved on to the next lesson as planned because the pacing guide required it today.';
    const decision = await decide(definition, changed, reviews);
    expect(decision.status).toBe('pending');
    expect(decision.reasons[0]).toMatchObject({
      code: 'ERR_REVIEW_OTHER_SUBMISSION',
      message: expect.stringContaining('changed after the review'),
    });
  });

  it('does not count a stored review with a level the rubric does not have', async () => {
    const submission = await submitted();
    const odd = structuredClone(await review(submission, REVIEWER_B));
    odd.components.plan!.level = 'exemplary';
    const decision = await decide(definition, submission, [await review(submission, REVIEWER_A), odd]);
    expect(codes(decision)).toEqual(['ERR_REVIEW_INVALID', 'ERR_TOO_FEW_REVIEWERS']);
  });

  it('refuses to decide over an inline artifact that no longer matches its digest', async () => {
    const submission = await submitted();
    const reviews = [await review(submission, REVIEWER_A), await review(submission, REVIEWER_B)];
    const tampered = structuredClone(submission);
    tampered.components.plan!.artifacts[0]!.text = 'Hinge question at minute 40';
    const error = await decide(definition, tampered, reviews).catch((e: unknown) => e);
    expect(isMicrocredError(error, 'ERR_EVIDENCE_DIGEST_MISMATCH')).toBe(true);
  });

  it('refuses to decide over inline base64 content that no longer decodes (it is not a URL-only artifact)', async () => {
    const submission = await submitted();
    const tampered = structuredClone(submission);
    const artifact = tampered.components.plan!.artifacts[0]!;
    delete artifact.text;
    artifact.base64 = 'abcde';
    const error = await decide(definition, tampered, []).catch((e: unknown) => e);
    expect(isMicrocredError(error, 'ERR_EVIDENCE_DIGEST_MISMATCH')).toBe(true);
  });

  it("refuses a stored submission that lost its candidate's email and DID (self-reviews could not be told)", async () => {
    const submission = await submitted();
    const reviews = [await review(submission, REVIEWER_A), await review(submission, REVIEWER_B)];
    const anonymous = { ...structuredClone(submission), candidate: { name: 'Dana Whitfield' } };
    const error = await decide(definition, anonymous, reviews).catch((e: unknown) => e);
    expect(isMicrocredError(error, 'ERR_SUBMISSION_INVALID')).toBe(true);
  });

  it.each([
    [{ reviewersRequired: 0 }],
    [{ reviewersRequired: 1.5 }],
    [{ onDisagreement: 'majority' as 'adjudicator' }],
  ])('refuses rules out of range: %j', async (rules) => {
    const submission = await submitted();
    const error = await decide(definition, submission, [], rules).catch((e: unknown) => e);
    expect(isMicrocredError(error, 'ERR_RULES_INVALID')).toBe(true);
  });
});
