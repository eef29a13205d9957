// The real flow for the stack and issue-from-decision tests: the example definitions, a teacher's
// submission, two independent approving reviews, a decision, and the credential it earns.
import { readFileSync } from 'node:fs';
import {
  createSubmission,
  decide,
  issueFromDecision,
  parseCompetency,
  recordReview,
  type ApprovedDecision,
  type Candidate,
  type CompetencyDefinition,
  type IssueFromDecisionOptions,
  type Key,
  type Review,
  type SignedCredential,
  type Submission,
  type SubmissionInput,
} from '../../src/index.js';

/** The clock the submission is made at; reviews, the decision and issuing follow it. */
export const SUBMITTED = new Date('2026-03-02T15:30:00Z');
/** When the reviews are made, and the decision. */
export const REVIEWED = new Date('2026-03-04T10:00:00Z');
export const DECIDED = new Date('2026-03-05T09:00:00Z');
/** When the credentials are issued and when they are checked. */
export const ISSUED = new Date('2026-03-05T09:30:00Z');
export const CHECKED = new Date('2026-06-01T12:00:00Z');

/** The text of a file under examples/. */
export function readExample(path: string): string {
  return readFileSync(new URL(`../../examples/${path}`, import.meta.url), 'utf8');
}

export const mathDefinition = (): CompetencyDefinition =>
  parseCompetency(readExample('competencies/formative-assessment-math.yaml'));
export const scienceDefinition = (): CompetencyDefinition =>
  parseCompetency(readExample('competencies/science-argumentation-discourse.yaml'));
export const leaderDefinition = (): CompetencyDefinition =>
  parseCompetency(readExample('competencies/student-thinking-leader.yaml'));
export const exampleSubmission = (): Submission =>
  JSON.parse(readExample('submissions/hinge-questions-math.json')) as Submission;
export const exampleReviews = (...names: string[]): Review[] =>
  names.map((name) => JSON.parse(readExample(`reviews/${name}.json`)) as Review);

/** Elena Marsh, the teacher of the example submission. */
export const ELENA: Candidate = { name: 'Elena Marsh', email: 'elena.marsh@riverbend.example' };

/** The example math submission as an input for another candidate (its artifacts and reflections unchanged). */
export function mathInput(candidate: Candidate): SubmissionInput {
  const stored = exampleSubmission();
  const components: SubmissionInput['components'] = {};
  for (const [id, component] of Object.entries(stored.components)) {
    components[id] = {
      artifacts: component.artifacts.map((a) => ({
        requirement: a.requirement,
        ...(a.name ? { name: a.name } : {}),
        ...(a.mediaType ? { mediaType: a.mediaType } : {}),
        ...(a.url ? { url: a.url } : { text: a.text! }),
        digest: a.digest,
      })),
      reflections: { ...component.reflections },
    };
  }
  return { candidate, components };
}

const words = (n: number, sentence: string) => {
  const pool = sentence.split(' ');
  return Array.from({ length: n }, (_, i) => pool[i % pool.length]).join(' ');
};

/** A complete submission for the science argumentation definition (one URL artifact, the rest inline). */
export function scienceInput(candidate: Candidate): SubmissionInput {
  return {
    candidate,
    components: {
      'talk-norms': {
        artifacts: [
          {
            requirement: 'norms-chart',
            name: 'Period 2 norms chart',
            mediaType: 'text/plain',
            text: 'We disagree with ideas, not people. Say what evidence made you think so. Build on or challenge the last speaker.',
          },
        ],
        reflections: {
          'norms-origin': words(
            110,
            'Students drafted the norms in groups after watching a recorded discussion and the hardest one is waiting for a peer to finish.',
          ),
        },
      },
      'facilitate-discussion': {
        artifacts: [
          {
            requirement: 'discussion-video',
            name: 'Discussion of the ice-melting investigation',
            mediaType: 'video/mp4',
            url: 'https://files.riverbend.example/pd/emarsh/argumentation/discussion.mp4',
            digest: 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
          },
          {
            requirement: 'annotated-transcript',
            name: 'Minutes 6 to 11, annotated',
            mediaType: 'text/plain',
            text: 'T (revoice): So you are saying the metal block feels colder because it moves heat away faster?',
          },
        ],
      },
      'student-argumentation': {
        artifacts: [
          {
            requirement: 'cer-samples',
            name: 'Four CER responses',
            mediaType: 'text/plain',
            text: 'Student A revised: the metal block melted the ice faster because metal conducts heat from the room to the ice.',
          },
          {
            requirement: 'scoring-notes',
            name: 'CER rubric scores',
            mediaType: 'text/plain',
            text: 'A 3/3, B 3/3, C 2/3, D 3/3 on the claim, evidence and reasoning rubric.',
          },
        ],
        reflections: {
          revision: words(
            210,
            'Two students changed their claims after a peer pointed to the temperature data and asked how the block could feel cold yet melt ice faster.',
          ),
        },
      },
    },
  };
}

export const REVIEWERS = [
  { id: 'mhale@riverbend.example', name: 'Marcus Hale' },
  { id: 'urn:riverbend:staff:4411', name: 'Priya Natarajan', email: 'pnatarajan@riverbend.example' },
];

/** Every component scored at its highest passing level. */
function passingScores(definition: CompetencyDefinition): Record<string, { level: string; feedback: string }> {
  const scores: Record<string, { level: string; feedback: string }> = {};
  for (const component of definition.components ?? []) {
    scores[component.id] = {
      level: component.rubric.levels.find((l) => l.passing)!.id,
      feedback: 'Meets the standard.',
    };
  }
  return scores;
}

export interface Earned {
  submission: Submission;
  decision: ApprovedDecision;
  credential: SignedCredential;
}

/**
 * A submission by `input.candidate`, two approving reviews, the decision and the credential, all
 * through the public API. `issue` adds issue options (another key, validUntil, the clock).
 */
export async function earn(
  definition: CompetencyDefinition,
  input: SubmissionInput,
  key: Key<'ed25519'>,
  issue: Partial<Omit<IssueFromDecisionOptions, 'definition' | 'submission'>> = {},
): Promise<Earned> {
  const submission = await createSubmission(definition, input, { now: SUBMITTED });
  const reviews = await Promise.all(
    REVIEWERS.map((reviewer) =>
      recordReview(definition, submission, { reviewer, components: passingScores(definition) }, { now: REVIEWED }),
    ),
  );
  const decision = await decide(definition, submission, reviews, undefined, { now: DECIDED });
  if (decision.status !== 'approved')
    throw new Error(
      `expected an approved decision, got ${decision.status}: ${decision.reasons.map((r) => r.message).join(' ')}`,
    );
  const credential = await issueFromDecision(decision, { definition, submission, key, now: ISSUED, ...issue });
  return { submission, decision, credential };
}

/** The names of the two micro-credentials the example stack requires. */
export const MATH = 'Hinge Questions in Middle-School Mathematics';
export const SCIENCE = 'Productive Talk for Scientific Argumentation';

/** Elena's two component credentials, earned through the real flow and signed with `key`. */
export async function earnBoth(key: Key<'ed25519'>): Promise<{ math: SignedCredential; science: SignedCredential }> {
  const math = (await earn(mathDefinition(), mathInput(ELENA), key)).credential;
  const science = (await earn(scienceDefinition(), scienceInput(ELENA), key)).credential;
  return { math, science };
}
