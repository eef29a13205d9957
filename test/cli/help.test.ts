import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { cli } from './helpers.js';

// None of these touch files; the system temp folder is only a harmless cwd.
const cwd = tmpdir();

describe('help, version and unknown commands', () => {
  it('--help prints the overview on stdout (exit 0)', async () => {
    const result = await cli(cwd, '--help');
    expect(result.status).toBe(0);
    for (const command of [
      'keys generate',
      'keys did-web',
      'competency check',
      'competency compile',
      'decide',
      'issue',
      'verify',
    ])
      expect(result.stdout).toContain(`microcred ${command}`);
    expect(result.stderr).toBe('');
  });

  it.each([
    ['verify', '--did-doc'],
    ['issue', '--credential'],
    ['keys generate', '--did-web'],
    ['keys did-web', '--domain'],
    ['competency check', '--json'],
    ['competency compile', '--out'],
    ['decide', '--on-disagreement'],
  ])('help %s describes its options', async (topic, option) => {
    const result = await cli(cwd, 'help', ...topic.split(' '));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Usage: microcred ${topic}`);
    expect(result.stdout).toContain(option);
  });

  it('help issue describes every option of the three modes', async () => {
    const result = await cli(cwd, 'help', 'issue');
    const options = [
      '--key',
      '--out',
      '--credential',
      '--competency',
      '--submission',
      '--review',
      '--rules',
      '--reviewers',
      '--on-disagreement',
      '--now',
      '--evidence-audience',
      '--valid-until',
      '--component',
      '--recipient-email',
      '--recipient-did',
      '--accept-issuer',
      '--did-doc',
    ];
    for (const option of options) expect(result.stdout).toMatch(new RegExp(`^ +(-\\w, )?${option} `, 'm'));
  });

  it('help competency lists its subcommands', async () => {
    const result = await cli(cwd, 'help', 'competency');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('microcred competency check FILE...');
    expect(result.stdout).toContain('microcred competency compile FILE');
    expect((await cli(cwd, 'competency', '--help')).stdout).toBe(result.stdout);
    expect((await cli(cwd, 'competency', 'check', '--help')).stdout).toBe(
      (await cli(cwd, 'help', 'competency', 'check')).stdout,
    );
  });

  it('a usage error in issue shows the usage of all three modes', async () => {
    const result = await cli(cwd, 'issue', '--key', 'k.json');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--credential FILE [--out FILE]');
    expect(result.stderr).toContain('--submission SUB --review REV...');
    expect(result.stderr).toContain('--component CRED...');
    expect(result.stderr).toContain('Run "microcred help issue" for details.');
  });

  it('COMMAND --help prints the same help', async () => {
    const direct = await cli(cwd, 'verify', '--help');
    expect(direct.status).toBe(0);
    expect(direct.stdout).toBe((await cli(cwd, 'help', 'verify')).stdout);
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const result = await cli(cwd, '--version');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${version}\n`);
  });

  it.each([[['sign']], [['--frobnicate']], [[]], [['help', 'sign']]])(
    '%j prints usage on stderr and exits 2',
    async (argv) => {
      const result = await cli(cwd, ...argv);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^error: /);
    },
  );

  it('an unknown command gets the overview', async () => {
    const result = await cli(cwd, 'sign');
    expect(result.stderr).toContain('Unknown command "sign"');
    expect(result.stderr).toContain('microcred verify FILE|DIR|-...');
  });
});
