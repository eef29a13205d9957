// `microcred verify FILE` verifies a presentation as one when the file holds one, with --challenge and --domain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { signPresentation } from '../../../src/index.js';
import { NOW } from '../../helpers/credential.js';
import { cli, tempDir } from '../../cli/helpers.js';
import { CHALLENGE, DOMAIN, wallet } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
const at = ['--now', NOW.toISOString()];

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  const w = await wallet();
  const vp = await signPresentation(
    { verifiableCredential: w.badges },
    { key: w.holder, challenge: CHALLENGE, domain: DOMAIN, now: NOW },
  );
  const token = await signPresentation(
    { verifiableCredential: w.badges },
    { key: w.holder, challenge: CHALLENGE, domain: DOMAIN, now: NOW, format: 'jwt' },
  );
  await writeFile(join(dir, 'vp.json'), JSON.stringify(vp, null, 2));
  await writeFile(join(dir, 'vp.jwt'), `${token}\n`);
  await writeFile(join(dir, 'badge.json'), JSON.stringify(w.badges[0]));
});
afterAll(() => cleanup());

describe('microcred verify, given a presentation', () => {
  it('verifies the holder, the challenge and domain, then each credential (exit 0)', async () => {
    const result = await cli(dir, 'verify', 'vp.json', '--challenge', CHALLENGE, '--domain', DOMAIN, ...at);
    expect(result.stdout).toContain('✔ Verified presentation of 2 credentials');
    expect(result.stdout).toContain('Credential 2 of 2');
    expect(result.stdout).toContain('Argumentation in Science');
    expect(result.status).toBe(0);
  });

  it('a wrong challenge is a replay (exit 1), named in the report', async () => {
    const result = await cli(dir, 'verify', 'vp.json', '--challenge', 'another', '--domain', DOMAIN, ...at);
    expect(result.stdout).toContain('ERR_PRESENTATION_CHALLENGE');
    expect(result.status).toBe(1);
  });

  it('a VP-JWT file, with --json: the presentation report with its credentials', async () => {
    const result = await cli(dir, 'verify', 'vp.jwt', '--challenge', CHALLENGE, '--domain', DOMAIN, '--json', ...at);
    // --json is always an array, one report per file.
    const [report, ...others] = JSON.parse(result.stdout) as {
      file: string;
      format: string;
      verified: boolean;
      credentials: unknown[];
    }[];
    expect(others).toEqual([]);
    if (report === undefined) throw new Error('no report');
    expect(report).toMatchObject({ file: 'vp.jwt', format: 'vp-jwt', verified: true });
    expect(report.credentials).toHaveLength(2);
    expect(result.status).toBe(0);
  });

  it('a credential and a presentation in one run are each verified as what they are', async () => {
    const result = await cli(
      dir,
      'verify',
      'badge.json',
      'vp.json',
      '--challenge',
      CHALLENGE,
      '--domain',
      DOMAIN,
      ...at,
    );
    expect(result.stdout).toContain('2 of 2 verified.');
    expect(result.status).toBe(0);
  });
});
