// The problems of a review against the definition it scores.
import type { CompetencyDefinition } from '../competency/types.js';
import { isJsonObject, joinPath } from '../jsonPath.js';
import { looksLikeEmail } from '../identity/hash.js';
import { isNonEmptyString } from './ids.js';
import type { Problem } from './validateSubmission.js';

export const REVIEWER_ROLES = ['reviewer', 'adjudicator'] as const;

interface ReviewLike {
  reviewer?: { id?: unknown; name?: unknown; email?: unknown; role?: unknown };
  components?: Record<string, { level?: unknown; feedback?: unknown } | undefined>;
}

/**
 * Problems of a review (or review input): reviewer fields, unknown components or levels, empty
 * feedback on a non-passing level, and, with `requireEveryComponent`, a component left unscored.
 * A stored review with an unscored component is still read by `decide`, which reports the gap.
 */
export function reviewProblems(
  definition: CompetencyDefinition,
  review: ReviewLike,
  options: { requireEveryComponent: boolean; roleOptional?: boolean },
): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const reviewer = review?.reviewer;
  if (typeof reviewer !== 'object' || reviewer === null) {
    add('reviewer', 'The reviewer (id, name and role) is required.');
  } else {
    if (!isNonEmptyString(reviewer.id)) add('reviewer.id', "The reviewer's id is required.");
    if (!isNonEmptyString(reviewer.name)) add('reviewer.name', "The reviewer's name is required.");
    if (reviewer.email !== undefined && !looksLikeEmail(reviewer.email))
      add('reviewer.email', `"${String(reviewer.email)}" is not an email address.`);
    const roleOk =
      (REVIEWER_ROLES as readonly unknown[]).includes(reviewer.role) ||
      (options.roleOptional && reviewer.role === undefined);
    if (!roleOk) add('reviewer.role', `The role must be "reviewer" or "adjudicator", not "${String(reviewer.role)}".`);
  }

  const scores = review?.components;
  if (!isJsonObject(scores)) {
    add('components', 'components must be an object keyed by component id.');
    return problems;
  }
  const components = definition.components ?? [];
  for (const id of Object.keys(scores)) {
    if (!components.some((c) => c.id === id))
      add(joinPath('components', id), `"${id}" is not a component of ${definition.name}.`);
  }
  for (const component of components) {
    const path = joinPath('components', component.id);
    const score = scores[component.id];
    if (score === undefined) {
      if (options.requireEveryComponent) add(path, `Component "${component.id}" (${component.name}) has no score.`);
      continue;
    }
    if (typeof score !== 'object' || score === null) {
      add(path, 'A score must be an object with a level and feedback.');
      continue;
    }
    const level = component.rubric.levels.find((l) => l.id === score.level);
    if (!level) {
      const expected = component.rubric.levels.map((l) => l.id).join(', ');
      add(
        joinPath(path, 'level'),
        `"${String(score.level)}" is not a rubric level of component "${component.id}" (expected one of: ${expected}).`,
      );
      continue;
    }
    if (score.feedback !== undefined && typeof score.feedback !== 'string')
      add(joinPath(path, 'feedback'), 'Feedback must be text.');
    else if (!level.passing && !isNonEmptyString(score.feedback)) {
      add(
        joinPath(path, 'feedback'),
        `"${level.name}" does not pass, so the candidate needs feedback on what to revise.`,
      );
    }
  }
  return problems;
}
