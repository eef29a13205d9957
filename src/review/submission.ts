// A candidate's evidence for one competency definition, validated and stored as plain JSON.
import { MicrocredError, ErrorCode } from '../errors.js';
import type { CompetencyDefinition } from '../competency/types.js';
import { normalizeEmail } from '../identity/hash.js';
import { isUri } from '../identifiers.js';
import { newUrnUuid, timestamp } from './ids.js';
import { submissionProblems, type Problem } from './validateSubmission.js';
import { storedArtifact } from './artifacts.js';

/** Who submits: a name and at least one of an email address or a DID. */
export interface Candidate {
  name: string;
  email?: string;
  did?: string;
}

/**
 * One artifact as the caller hands it in: exactly one of `url`, `text` or `bytes`.
 * A URL artifact must carry the `sha256:<hex>` digest of its content (computed when it was
 * collected: microcred does not fetch it). For inline content microcred computes the digest; a
 * digest given with it must match.
 */
export interface ArtifactInput {
  /** The id of the component's artifact requirement this artifact answers, e.g. `lesson-plan`. */
  requirement: string;
  name?: string;
  /** An https URL where the artifact is kept. */
  url?: string;
  /** Inline text content (e.g. observation notes). */
  text?: string;
  /** Inline binary content; stored as base64. */
  bytes?: Uint8Array;
  /** IANA media type, e.g. `application/pdf`. */
  mediaType?: string;
  /** `sha256:<hex>` of the content. Required with `url`; checked against inline content. */
  digest?: string;
}

/** What the candidate submits for one component. */
export interface ComponentSubmissionInput {
  artifacts?: ArtifactInput[];
  /** Answers keyed by reflection prompt id. */
  reflections?: Record<string, string>;
}

/** The input of {@link createSubmission}. */
export interface SubmissionInput {
  /** The definition the candidate answered; when given it must match the definition passed in. */
  definition?: { id: string; version: string };
  candidate: Candidate;
  /** Keyed by component id. */
  components: Record<string, ComponentSubmissionInput>;
}

/** The input of {@link resubmit}: the candidate defaults to the previous attempt's. */
export type ResubmissionInput = Omit<SubmissionInput, 'candidate'> & { candidate?: Candidate };

/** An artifact as stored: its digest always present, binary content as base64. */
export interface SubmittedArtifact {
  requirement: string;
  name?: string;
  mediaType?: string;
  url?: string;
  text?: string;
  /** Inline binary content, base64 (RFC 4648 §4, padded). */
  base64?: string;
  /** `sha256:<lowercase hex>` of the content. */
  digest: string;
}

/** What was submitted for one component. */
export interface SubmittedComponent {
  artifacts: SubmittedArtifact[];
  reflections: Record<string, string>;
}

/** A validated submission: plain JSON, safe to store and load again. */
export interface Submission {
  /** `urn:uuid:…` unless the caller chose an id. */
  id: string;
  definition: { id: string; version: string };
  candidate: Candidate;
  /** RFC 3339 UTC date-time. */
  submittedAt: string;
  /** 1 for the first attempt, then one more for each {@link resubmit}. */
  attempt: number;
  /** The id of the attempt this one revises. */
  previousSubmission?: string;
  /** Keyed by component id, in the definition's order. */
  components: Record<string, SubmittedComponent>;
}

/** Options of {@link createSubmission} and {@link resubmit}. */
export interface SubmissionOptions {
  /** The submission time (default: now). */
  now?: Date;
  /** The submission id (default: a fresh `urn:uuid:`). */
  id?: string;
}

/**
 * Validates a candidate's evidence against the definition and returns it as a storable
 * {@link Submission}, with a SHA-256 digest for every artifact so later tampering shows.
 *
 * Throws `ERR_SUBMISSION_INVALID` listing every problem in `details.problems` (`{ path, message }`,
 * paths like `components.plan.artifacts[0].digest`): a definition id/version mismatch, an unknown
 * component, artifact requirement or prompt, a missing required artifact or reflection, a reflection
 * under its `minWords`, a URL that is not https or has no digest, a digest that does not match the
 * inline content.
 *
 * @example
 * const submission = await createSubmission(definition, {
 *   candidate: { name: 'Ana Ruiz', email: 'ana.ruiz@riverbend.example' },
 *   components: {
 *     plan: { artifacts: [{ requirement: 'lesson-plan', text: planText }], reflections: { why: answer } },
 *   },
 * });
 */
export async function createSubmission(
  definition: CompetencyDefinition,
  input: SubmissionInput,
  options: SubmissionOptions = {},
): Promise<Submission> {
  return buildSubmission(definition, input, options, { attempt: 1 }, []);
}

/**
 * A new attempt after a submission that did not pass: the same definition (any version of it) and
 * candidate, `attempt` one more than `previous`, `previousSubmission` set to its id. Reviews of the
 * earlier attempt do not count for this one: {@link decide} ignores them.
 *
 * Throws `ERR_SUBMISSION_INVALID` as {@link createSubmission} does, and when `previous` is for
 * another definition or `input.candidate` is not the same person (no shared email or DID).
 *
 * @example
 * const second = await resubmit(definition, first, { components: revisedComponents });
 * second.attempt // 2
 */
export async function resubmit(
  definition: CompetencyDefinition,
  previous: Submission,
  input: ResubmissionInput,
  options: SubmissionOptions = {},
): Promise<Submission> {
  const problems: Problem[] = [];
  const valid =
    typeof previous === 'object' &&
    previous !== null &&
    typeof previous.id === 'string' &&
    Number.isInteger(previous.attempt) &&
    previous.attempt >= 1;
  if (!valid) {
    problems.push({
      path: 'previousSubmission',
      message: 'The previous submission is not a stored submission (it needs an id and an attempt number).',
    });
  } else {
    if (previous.definition?.id !== definition.id) {
      problems.push({
        path: 'previousSubmission',
        message: `The previous submission was for ${String(previous.definition?.id)}, not ${definition.id}.`,
      });
    }
    if (options.id !== undefined && options.id === previous.id) {
      problems.push({ path: 'id', message: "A resubmission needs an id of its own, not the previous attempt's." });
    }
    if (input.candidate !== undefined && !samePerson(input.candidate, previous.candidate)) {
      problems.push({
        path: 'candidate',
        message:
          'A resubmission must come from the same candidate (same email address or DID as the previous attempt).',
      });
    }
  }
  const candidate = input.candidate ?? previous?.candidate;
  return buildSubmission(
    definition,
    { ...input, candidate: candidate as Candidate },
    options,
    { attempt: (previous?.attempt ?? 0) + 1, previousSubmission: previous?.id },
    problems,
  );
}

async function buildSubmission(
  definition: CompetencyDefinition,
  input: SubmissionInput,
  options: SubmissionOptions,
  lineage: { attempt: number; previousSubmission?: string | undefined },
  earlierProblems: Problem[],
): Promise<Submission> {
  const problems = [...earlierProblems, ...(await submissionProblems(definition, input))];
  if (options.id !== undefined && !isUri(options.id)) {
    problems.push({
      path: 'id',
      message: `The submission id must be a URI (e.g. urn:uuid:…), not "${String(options.id)}".`,
    });
  }
  if (problems.length > 0) {
    throw new MicrocredError(
      ErrorCode.SUBMISSION_INVALID,
      `The submission for ${definition?.name ?? 'the definition'} has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems[0]!.path}: ${problems[0]!.message}`,
      { problems },
    );
  }
  const components: Record<string, SubmittedComponent> = {};
  for (const component of definition.components ?? []) {
    const given = input.components[component.id];
    if (!given) continue;
    const reflections: Record<string, string> = {};
    for (const prompt of component.evidence.reflection ?? []) {
      const answer = given.reflections?.[prompt.id];
      if (typeof answer === 'string' && answer.trim() !== '') reflections[prompt.id] = answer;
    }
    components[component.id] = {
      artifacts: await Promise.all((given.artifacts ?? []).map(storedArtifact)),
      reflections,
    };
  }
  return {
    id: options.id ?? newUrnUuid(),
    definition: { id: definition.id, version: definition.version },
    candidate: storedCandidate(input.candidate),
    submittedAt: timestamp(options.now),
    attempt: lineage.attempt,
    ...(lineage.previousSubmission !== undefined ? { previousSubmission: lineage.previousSubmission } : {}),
    components,
  };
}

function storedCandidate(candidate: Candidate): Candidate {
  return {
    name: candidate.name.trim(),
    ...(candidate.email !== undefined ? { email: candidate.email.trim() } : {}),
    ...(candidate.did !== undefined ? { did: candidate.did.trim() } : {}),
  };
}

/** Same person: a shared email address (ignoring case) or DID. */
function samePerson(a: Partial<Candidate> | undefined, b: Partial<Candidate> | undefined): boolean {
  if (!a || !b) return false;
  const sameEmail =
    typeof a.email === 'string' && typeof b.email === 'string' && normalizeEmail(a.email) === normalizeEmail(b.email);
  const sameDid = typeof a.did === 'string' && typeof b.did === 'string' && a.did.trim() === b.did.trim();
  return sameEmail || sameDid;
}
