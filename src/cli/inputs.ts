// Reading the domain inputs the commands take (definitions, submissions, reviews, rules) and the
// option values shared by several commands (moments, decision rules).
import { MicrocredError, ErrorCode, isMicrocredError } from '../errors.js';
import { parseDateTimeZ } from '../dates.js';
import { isJsonObject } from '../jsonPath.js';
import { parseCompetency } from '../competency/define.js';
import type { CompetencyDefinition } from '../competency/types.js';
import { resolveRules, type DecisionRules } from '../review/rules.js';
import type { Review } from '../review/review.js';
import type { Submission } from '../review/submission.js';
import { UsageError, type CliIo } from './args.js';
import { readJson, readText, resolvePath } from './files.js';

/** A competency definition file, YAML or JSON by extension (by content when the extension says neither). */
export async function readDefinition(io: CliIo, file: string): Promise<CompetencyDefinition> {
  return parseCompetency(await readText(resolvePath(io.cwd, file), file), { source: file });
}

/** A stored submission (what `createSubmission` returns), as JSON. `decide` checks it. */
export async function readSubmission(io: CliIo, file: string): Promise<Submission> {
  return (await readJson(resolvePath(io.cwd, file), file)) as Submission;
}

/** Stored reviews: each file holds one review (what `recordReview` returns) or an array of them. */
export async function readReviews(io: CliIo, files: string[]): Promise<Review[]> {
  const reviews: Review[] = [];
  for (const file of files) {
    const value = await readJson(resolvePath(io.cwd, file), file);
    reviews.push(...((Array.isArray(value) ? value : [value]) as Review[]));
  }
  return reviews;
}

/** The options that choose decision rules, as parsed by `parseArgs`. */
export interface RulesOptions {
  rules?: string;
  reviewers?: string;
  'on-disagreement'?: string;
}

/**
 * The decision rules from `--rules FILE` (JSON `{ "reviewersRequired": 2, "onDisagreement": "adjudicator" }`)
 * or `--reviewers N` / `--on-disagreement RULE`, over the defaults. A file with other keys is
 * refused: a misspelt key would otherwise fall back to the default silently.
 */
export async function readRules(io: CliIo, values: RulesOptions, command: string): Promise<DecisionRules> {
  if (values.rules !== undefined) {
    if (values.reviewers !== undefined || values['on-disagreement'] !== undefined) {
      throw new UsageError('Give either --rules FILE or --reviewers / --on-disagreement, not both.', command);
    }
    const file = values.rules;
    const rules = await readJson(resolvePath(io.cwd, file), file);
    if (!isJsonObject(rules)) {
      throw new MicrocredError(
        ErrorCode.RULES_INVALID,
        `${file} must hold a JSON object such as { "reviewersRequired": 2, "onDisagreement": "adjudicator" }.`,
        { file },
      );
    }
    const unknown = Object.keys(rules).filter((k) => k !== 'reviewersRequired' && k !== 'onDisagreement');
    if (unknown.length > 0) {
      throw new MicrocredError(
        ErrorCode.RULES_INVALID,
        `${file} has ${unknown.map((k) => `"${k}"`).join(', ')}; the rules are "reviewersRequired" and "onDisagreement".`,
        { file, path: unknown[0] },
      );
    }
    try {
      return resolveRules(rules as Partial<DecisionRules>);
    } catch (error) {
      if (isMicrocredError(error))
        throw new MicrocredError(error.code, `${file}: ${error.message}`, { ...error.details, file });
      throw error;
    }
  }
  const rules: Partial<DecisionRules> = {};
  if (values.reviewers !== undefined) {
    if (!/^\d+$/.test(values.reviewers))
      throw new UsageError(`--reviewers must be a whole number from 1 to 20; it is "${values.reviewers}".`, command);
    rules.reviewersRequired = Number(values.reviewers);
  }
  if (values['on-disagreement'] !== undefined)
    rules.onDisagreement = values['on-disagreement'] as DecisionRules['onDisagreement'];
  try {
    return resolveRules(rules);
  } catch (error) {
    // On the command line, a value out of range is a usage error.
    if (isMicrocredError(error))
      throw new UsageError(
        error.message.replace(/^reviewersRequired/, '--reviewers').replace(/^onDisagreement/, '--on-disagreement'),
        command,
      );
    throw error;
  }
}

/**
 * A moment given on the command line: an RFC 3339 date-time with a timezone, or a calendar date
 * (midnight UTC at its start). `option` names it in the usage error.
 */
export function parseMoment(value: string, option: string, command: string): Date {
  const time = parseDateTimeZ(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (time === undefined)
    throw new UsageError(
      `${option} must be a date-time with a timezone (e.g. 2030-01-31T09:00:00Z) or a date (2030-01-31); it is "${value}".`,
      command,
    );
  return new Date(time);
}
