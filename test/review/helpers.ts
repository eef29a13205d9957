// Builders for the review tests: a formative-assessment definition as a plain typed object, a
// complete submission input for it, and review inputs that pass or fail chosen components.
import type { CompetencyDefinition, ReviewInput, SubmissionInput } from '../../src/index.js';

/** The clock the review tests pin. */
export const NOW = new Date('2026-03-02T15:30:00Z');

/** A clock `minutes` after {@link NOW}. */
export function later(minutes: number): Date {
  return new Date(NOW.getTime() + minutes * 60_000);
}

const levels = [
  { id: 'proficient', name: 'Proficient', passing: true, points: 3 },
  { id: 'developing', name: 'Developing', passing: false, points: 2 },
  { id: 'not-yet', name: 'Not yet', passing: false, points: 1 },
];

/** Formative assessment: plan, enact, reflect; each scored Proficient (passing) / Developing / Not yet. */
export function formativeAssessment(): CompetencyDefinition {
  return {
    id: 'https://pd.riverbend.example/microcredentials/formative-assessment',
    version: '1.0.0',
    name: 'Formative Assessment in Practice',
    description: 'Uses in-lesson checks for understanding to adjust instruction.',
    issuer: { name: 'Riverbend Unified Professional Learning' },
    competency: 'The educator uses formative assessment data to adjust instruction during a lesson.',
    components: [
      {
        id: 'plan',
        name: 'Plan the checks',
        description: 'A lesson plan with planned checks for understanding and decision points.',
        evidence: {
          artifacts: [
            { id: 'lesson-plan', name: 'Lesson plan', genre: 'Lesson plan' },
            { id: 'exit-ticket', name: 'Exit ticket', required: false },
          ],
          reflection: [{ id: 'rationale', prompt: 'Why these checks, at these points?', minWords: 12 }],
        },
        rubric: { levels },
      },
      {
        id: 'enact',
        name: 'Adjust in the moment',
        description: 'Evidence that the lesson changed course in response to student responses.',
        evidence: {
          artifacts: [{ id: 'student-work', name: 'Student work samples', genre: 'Student work sample' }],
          reflection: [{ id: 'adjustment', prompt: 'What did you change, and what prompted it?', minWords: 12 }],
        },
        rubric: { levels },
      },
      {
        id: 'reflect',
        name: 'Reflect on impact',
        description: 'A reflection on what the data showed and what changes next.',
        evidence: {
          artifacts: [],
          reflection: [
            { id: 'impact', prompt: 'What did the data show about student learning?', minWords: 12 },
            { id: 'next', prompt: 'What will you do differently?', required: false },
          ],
        },
        rubric: { levels },
      },
    ],
  };
}

export const CANDIDATE = { name: 'Dana Whitfield', email: 'Dana.Whitfield@riverbend.example' };

const twelveWords = 'Students showed the misconception early, so I regrouped them and retaught with area models.';

/** A complete, valid submission input for {@link formativeAssessment}. */
export function submissionInput(overrides: Partial<SubmissionInput> = {}): SubmissionInput {
  return {
    candidate: { ...CANDIDATE },
    components: {
      plan: {
        artifacts: [
          {
            requirement: 'lesson-plan',
            name: 'Ratio tables lesson',
            text: 'Hinge question at minute 15: which table is proportional?',
          },
        ],
        reflections: {
          rationale: 'The hinge question separates students who scale both columns from those who add a constant.',
        },
      },
      enact: {
        artifacts: [
          {
            requirement: 'student-work',
            url: 'https://files.riverbend.example/pd/dw/student-work.pdf',
            mediaType: 'application/pdf',
            digest: 'sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
          },
        ],
        reflections: { adjustment: twelveWords },
      },
      reflect: {
        reflections: {
          impact: 'Exit tickets rose from nine to twenty-one correct out of twenty-six students after reteaching.',
        },
      },
    },
    ...overrides,
  };
}

type Level = 'proficient' | 'developing' | 'not-yet';

/** A review input by `who` giving each component `level` (default proficient), with feedback where needed. */
export function reviewInput(
  who: { id: string; name: string; email?: string; role?: 'reviewer' | 'adjudicator' },
  levelsByComponent: Partial<Record<'plan' | 'enact' | 'reflect', Level>> = {},
): ReviewInput {
  const components: ReviewInput['components'] = {};
  for (const id of ['plan', 'enact', 'reflect'] as const) {
    const level = levelsByComponent[id] ?? 'proficient';
    components[id] = {
      level,
      feedback: level === 'proficient' ? 'Meets the standard.' : `Revise ${id}: the evidence does not yet show it.`,
    };
  }
  return { reviewer: who, components };
}

export const REVIEWER_A = { id: 'mhale@riverbend.example', name: 'Marcus Hale' };
export const REVIEWER_B = {
  id: 'urn:riverbend:staff:4411',
  name: 'Priya Natarajan',
  email: 'pnatarajan@riverbend.example',
};
export const REVIEWER_C = { id: 'did:web:pd.riverbend.example:staff:jlee', name: 'Jordan Lee' };
export const ADJUDICATOR = {
  id: 'lead.assessor@riverbend.example',
  name: 'Renee Okafor',
  role: 'adjudicator' as const,
};
