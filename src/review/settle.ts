// One component's outcome from the counted reviews, under the decision rules.
import { ErrorCode } from '../errors.js';
import type { Component } from '../competency/types.js';
import type { Review } from './review.js';
import type { DecisionRules } from './rules.js';
import type { DecisionReason } from './decide.js';

export interface ComponentSettlement {
  state: 'pass' | 'fail' | 'unsettled';
  level?: string;
  feedback: string[];
  reasons: DecisionReason[];
  /** Ids of the adjudicator reviews that settled it. */
  adjudicatedBy: string[];
}

interface Score {
  review: Review;
  level: string;
  index: number;
  passing: boolean;
  feedback: string;
}

/**
 * Settles one component. Reviewers who agree on pass/fail settle it at the lowest level any of them
 * gave (rubric levels are listed from highest to lowest). When they disagree, `all-must-pass` fails
 * it and `adjudicator` waits for an adjudicator, whose level then settles it.
 */
export function settleComponent(
  component: Component,
  reviewers: Review[],
  adjudicators: Review[],
  rules: DecisionRules,
): ComponentSettlement {
  const scores = scoresOf(component, reviewers);
  const unscored = reviewers.filter((r) => r.components[component.id] === undefined);
  const failing = scores.filter((s) => !s.passing);
  const split = failing.length > 0 && failing.length < scores.length;
  const reasons: DecisionReason[] = [];
  const reason = (code: DecisionReason['code'], message: string) =>
    reasons.push({ code, message, component: component.id });
  const unscoredReason = () =>
    reason(
      ErrorCode.COMPONENT_UNSCORED,
      `Component "${component.id}" has no score from ${unscored.map((r) => r.reviewer.name).join(', ')}; the review must be completed.`,
    );

  if (rules.onDisagreement === 'all-must-pass') {
    if (failing.length > 0) {
      if (split)
        reason(
          ErrorCode.REVIEWERS_DISAGREE,
          `Reviewers disagree on component "${component.id}"; under all-must-pass it does not pass.`,
        );
      return outcome('fail', lowest(failing), scores, reasons, []);
    }
    if (unscored.length > 0) {
      unscoredReason();
      return { state: 'unsettled', feedback: feedbackOf(scores), reasons, adjudicatedBy: [] };
    }
    return outcome('pass', lowest(scores), scores, reasons, []);
  }

  if (unscored.length > 0) {
    unscoredReason();
    return { state: 'unsettled', feedback: feedbackOf(scores), reasons, adjudicatedBy: [] };
  }
  if (!split) return outcome(failing.length > 0 ? 'fail' : 'pass', lowest(scores), scores, reasons, []);

  const rulings = scoresOf(component, adjudicators);
  const rulingsFail = rulings.filter((s) => !s.passing);
  if (rulings.length === 0) {
    reason(
      ErrorCode.REVIEWERS_DISAGREE,
      `Reviewers disagree on whether component "${component.id}" passes; an adjudicator's review will settle it.`,
    );
    return { state: 'unsettled', feedback: feedbackOf(scores), reasons, adjudicatedBy: [] };
  }
  if (rulingsFail.length > 0 && rulingsFail.length < rulings.length) {
    reason(
      ErrorCode.REVIEWERS_DISAGREE,
      `Reviewers disagree on component "${component.id}", and so do its adjudicators.`,
    );
    return { state: 'unsettled', feedback: feedbackOf([...rulings, ...scores]), reasons, adjudicatedBy: [] };
  }
  return outcome(
    rulingsFail.length > 0 ? 'fail' : 'pass',
    lowest(rulings),
    [...rulings, ...scores],
    reasons,
    rulings.map((s) => s.review.id),
  );
}

function scoresOf(component: Component, reviews: Review[]): Score[] {
  const scores: Score[] = [];
  for (const review of reviews) {
    const score = review.components[component.id];
    const index = component.rubric.levels.findIndex((l) => l.id === score?.level);
    if (score && index >= 0) {
      const feedback = typeof score.feedback === 'string' ? score.feedback.trim() : '';
      scores.push({ review, level: score.level, index, passing: component.rubric.levels[index]!.passing, feedback });
    }
  }
  return scores;
}

function lowest(scores: Score[]): Score {
  return scores.reduce((a, b) => (b.index > a.index ? b : a));
}

/** The non-empty feedback of the given scores, in order (adjudicators first when they settled it). */
function feedbackOf(scores: Score[]): string[] {
  return scores.map((s) => s.feedback).filter((f) => f !== '');
}

function outcome(
  state: 'pass' | 'fail',
  settled: Score,
  scores: Score[],
  reasons: DecisionReason[],
  adjudicatedBy: string[],
): ComponentSettlement {
  return { state, level: settled.level, feedback: feedbackOf(scores), reasons, adjudicatedBy };
}
