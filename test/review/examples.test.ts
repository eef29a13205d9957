// The example submission and reviews under examples/ stay valid and decide as examples/reviews/README.md says.
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
const definition = parseCompetency(read('competencies/formative-assessment-math.yaml'));
const submission = JSON.parse(read('submissions/hinge-questions-math.json')) as Submission;
const reviews = (...names: string[]) => names.map((name) => JSON.parse(read(`reviews/${name}.json`)) as Review);

describe('examples/submissions and examples/reviews', () => {
  it('the submission is for the example definition and its inline artifacts match their digests', async () => {
    expect(submission.definition).toEqual({ id: definition.id, version: definition.version });
    const inline = Object.values(submission.components)
      .flatMap((c) => c.artifacts)
      .filter((a) => a.text !== undefined);
    expect(inline).toHaveLength(3);
    for (const artifact of inline) expect(await verifyArtifact(artifact)).toBe(true);
  });

  it('every review pins the submission as stored', async () => {
    const digest = await submissionDigest(submission);
    const all = reviews(
      'approve-hale',
      'approve-natarajan',
      'split-reyes',
      'split-lee',
      'adjudicate-okafor',
      'reject-kowalski',
      'reject-brooks',
    );
    for (const review of all)
      expect({ id: review.id, submission: review.submission, digest: review.submissionDigest }).toEqual({
        id: review.id,
        submission: submission.id,
        digest,
      });
  });

  it('decides each scenario as the README says', async () => {
    expect((await decide(definition, submission, reviews('approve-hale', 'approve-natarajan'))).status).toBe(
      'approved',
    );
    const split = await decide(definition, submission, reviews('split-reyes', 'split-lee'));
    expect(split.status).toBe('pending');
    expect(split.reasons.map((r) => [r.code, r.component])).toEqual([['ERR_REVIEWERS_DISAGREE', 'adjust-instruction']]);
    const adjudicated = await decide(definition, submission, reviews('split-reyes', 'split-lee', 'adjudicate-okafor'));
    expect(adjudicated.status).toBe('approved');
    expect(adjudicated.reviewers.map((r) => r.name)).toEqual(['Tomás Reyes', 'Jordan Lee', 'Renee Okafor']);
    expect(
      (await decide(definition, submission, reviews('split-reyes', 'split-lee'), { onDisagreement: 'all-must-pass' }))
        .status,
    ).toBe('rejected');
    const rejected = await decide(definition, submission, reviews('reject-kowalski', 'reject-brooks'));
    expect(rejected.status).toBe('rejected');
    expect(rejected.components).toEqual({
      'adjust-instruction': expect.objectContaining({ level: 'not-yet', passing: false }),
    });
    expect((await decide(definition, submission, reviews('approve-hale'))).reasons.map((r) => r.code)).toEqual([
      'ERR_TOO_FEW_REVIEWERS',
    ]);
  });
});
