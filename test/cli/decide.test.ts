import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, example, tempDir } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir()));
afterAll(() => cleanup());

const inputs = [
  '--competency',
  example('competencies/formative-assessment-math.yaml'),
  '--submission',
  example('submissions/hinge-questions-math.json'),
];
const reviews = (...names: string[]) => names.flatMap((name) => ['--review', example(`reviews/${name}.json`)]);
const NOW = ['--now', '2026-02-20T10:00:00Z'];

interface JsonDecision {
  status: string;
  decidedAt: string;
  components: Record<string, { level?: string; passing: boolean }>;
  reasons: { code: string; component?: string }[];
  rules: { reviewersRequired: number; onDisagreement: string };
}

describe('decide', () => {
  it('the approving pair: approved (exit 0), each component at its settled level, nothing signed', async () => {
    const result = await cli(dir, 'decide', ...inputs, ...reviews('approve-hale', 'approve-natarajan'), ...NOW);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^✔ Approved — Hinge Questions in Middle-School Mathematics 1\.2\.0\n/);
    expect(result.stdout).toContain('Counted     Marcus Hale (reviewer), Priya Natarajan (reviewer)');
    expect(result.stdout).toContain('Decided     2026-02-20T10:00:00Z');
    for (const id of ['design-question', 'collect-responses', 'adjust-instruction'])
      expect(result.stdout).toMatch(new RegExp(`^  ${id} +Proficient \\(proficient\\), passes$`, 'm'));
    expect(result.stdout).not.toContain('proof');
  });

  it('the split pair: pending (exit 1) with ERR_REVIEWERS_DISAGREE on adjust-instruction', async () => {
    const result = await cli(dir, 'decide', ...inputs, ...reviews('split-reyes', 'split-lee'));
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^… Pending/);
    expect(result.stdout).toMatch(/^ {2}adjust-instruction +unsettled$/m);
    expect(result.stdout).toMatch(/^ {2}- ERR_REVIEWERS_DISAGREE: .* \(component adjust-instruction\)$/m);
  });

  it('the rejecting pair: rejected (exit 1), settled at Not yet, ERR_COMPONENT_NOT_PASSING', async () => {
    const result = await cli(dir, 'decide', ...inputs, ...reviews('reject-kowalski', 'reject-brooks'));
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^✖ Rejected/);
    expect(result.stdout).toMatch(/^ {2}adjust-instruction +Not yet \(not-yet\), does not pass$/m);
    expect(result.stdout).toContain('ERR_COMPONENT_NOT_PASSING');
  });

  it('--json prints the decision a platform stores', async () => {
    const result = await cli(
      dir,
      'decide',
      ...inputs,
      ...reviews('split-reyes', 'split-lee', 'adjudicate-okafor'),
      ...NOW,
      '--json',
    );
    expect(result.status).toBe(0);
    const decision = JSON.parse(result.stdout) as JsonDecision;
    expect(decision).toMatchObject({
      status: 'approved',
      decidedAt: '2026-02-20T10:00:00Z',
      rules: { reviewersRequired: 2, onDisagreement: 'adjudicator' },
    });
    expect(decision.components['adjust-instruction']).toMatchObject({ level: 'proficient', passing: true });
  });

  it('--on-disagreement all-must-pass turns the split into a rejection', async () => {
    const result = await cli(
      dir,
      'decide',
      ...inputs,
      ...reviews('split-reyes', 'split-lee'),
      '--on-disagreement',
      'all-must-pass',
      '--json',
    );
    expect(result.status).toBe(1);
    const decision = JSON.parse(result.stdout) as JsonDecision;
    expect(decision.status).toBe('rejected');
    expect(decision.rules.onDisagreement).toBe('all-must-pass');
  });

  it('--reviewers 1 approves on one review; the default (2) leaves it pending with ERR_TOO_FEW_REVIEWERS', async () => {
    const one = await cli(dir, 'decide', ...inputs, ...reviews('approve-hale'), '--reviewers', '1');
    expect(one.status).toBe(0);
    const two = await cli(dir, 'decide', ...inputs, ...reviews('approve-hale'));
    expect(two.status).toBe(1);
    expect(two.stdout).toContain('ERR_TOO_FEW_REVIEWERS');
  });

  it('--rules FILE sets the rules; a misspelt key is ERR_RULES_INVALID (exit 1)', async () => {
    await writeFile(join(dir, 'rules.json'), JSON.stringify({ reviewersRequired: 2, onDisagreement: 'all-must-pass' }));
    const result = await cli(
      dir,
      'decide',
      ...inputs,
      ...reviews('split-reyes', 'split-lee'),
      '--rules',
      'rules.json',
      '--json',
    );
    expect(result.status).toBe(1);
    expect((JSON.parse(result.stdout) as JsonDecision).status).toBe('rejected');

    await writeFile(join(dir, 'typo.json'), JSON.stringify({ reviewers: 1 }));
    const typo = await cli(dir, 'decide', ...inputs, ...reviews('approve-hale'), '--rules', 'typo.json');
    expect(typo.status).toBe(1);
    expect(typo.stderr).toMatch(/^error ERR_RULES_INVALID: typo\.json has "reviewers"/);
  });

  it('a review file holding an array of reviews counts each of them', async () => {
    const pair = await Promise.all(
      ['approve-hale', 'approve-natarajan'].map(async (n) =>
        JSON.parse(await readFile(example(`reviews/${n}.json`), 'utf8')),
      ),
    );
    await writeFile(join(dir, 'pair.json'), JSON.stringify(pair));
    expect((await cli(dir, 'decide', ...inputs, '--review', 'pair.json')).status).toBe(0);
  });

  it('a submission for another definition is ERR_SUBMISSION_INVALID (exit 1)', async () => {
    const result = await cli(
      dir,
      'decide',
      '--competency',
      example('competencies/science-argumentation-discourse.yaml'),
      '--submission',
      example('submissions/hinge-questions-math.json'),
      ...reviews('approve-hale'),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error ERR_SUBMISSION_INVALID: /);
  });

  it.each([
    [['decide', ...reviews('approve-hale')], /needs --competency/],
    [['decide', '--competency', 'x.yaml', ...reviews('approve-hale')], /needs --submission/],
    [['decide', '--competency', 'x.yaml', '--submission', 's.json'], /at least one --review/],
    [['decide', ...inputs, ...reviews('approve-hale'), '--reviewers', 'two'], /--reviewers must be a whole number/],
    [
      ['decide', ...inputs, ...reviews('approve-hale'), '--reviewers', '0'],
      /--reviewers must be a whole number from 1 to 20/,
    ],
    [
      ['decide', ...inputs, ...reviews('approve-hale'), '--on-disagreement', 'majority'],
      /--on-disagreement must be "all-must-pass" or "adjudicator"/,
    ],
    [
      ['decide', ...inputs, ...reviews('approve-hale'), '--rules', 'r.json', '--reviewers', '1'],
      /either --rules FILE or --reviewers/,
    ],
    [['decide', ...inputs, ...reviews('approve-hale'), '--now', 'yesterday'], /--now must be/],
    [
      [
        'decide',
        '--competency',
        example('competencies/student-thinking-leader.yaml'),
        '--submission',
        's.json',
        ...reviews('approve-hale'),
      ],
      /is a stack/,
    ],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const result = await cli(dir, ...argv);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});
