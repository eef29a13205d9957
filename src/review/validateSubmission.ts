// Every problem of a submission input against its definition, each with the JSON path it concerns.
import type { ProblemDetail } from '../errors.js';
import type { CompetencyDefinition, Component } from '../competency/types.js';
import { isJsonObject, joinPath } from '../jsonPath.js';
import { looksLikeEmail } from '../identity/hash.js';
import { isDid } from '../identifiers.js';
import { DIGEST_PATTERN, sha256Digest } from './canonical.js';
import { isNonEmptyString } from './ids.js';
import type { ArtifactInput, ComponentSubmissionInput, SubmissionInput } from './submission.js';

/** A problem of a submission or review: a {@link ProblemDetail} that always has its path. */
export type Problem = ProblemDetail & { path: string };

/** Words in an answer, as a person would count them (runs of non-space characters). */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

export async function submissionProblems(definition: CompetencyDefinition, input: SubmissionInput): Promise<Problem[]> {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (!definition?.components?.length) {
    add(
      'definition',
      `${definition?.name ?? 'This definition'} has no components to submit evidence for (a stack is earned by holding its credentials).`,
    );
    return problems;
  }
  if (typeof input !== 'object' || input === null) {
    add('', 'The submission must be an object with a candidate and components.');
    return problems;
  }
  if (input.definition !== undefined) {
    if (input.definition?.id !== definition.id)
      add('definition.id', `The submission is for ${String(input.definition?.id)}, not ${definition.id}.`);
    else if (input.definition?.version !== definition.version)
      add(
        'definition.version',
        `The submission is for version ${String(input.definition?.version)} of the definition, not ${definition.version}.`,
      );
  }
  candidateProblems(input.candidate, add);

  const given = input.components;
  if (!isJsonObject(given)) {
    add('components', 'components must be an object keyed by component id.');
    return problems;
  }
  const known = new Map(definition.components.map((c) => [c.id, c]));
  for (const id of Object.keys(given)) {
    if (!known.has(id))
      add(
        joinPath('components', id),
        `"${id}" is not a component of ${definition.name} (expected one of: ${[...known.keys()].join(', ')}).`,
      );
  }
  for (const component of definition.components) {
    await componentProblems(component, given[component.id] ?? {}, joinPath('components', component.id), add);
  }
  return problems;
}

function candidateProblems(
  candidate: SubmissionInput['candidate'] | undefined,
  add: (path: string, message: string) => void,
): void {
  if (typeof candidate !== 'object' || candidate === null) {
    add('candidate', 'The candidate (name, and email or DID) is required.');
    return;
  }
  if (!isNonEmptyString(candidate.name)) add('candidate.name', "The candidate's name is required.");
  if (candidate.email === undefined && candidate.did === undefined)
    add('candidate', 'The candidate needs an email address or a DID.');
  if (candidate.email !== undefined && !looksLikeEmail(candidate.email))
    add('candidate.email', `"${String(candidate.email)}" is not an email address.`);
  if (candidate.did !== undefined && !isDid(candidate.did)) {
    add('candidate.did', `"${String(candidate.did)}" is not a DID (did:<method>:<id>).`);
  }
}

async function componentProblems(
  component: Component,
  given: ComponentSubmissionInput,
  base: string,
  add: (path: string, message: string) => void,
): Promise<void> {
  const artifacts = given.artifacts ?? [];
  const artifactsPath = joinPath(base, 'artifacts');
  if (!Array.isArray(artifacts)) {
    add(artifactsPath, 'artifacts must be an array.');
  } else {
    for (const [i, artifact] of artifacts.entries())
      await artifactProblems(component, artifact, joinPath(artifactsPath, i), add);
    for (const requirement of component.evidence.artifacts) {
      const present = artifacts.some((a) => a?.requirement === requirement.id);
      if (requirement.required !== false && !present)
        add(artifactsPath, `The required artifact "${requirement.id}" (${requirement.name}) is missing.`);
    }
  }

  const reflections = given.reflections ?? {};
  const reflectionsPath = joinPath(base, 'reflections');
  if (!isJsonObject(reflections)) {
    add(reflectionsPath, 'reflections must be an object keyed by prompt id.');
    return;
  }
  const prompts = component.evidence.reflection ?? [];
  for (const id of Object.keys(reflections)) {
    if (!prompts.some((p) => p.id === id))
      add(joinPath(reflectionsPath, id), `"${id}" is not a reflection prompt of component "${component.id}".`);
  }
  for (const prompt of prompts) {
    const path = joinPath(reflectionsPath, prompt.id);
    const answer = reflections[prompt.id];
    if (answer !== undefined && typeof answer !== 'string') {
      add(path, 'A reflection answer must be text.');
    } else if (answer === undefined || answer.trim() === '') {
      if (prompt.required !== false) add(path, `The reflection "${prompt.prompt}" needs an answer.`);
    } else if (prompt.minWords && wordCount(answer) < prompt.minWords) {
      add(path, `The answer has ${wordCount(answer)} words; this reflection asks for at least ${prompt.minWords}.`);
    }
  }
}

async function artifactProblems(
  component: Component,
  artifact: ArtifactInput,
  path: string,
  add: (path: string, message: string) => void,
): Promise<void> {
  if (typeof artifact !== 'object' || artifact === null) {
    add(path, 'An artifact must be an object.');
    return;
  }
  if (!component.evidence.artifacts.some((r) => r.id === artifact.requirement)) {
    const expected = component.evidence.artifacts.map((r) => r.id).join(', ');
    add(
      joinPath(path, 'requirement'),
      `"${String(artifact.requirement)}" is not an artifact requirement of component "${component.id}" (expected one of: ${expected}).`,
    );
  }
  for (const key of ['name', 'mediaType'] as const) {
    if (artifact[key] !== undefined && !isNonEmptyString(artifact[key]))
      add(joinPath(path, key), `${key} must be non-empty text.`);
  }
  const sources = (['url', 'text', 'bytes'] as const).filter((key) => artifact[key] !== undefined);
  if (sources.length !== 1) {
    add(path, `Give exactly one of url, text or bytes (found ${sources.length === 0 ? 'none' : sources.join(', ')}).`);
    return;
  }
  if (artifact.digest !== undefined && !(typeof artifact.digest === 'string' && DIGEST_PATTERN.test(artifact.digest))) {
    add(joinPath(path, 'digest'), `The digest must be sha256:<64 hex digits>, not "${String(artifact.digest)}".`);
    return;
  }
  if (artifact.url !== undefined) {
    if (!isHttpsUrl(artifact.url))
      add(joinPath(path, 'url'), `The artifact URL must be https, not "${String(artifact.url)}".`);
    if (artifact.digest === undefined)
      add(
        joinPath(path, 'digest'),
        'A URL artifact needs the sha256 digest of its content (computed when it was collected; microcred does not fetch it).',
      );
    return;
  }
  if (artifact.text !== undefined && !isNonEmptyString(artifact.text)) {
    add(joinPath(path, 'text'), 'The artifact text is empty.');
    return;
  }
  if (artifact.bytes !== undefined && !(artifact.bytes instanceof Uint8Array && artifact.bytes.length > 0)) {
    add(joinPath(path, 'bytes'), 'bytes must be a non-empty Uint8Array.');
    return;
  }
  if (artifact.digest !== undefined) {
    const actual = await sha256Digest((artifact.text ?? artifact.bytes)!);
    if (actual !== artifact.digest.toLowerCase())
      add(
        joinPath(path, 'digest'),
        `The digest does not match the artifact's content (its content hashes to ${actual}).`,
      );
  }
}

function isHttpsUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}
