// The decision rules a platform chooses, stated explicitly and recorded in every decision.
import { MicrocredError, ErrorCode } from '../errors.js';

/**
 * How reviews become a decision.
 * - `reviewersRequired`: independent reviewers (role `reviewer`, not the candidate, each counted
 *   once) who must have scored the submission before it is decided. Adjudicators do not count.
 * - `onDisagreement`: what happens when reviewers disagree on whether a component passes.
 *   `all-must-pass`: the component fails. `adjudicator`: the decision stays pending until an
 *   adjudicator reviews it; the adjudicator's level then settles that component.
 */
export interface DecisionRules {
  reviewersRequired: number;
  onDisagreement: 'all-must-pass' | 'adjudicator';
}

/**
 * Two independent reviewers; a disagreement goes to an adjudicator (the common practice of
 * educator micro-credential programmes: two trained assessors, a lead assessor for splits).
 *
 * @example
 * const decision = await decide(definition, submission, reviews, { ...DEFAULT_RULES, reviewersRequired: 1 });
 */
export const DEFAULT_RULES: Readonly<DecisionRules> = Object.freeze({
  reviewersRequired: 2,
  onDisagreement: 'adjudicator',
});

/** The complete rules: `rules` over {@link DEFAULT_RULES}; throws `ERR_RULES_INVALID` for values outside their range. */
export function resolveRules(rules: Partial<DecisionRules> = {}): DecisionRules {
  const resolved: DecisionRules = {
    reviewersRequired: rules?.reviewersRequired ?? DEFAULT_RULES.reviewersRequired,
    onDisagreement: rules?.onDisagreement ?? DEFAULT_RULES.onDisagreement,
  };
  if (
    !Number.isInteger(resolved.reviewersRequired) ||
    resolved.reviewersRequired < 1 ||
    resolved.reviewersRequired > 20
  ) {
    throw new MicrocredError(
      ErrorCode.RULES_INVALID,
      `reviewersRequired must be a whole number from 1 to 20, not ${String(resolved.reviewersRequired)}.`,
      { path: 'reviewersRequired' },
    );
  }
  if (resolved.onDisagreement !== 'all-must-pass' && resolved.onDisagreement !== 'adjudicator') {
    throw new MicrocredError(
      ErrorCode.RULES_INVALID,
      `onDisagreement must be "all-must-pass" or "adjudicator", not "${String(resolved.onDisagreement)}".`,
      { path: 'onDisagreement' },
    );
  }
  return resolved;
}
