// How a decision reads on a terminal: for reviewers (`microcred decide`) and for an issuer whose
// `microcred issue` was refused because the decision is not approved.
import type { CompetencyDefinition } from '../competency/types.js';
import type { Decision, DecisionReason } from '../review/decide.js';
import type { Submission } from '../review/submission.js';

const HEADLINE: Record<Decision['status'], string> = {
  approved: '✔ Approved',
  rejected: '✖ Rejected',
  pending: '… Pending',
};

/** One line per reason: `  - ERR_CODE: message (component c)`. */
export function formatReasons(reasons: readonly DecisionReason[]): string {
  return reasons
    .map((r) => {
      const about = [
        r.component !== undefined ? `component ${r.component}` : '',
        r.review !== undefined ? `review ${r.review}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      return `  - ${r.code}: ${r.message}${about ? ` (${about})` : ''}\n`;
    })
    .join('');
}

/** The whole decision: status, who was counted under which rules, each component's settled level, and the reasons. */
export function formatDecision(decision: Decision, definition: CompetencyDefinition, submission: Submission): string {
  const rules = decision.rules;
  const disagreement =
    rules.onDisagreement === 'adjudicator'
      ? 'a disagreement goes to an adjudicator'
      : 'a disagreement fails the component (all-must-pass)';
  const counted = decision.reviewers.length
    ? decision.reviewers.map((r) => `${r.name} (${r.role})`).join(', ')
    : 'none';
  const candidate = submission.candidate?.name ? `${submission.candidate.name}, ` : '';
  let text = `${HEADLINE[decision.status]} — ${definition.name} ${definition.version}\n`;
  text += `  Submission  ${decision.submission} (${candidate}attempt ${submission.attempt ?? 1})\n`;
  text += `  Rules       ${rules.reviewersRequired} reviewer${rules.reviewersRequired === 1 ? '' : 's'}; ${disagreement}\n`;
  text += `  Counted     ${counted}\n`;
  text += `  Decided     ${decision.decidedAt}\n`;

  const entries = Object.entries(decision.components);
  if (entries.length > 0) {
    const width = Math.max(...entries.map(([id]) => id.length));
    text += `\n${decision.status === 'approved' ? 'Components' : 'Components that fail or are unsettled'}\n`;
    for (const [id, component] of entries) {
      const rubric = definition.components?.find((c) => c.id === id)?.rubric.levels ?? [];
      const level =
        component.level === undefined
          ? 'unsettled'
          : `${rubric.find((l) => l.id === component.level)?.name ?? component.level} (${component.level}), ${component.passing ? 'passes' : 'does not pass'}`;
      text += `  ${id.padEnd(width)}  ${level}\n`;
      for (const feedback of component.feedback)
        if (feedback.trim()) text += `  ${' '.repeat(width)}  > ${feedback.trim()}\n`;
    }
    const others = (definition.components?.length ?? 0) - entries.length;
    if (decision.status !== 'approved' && others > 0)
      text += `  (the other ${others} component${others === 1 ? '' : 's'} pass${others === 1 ? 'es' : ''} so far)\n`;
  }
  if (decision.reasons.length > 0) text += `\nReasons\n${formatReasons(decision.reasons)}`;
  return text;
}
