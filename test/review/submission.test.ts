import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSubmission, resubmit, submissionDigest, verifyArtifact } from '../../src/index.js';
import { CANDIDATE, NOW, formativeAssessment, later, submissionInput } from './helpers.js';
import { rejection } from '../helpers/errors.js';

const definition = formativeAssessment();
const hex = (text: string | Uint8Array) => createHash('sha256').update(text).digest('hex');

/** The problems of the ERR_SUBMISSION_INVALID that `promise` rejects with. */
async function problemsOf(promise: Promise<unknown>): Promise<{ path?: string; message: string }[]> {
  return (await rejection(promise, 'ERR_SUBMISSION_INVALID')).details.problems ?? [];
}

describe('createSubmission', () => {
  it('stores plain JSON: urn:uuid id, definition, candidate, time, attempt 1 and a digest per artifact', async () => {
    const submission = await createSubmission(definition, submissionInput(), { now: NOW });
    expect(submission.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(submission.definition).toEqual({ id: definition.id, version: '1.0.0' });
    expect(submission.candidate).toEqual(CANDIDATE);
    expect(submission.submittedAt).toBe('2026-03-02T15:30:00Z');
    expect(submission.attempt).toBe(1);
    expect(submission.previousSubmission).toBeUndefined();
    const plan = submission.components.plan!.artifacts[0]!;
    expect(plan.digest).toBe(`sha256:${hex(plan.text!)}`);
    expect(Object.keys(submission.components)).toEqual(['plan', 'enact', 'reflect']);
    expect(JSON.parse(JSON.stringify(submission))).toEqual(submission);
  });

  it('stores inline bytes as base64 with the digest of the bytes', async () => {
    const bytes = Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0xff, 0x00, 0xfe]);
    const input = submissionInput();
    input.components.plan!.artifacts!.push({ requirement: 'exit-ticket', bytes, mediaType: 'application/pdf' });
    const submission = await createSubmission(definition, input, { now: NOW });
    const stored = submission.components.plan!.artifacts[1]!;
    expect(stored.base64).toBe(Buffer.from(bytes).toString('base64'));
    expect(stored.digest).toBe(`sha256:${hex(bytes)}`);
    expect(await verifyArtifact(stored)).toBe(true);
  });

  it('keeps the digest a URL artifact came with (lower-cased) and accepts a matching digest for inline text', async () => {
    const input = submissionInput();
    input.components.enact!.artifacts![0]!.digest = input.components
      .enact!.artifacts![0]!.digest!.toUpperCase()
      .replace('SHA256', 'sha256');
    input.components.plan!.artifacts![0]!.digest = `sha256:${hex(input.components.plan!.artifacts![0]!.text!)}`;
    const submission = await createSubmission(definition, input);
    expect(submission.components.enact!.artifacts[0]!.digest).toBe(
      'sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
    );
  });

  it('lets optional artifacts and reflections be left out', async () => {
    const input = submissionInput();
    input.components.reflect!.reflections = { impact: input.components.reflect!.reflections!.impact!, next: '   ' };
    const submission = await createSubmission(definition, input);
    expect(submission.components.plan!.artifacts.map((a) => a.requirement)).toEqual(['lesson-plan']);
    expect(submission.components.reflect!.reflections).toEqual({
      impact: input.components.reflect!.reflections.impact,
    });
  });

  it('lists every problem with its path', async () => {
    const input = submissionInput({ definition: { id: definition.id, version: '2.0.0' } });
    input.components.plan = {
      artifacts: [{ requirement: 'lesson-plan', text: 'Hinge question', digest: `sha256:${'0'.repeat(64)}` }],
      reflections: { rationale: 'Too short to count.' },
    };
    input.components.enact = {
      artifacts: [
        { requirement: 'student-work', url: 'http://files.riverbend.example/work.pdf' },
        { requirement: 'video', text: 'x' },
      ],
      reflections: {},
    };
    input.components.homework = {};
    const problems = await problemsOf(createSubmission(definition, input));
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'definition.version',
        'components.homework',
        'components.plan.artifacts[0].digest',
        'components.plan.reflections.rationale',
        'components.enact.artifacts[0].url',
        'components.enact.artifacts[0].digest',
        'components.enact.artifacts[1].requirement',
        'components.enact.reflections.adjustment',
      ]),
    );
    expect(problems.find((p) => p.path === 'components.plan.reflections.rationale')!.message).toMatch(
      /4 words.*at least 12/,
    );
    expect(problems.find((p) => p.path === 'components.plan.artifacts[0].digest')!.message).toContain(
      `sha256:${hex('Hinge question')}`,
    );
  });

  it('names a missing required artifact and a missing required reflection', async () => {
    const input = submissionInput();
    delete input.components.enact;
    const problems = await problemsOf(createSubmission(definition, input));
    expect(problems).toEqual([
      { path: 'components.enact.artifacts', message: expect.stringContaining('"student-work"') },
      { path: 'components.enact.reflections.adjustment', message: expect.stringContaining('needs an answer') },
    ]);
  });

  it('refuses a definition id it was not made for, a candidate without email or DID, and an artifact with two sources', async () => {
    const input = submissionInput({
      definition: { id: 'https://pd.riverbend.example/microcredentials/other', version: '1.0.0' },
      candidate: { name: 'Dana Whitfield' },
    });
    input.components.plan!.artifacts![0]!.url = 'https://files.riverbend.example/plan.pdf';
    const paths = (await problemsOf(createSubmission(definition, input))).map((p) => p.path);
    expect(paths).toEqual(['definition.id', 'candidate', 'components.plan.artifacts[0]']);
  });

  it('refuses a DID that is not one and an email that is not one', async () => {
    const paths = (
      await problemsOf(
        createSubmission(
          definition,
          submissionInput({ candidate: { name: 'D', email: 'dana at riverbend', did: 'dana' } }),
        ),
      )
    ).map((p) => p.path);
    expect(paths).toEqual(['candidate.email', 'candidate.did']);
  });
});

describe('verifyArtifact: later tampering shows', () => {
  it('accepts the content that was submitted and rejects a changed one', async () => {
    const submission = await createSubmission(definition, submissionInput());
    const plan = submission.components.plan!.artifacts[0]!;
    expect(await verifyArtifact(plan, plan.text!)).toBe(true);
    expect(await verifyArtifact(plan, `${plan.text!} (edited)`)).toBe(false);
    expect(await verifyArtifact({ ...plan, text: 'Hinge question at minute 20' })).toBe(false);
  });

  it('says false, never throws, for stored base64 that does not decode', async () => {
    const digest = `sha256:${'0'.repeat(64)}`;
    for (const base64 of ['abcde', 'ab-c', '====']) expect(await verifyArtifact({ digest, base64 })).toBe(false);
  });

  it('checks a URL artifact against the bytes fetched later; without content it cannot say yes', async () => {
    const submission = await createSubmission(definition, submissionInput());
    const work = submission.components.enact!.artifacts[0]!;
    expect(await verifyArtifact(work, new TextEncoder().encode('foo'))).toBe(true);
    expect(await verifyArtifact(work, 'foO')).toBe(false);
    expect(await verifyArtifact(work)).toBe(false);
    expect(await verifyArtifact({ digest: 'md5:abc' }, 'foo')).toBe(false);
  });
});

describe('submissionDigest', () => {
  it('does not depend on key order and changes with any content', async () => {
    const submission = await createSubmission(definition, submissionInput(), {
      now: NOW,
      id: 'urn:uuid:6f1e4a52-8a8c-4f4e-9d0a-3c1b2f7e9a10',
    });
    const reordered = Object.fromEntries(Object.entries(submission).reverse()) as typeof submission;
    const digest = await submissionDigest(submission);
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await submissionDigest(reordered)).toBe(digest);
    const changed = structuredClone(submission);
    changed.components.reflect!.reflections.impact += ' ';
    expect(await submissionDigest(changed)).not.toBe(digest);
  });
});

describe('resubmit', () => {
  it('is the next attempt by the same candidate, pointing at the previous one', async () => {
    const first = await createSubmission(definition, submissionInput(), { now: NOW });
    const { candidate: _candidate, ...rest } = submissionInput();
    const second = await resubmit(definition, first, rest, { now: later(60 * 24 * 7) });
    expect(second.attempt).toBe(2);
    expect(second.previousSubmission).toBe(first.id);
    expect(second.id).not.toBe(first.id);
    expect(second.candidate).toEqual(first.candidate);
    const third = await resubmit(definition, second, {
      ...rest,
      candidate: { name: 'Dana W.', email: 'dana.whitfield@RIVERBEND.example' },
    });
    expect(third.attempt).toBe(3);
  });

  it('refuses another candidate, another definition, and the previous id', async () => {
    const first = await createSubmission(definition, submissionInput());
    const other = { name: 'Sam Ortiz', email: 'sortiz@riverbend.example' };
    expect(
      (await problemsOf(resubmit(definition, first, submissionInput({ candidate: other })))).map((p) => p.path),
    ).toEqual(['candidate']);
    const elsewhere = {
      ...first,
      definition: { id: 'https://pd.riverbend.example/microcredentials/other', version: '1.0.0' },
    };
    expect((await problemsOf(resubmit(definition, elsewhere, submissionInput())))[0]!.path).toBe('previousSubmission');
    expect((await problemsOf(resubmit(definition, first, submissionInput(), { id: first.id })))[0]!.path).toBe('id');
  });
});
