import { decide, type Decision } from '../../review/decide.js';
import type { CompetencyDefinition } from '../../competency/types.js';
import type { Submission } from '../../review/submission.js';
import { UsageError, parseCommand, required, type CliIo } from '../args.js';
import { parseMoment, readDefinition, readReviews, readRules, readSubmission } from '../inputs.js';
import { formatDecision } from '../decisionText.js';
import { EXIT } from '../output.js';
import { helpFor } from '../usage.js';

/** The options that name a reviewed submission and the rules to decide it by (shared with `issue`). */
export const DECISION_OPTIONS = {
  competency: { type: 'string' },
  submission: { type: 'string' },
  review: { type: 'string', multiple: true },
  rules: { type: 'string' },
  reviewers: { type: 'string' },
  'on-disagreement': { type: 'string' },
  now: { type: 'string' },
} as const;

/** The decision values as `parseArgs` gives them. */
export interface DecisionValues {
  competency?: string;
  submission?: string;
  review?: string[];
  rules?: string;
  reviewers?: string;
  'on-disagreement'?: string;
  now?: string;
}

/** A decision together with what it was made from. */
export interface DecidedSubmission {
  definition: CompetencyDefinition;
  submission: Submission;
  decision: Decision;
  now?: Date;
}

/**
 * Reads the definition, submission, reviews and rules the options name and decides. Option
 * problems are usage errors for `command`, found before any file is read.
 */
export async function decideFromOptions(
  values: DecisionValues,
  io: CliIo,
  command: string,
): Promise<DecidedSubmission> {
  const competency = required(command, 'competency', values.competency);
  const submissionFile = required(command, 'submission', values.submission);
  const reviewFiles = values.review ?? [];
  if (reviewFiles.length === 0) throw new UsageError(`${command} needs at least one --review FILE.`, command);
  const now = values.now === undefined ? undefined : parseMoment(values.now, '--now', command);

  const rules = await readRules(io, values, command);
  const definition = await readDefinition(io, competency);
  if (definition.stack) {
    throw new UsageError(
      `${competency} is a stack: it is earned by holding other micro-credentials, not by review. Issue it with: microcred issue --competency ${competency} --component CRED... --key KEY --recipient-email EMAIL`,
      command,
    );
  }
  const submission = await readSubmission(io, submissionFile);
  const reviews = await readReviews(io, reviewFiles);
  const decision = await decide(definition, submission, reviews, rules, now ? { now } : {});
  return { definition, submission, decision, ...(now ? { now } : {}) };
}

/** `microcred decide --competency DEF --submission SUB --review REV... [--json]`. */
export async function decideCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('decide', args, { ...DECISION_OPTIONS, json: { type: 'boolean' } });
  if (values.help) {
    io.stdout(helpFor('decide'));
    return EXIT.OK;
  }
  const { definition, submission, decision } = await decideFromOptions(values, io, 'decide');
  if (values.json) io.stdout(`${JSON.stringify(decision, null, 2)}\n`);
  else io.stdout(formatDecision(decision, definition, submission));
  return decision.status === 'approved' ? EXIT.OK : EXIT.FAILED;
}
