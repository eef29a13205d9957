// `microcred issue` from a reviewed submission and from a stack, using the example definitions,
// submission and reviews; the science credential the stack also needs is issued with the library.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createSubmission,
  decide,
  importKey,
  issueFromDecision,
  parseCompetency,
  recordReview,
  type CompetencyDefinition,
  type SubmissionInput,
} from '../../src/index.js';
import { cliSession, example, readJsonFile, type CliResult, type CliSession } from './helpers.js';

let session: CliSession;
let dir: string;
let did: string;
const run = (...argv: string[]): Promise<CliResult> => session.run(...argv);

const MATH = example('competencies/formative-assessment-math.yaml');
const SCIENCE = example('competencies/science-argumentation-discourse.yaml');
const STACK = example('competencies/student-thinking-leader.yaml');
const CANDIDATE = { name: 'Elena Marsh', email: 'elena.marsh@riverbend.example' };
const reviewed = (...names: string[]) => [
  '--competency',
  MATH,
  '--submission',
  example('submissions/hinge-questions-math.json'),
  ...names.flatMap((n) => ['--review', example(`reviews/${n}.json`)]),
  '--key',
  'issuer.key.json',
];
const exists = (file: string) =>
  readFile(join(dir, file)).then(
    () => true,
    () => false,
  );

interface Credential {
  id: string;
  issuer: { id: string };
  validUntil?: string;
  awardedDate?: string;
  credentialSubject: {
    id?: string;
    identifier?: { identityType: string; hashed: boolean }[];
    achievement: { id: string };
    result?: { achievedLevel: string }[];
  };
  evidence: { name: string; digestSRI?: string; audience?: string }[];
  proof: { cryptosuite: string };
}

beforeAll(async () => {
  session = await cliSession();
  ({ dir, did } = session);
});

afterAll(async () => {
  expect(session.outputs.length).toBeGreaterThan(15);
  await session.close();
});

describe('issue from a reviewed submission', () => {
  it('the approving pair: writes a credential that "microcred verify" accepts (exit 0)', async () => {
    const result = await run('issue', ...reviewed('approve-hale', 'approve-natarajan'), '--out', 'math.json');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^Approved by Marcus Hale, Priya Natarajan\.\nSigned urn:uuid:[0-9a-f-]+ and wrote it to math\.json\.\n$/,
    );
    const credential = await readJsonFile<Credential>(join(dir, 'math.json'));
    expect(credential.issuer.id).toBe(did);
    expect(credential.credentialSubject.achievement.id).toBe(
      'https://pd.riverbend.example/microcredentials/hinge-questions-math/v1.2.0',
    );
    expect(credential.credentialSubject.result?.map((r) => r.achievedLevel.split('/').at(-1))).toEqual([
      'proficient',
      'proficient',
      'proficient',
    ]);
    // No DID in the submission: the recipient is a salted hash of the email, never the address.
    expect(credential.credentialSubject.identifier?.[0]).toMatchObject({ identityType: 'emailAddress', hashed: true });
    expect(JSON.stringify(credential)).not.toContain(CANDIDATE.email);
    expect(credential.evidence.every((e) => e.digestSRI?.startsWith('sha256-'))).toBe(true);

    const verified = await run('verify', 'math.json');
    expect(verified.status).toBe(0);
    expect(verified.stdout).toContain('✔ Verified');
  });

  it('prints the credential without --out; --now, --valid-until and --evidence-audience reach it', async () => {
    const result = await run(
      'issue',
      ...reviewed('approve-hale', 'approve-natarajan'),
      '--now',
      '2026-02-20T10:00:00Z',
      '--valid-until',
      '2031-02-20',
      '--evidence-audience',
      'Hiring districts',
    );
    expect(result.status).toBe(0);
    const credential = JSON.parse(result.stdout) as Credential;
    // OB 3.0 puts awardedDate on the credential; the decision time is the award time.
    expect(credential.awardedDate).toBe('2026-02-20T10:00:00Z');
    expect(credential.validUntil).toBe('2031-02-20T00:00:00Z');
    expect(credential.evidence.every((e) => e.audience === 'Hiring districts')).toBe(true);
    expect(credential.proof.cryptosuite).toBe('eddsa-rdfc-2022');
  });

  it('the rejecting pair: exit 1, the status and ERR_COMPONENT_NOT_PASSING on stderr, no file written', async () => {
    const result = await run('issue', ...reviewed('reject-kowalski', 'reject-brooks'), '--out', 'rejected.json');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: not issued: the decision is rejected\.\n/);
    expect(result.stderr).toMatch(/^ {2}- ERR_COMPONENT_NOT_PASSING: .*\(component adjust-instruction\)$/m);
    expect(await exists('rejected.json')).toBe(false);
  });

  it("the split pair: exit 1, pending with ERR_REVIEWERS_DISAGREE; with the adjudicator's review it issues", async () => {
    const split = await run('issue', ...reviewed('split-reyes', 'split-lee'), '--out', 'split.json');
    expect(split.status).toBe(1);
    expect(split.stderr).toContain('the decision is pending');
    expect(split.stderr).toMatch(/ERR_REVIEWERS_DISAGREE: .*\(component adjust-instruction\)/);
    expect(await exists('split.json')).toBe(false);

    const adjudicated = await run(
      'issue',
      ...reviewed('split-reyes', 'split-lee', 'adjudicate-okafor'),
      '--out',
      'split.json',
    );
    expect(adjudicated.status).toBe(0);
    expect(adjudicated.stdout).toContain('Approved by Tomás Reyes, Jordan Lee, Renee Okafor.');
    expect((await run('verify', 'split.json')).status).toBe(0);
  });

  it('--on-disagreement all-must-pass: the split pair is rejected (exit 1)', async () => {
    const result = await run(
      'issue',
      ...reviewed('split-reyes', 'split-lee'),
      '--reviewers',
      '2',
      '--on-disagreement',
      'all-must-pass',
      '--out',
      'strict.json',
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('the decision is rejected');
    expect(await exists('strict.json')).toBe(false);
  });

  it('a definition whose issuer is another DID is ERR_ISSUER_MISMATCH (exit 1)', async () => {
    const text = (await readFile(MATH, 'utf8')).replace(/^issuer:\n/m, 'issuer:\n  id: did:web:pd.riverbend.example\n');
    await writeFile(join(dir, 'other-issuer.yaml'), text);
    const argv = reviewed('approve-hale', 'approve-natarajan');
    argv[1] = 'other-issuer.yaml';
    const result = await run('issue', ...argv);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error ERR_ISSUER_MISMATCH: .*did:web:pd\.riverbend\.example.*did:key:/);
  });

  it.each([
    [
      ['issue', '--key', 'issuer.key.json', '--credential', 'c.json', '--competency', MATH],
      /either --credential FILE .* or --competency DEF/,
    ],
    [['issue', '--key', 'issuer.key.json'], /needs --credential FILE .* or --competency DEF/],
    [
      ['issue', '--key', 'issuer.key.json', '--credential', 'c.json', '--review', 'r.json'],
      /--review does not apply with --credential/,
    ],
    [['issue', '--key', 'issuer.key.json', '--competency', MATH, '--review', 'r.json'], /needs --submission/],
    [['issue', '--key', 'issuer.key.json', '--competency', MATH, '--submission', 's.json'], /at least one --review/],
    [['issue', ...reviewed('approve-hale'), '--recipient-did', 'did:example:elena'], /--recipient-did is for stacks/],
    [
      ['issue', ...reviewed('approve-hale'), '--accept-issuer', 'did:example:x'],
      /--accept-issuer does not apply when issuing from reviews/,
    ],
    [['issue', ...reviewed('approve-hale'), '--valid-until', 'soon'], /--valid-until must be/],
    [['issue', ...reviewed('approve-hale'), '--out', 'issuer.key.json'], /would replace the key/],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const result = await run(...argv);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});

/** A complete submission for any definition: text for every required artifact, enough words for every reflection. */
function submissionFor(definition: CompetencyDefinition): SubmissionInput {
  const components: SubmissionInput['components'] = {};
  for (const component of definition.components ?? []) {
    components[component.id] = {
      artifacts: component.evidence.artifacts
        .filter((a) => a.required !== false)
        .map((a) => ({ requirement: a.id, text: `${a.name}: notes from the lesson.` })),
      reflections: Object.fromEntries(
        (component.evidence.reflection ?? []).map((p) => [
          p.id,
          'Students argued from evidence. '.repeat(Math.ceil((p.minWords ?? 1) / 4) + 1),
        ]),
      ),
    };
  }
  return { candidate: CANDIDATE, components };
}

describe('issue a stack', () => {
  beforeAll(async () => {
    // The mathematics credential from the example reviews, the science one through the library.
    expect(
      (await run('issue', ...reviewed('approve-hale', 'approve-natarajan'), '--out', 'stack-math.json')).status,
    ).toBe(0);
    const definition = parseCompetency(await readFile(SCIENCE, 'utf8'), { source: SCIENCE });
    const submission = await createSubmission(definition, submissionFor(definition));
    const levels = Object.fromEntries(
      definition.components!.map((c) => [c.id, { level: 'proficient', feedback: 'Meets the standard.' }]),
    );
    const reviews = await Promise.all(
      ['Ada Osei', 'Ben Ito'].map((name) =>
        recordReview(definition, submission, {
          reviewer: { id: `${name.split(' ')[0]!.toLowerCase()}@riverbend.example`, name },
          components: levels,
        }),
      ),
    );
    const decision = await decide(definition, submission, reviews);
    if (decision.status !== 'approved') throw new Error(`the science decision is ${decision.status}`);
    const key = await importKey(await readJsonFile(join(dir, 'issuer.key.json')));
    await writeFile(
      join(dir, 'stack-science.json'),
      JSON.stringify(await issueFromDecision(decision, { key, definition, submission })),
    );
  });

  const stack = (...argv: string[]) => run('issue', '--competency', STACK, '--key', 'issuer.key.json', ...argv);

  it('from both component credentials: exit 0, and the stack credential verifies', async () => {
    const result = await stack(
      '--component',
      'stack-math.json',
      '--component',
      'stack-science.json',
      '--recipient-email',
      CANDIDATE.email,
      '--accept-issuer',
      did,
      '--out',
      'leader.json',
    );
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const credential = await readJsonFile<Credential>(join(dir, 'leader.json'));
    expect(credential.credentialSubject.achievement.id).toBe(
      'https://pd.riverbend.example/microcredentials/student-thinking-leader/v1.0.0',
    );
    expect(credential.evidence.map((e) => e.name)).toEqual([
      'Hinge Questions in Middle-School Mathematics',
      'Productive Talk for Scientific Argumentation',
    ]);
    expect((await run('verify', 'leader.json')).status).toBe(0);
  });

  it('with one component missing: exit 1 naming it, nothing written', async () => {
    const result = await stack(
      '--component',
      'stack-math.json',
      '--recipient-email',
      CANDIDATE.email,
      '--out',
      'partial.json',
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^error ERR_STACK_COMPONENT_INVALID: not issued: 1 of the 2 micro-credentials .* does not count\.\n/,
    );
    expect(result.stderr).toContain('  ✔ Hinge Questions in Middle-School Mathematics (stack-math.json)\n');
    expect(result.stderr).toMatch(
      /^ {2}✖ Productive Talk for Scientific Argumentation: No credential for "Productive Talk for Scientific Argumentation" was given\.$/m,
    );
    expect(await exists('partial.json')).toBe(false);
  });

  it('for another recipient, or from an issuer not accepted: exit 1 with the reason for each', async () => {
    const other = await stack(
      '--component',
      'stack-math.json',
      '--component',
      'stack-science.json',
      '--recipient-email',
      'someone.else@riverbend.example',
    );
    expect(other.status).toBe(1);
    expect(other.stderr.match(/was awarded to someone else/g)).toHaveLength(2);

    const byDid = await stack(
      '--component',
      'stack-math.json',
      '--component',
      'stack-science.json',
      '--recipient-did',
      'did:example:elena',
    );
    expect(byDid.status).toBe(1);
    expect(byDid.stderr).toContain('was awarded to someone else');

    const issuer = await stack(
      '--component',
      'stack-math.json',
      '--component',
      'stack-science.json',
      '--recipient-email',
      CANDIDATE.email,
      '--accept-issuer',
      'did:web:pd.riverbend.example',
    );
    expect(issuer.status).toBe(1);
    expect(issuer.stderr).toContain('which this stack does not accept');
  });

  it('a tampered component does not verify (exit 1)', async () => {
    const math = await readJsonFile<Record<string, unknown>>(join(dir, 'stack-math.json'));
    await writeFile(join(dir, 'tampered.json'), JSON.stringify({ ...math, name: 'Something Else' }));
    const result = await stack(
      '--component',
      'tampered.json',
      '--component',
      'stack-science.json',
      '--recipient-email',
      CANDIDATE.email,
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /✖ Hinge Questions in Middle-School Mathematics \(tampered\.json\): .*does not verify.*ERR_SIGNATURE_INVALID/,
    );
  });

  it.each([
    [['--component', 'stack-math.json'], /--recipient-email EMAIL or --recipient-did DID/],
    [
      ['--component', 'stack-math.json', '--recipient-email', 'a@b.example', '--recipient-did', 'did:example:a'],
      /one of them/,
    ],
    [['--component', 'stack-math.json', '--recipient-email', 'not-an-email'], /must be an email address/],
    [['--component', 'stack-math.json', '--recipient-did', 'elena'], /must be a DID/],
    [
      ['--component', 'stack-math.json', '--recipient-email', 'a@b.example', '--review', 'r.json'],
      /--review does not apply when issuing a stack/,
    ],
    [['--submission', 's.json', '--review', example('reviews/approve-hale.json')], /is a stack/],
  ])('%j is a usage error (exit 2)', async (...args) => {
    const [argv, message] = args as [string[], RegExp];
    const result = await stack(...argv);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('--component with a definition that is not a stack is a usage error (exit 2)', async () => {
    const result = await run(
      'issue',
      '--competency',
      MATH,
      '--key',
      'issuer.key.json',
      '--component',
      'stack-math.json',
      '--recipient-email',
      CANDIDATE.email,
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('is not a stack');
  });
});
