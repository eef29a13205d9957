// The science example (Elena Marsh's argumentation submission and its two approving reviews) stays valid and approves.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  decide,
  parseCompetency,
  submissionDigest,
  verifyArtifact,
  type Review,
  type Submission,
} from '../../src/index.js';

const read = (path: string) => readFileSync(new URL(`../../examples/${path}`, import.meta.url), 'utf8');
const definition = parseCompetency(read('competencies/science-argumentation-discourse.yaml'));
const submission = JSON.parse(read('submissions/science-argumentation.json')) as Submission;
const reviews = ['science-approve-shah', 'science-approve-ortega'].map(
  (name) => JSON.parse(read(`reviews/${name}.json`)) as Review,
);

describe('examples: science argumentation submission and reviews', () => {
  it("is Elena Marsh's submission for the science definition, and every inline artifact matches its digest", async () => {
    expect(submission.definition).toEqual({ id: definition.id, version: definition.version });
    expect(submission.candidate).toEqual({ name: 'Elena Marsh', email: 'elena.marsh@riverbend.example' });
    const inline = Object.values(submission.components)
      .flatMap((c) => c.artifacts)
      .filter((a) => a.text !== undefined);
    expect(inline.map((a) => a.requirement)).toEqual(['norms-chart', 'annotated-transcript', 'scoring-notes']);
    for (const artifact of inline) expect(await verifyArtifact(artifact)).toBe(true);
  });

  it('both reviews pin the submission as stored', async () => {
    const digest = await submissionDigest(submission);
    for (const review of reviews)
      expect({ submission: review.submission, digest: review.submissionDigest }).toEqual({
        submission: submission.id,
        digest,
      });
  });

  it('the two reviews approve it, each component settled at the lower level given', async () => {
    const decision = await decide(definition, submission, reviews);
    expect(decision.status).toBe('approved');
    expect(decision.reasons).toEqual([]);
    expect(decision.reviewers.map((r) => r.name)).toEqual(['Dr. Priya Shah', 'Tomás Ortega']);
    expect(
      Object.fromEntries(Object.entries(decision.components).map(([id, c]) => [id, [c.level, c.passing]])),
    ).toEqual({
      'talk-norms': ['exemplary', true],
      'facilitate-discussion': ['proficient', true],
      'student-argumentation': ['proficient', true],
    });
  });
});
