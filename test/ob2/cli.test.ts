// `microcred verify` reads Open Badges 2.0 assertions like any other file: the issuer's documents
// given with --doc (or fetched with --allow-network), the recipient compared with --recipient.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/helpers.js';

const DIR = fileURLToPath(new URL('../fixtures/1edtech-validator/ob20/', import.meta.url));
const DOCS = [
  '--doc',
  'http://example.org/key1.json=assets/key1.json',
  '--doc',
  'https://example.org/robotics-badge.json=assets/robotics-badge.json',
  '--doc',
  'https://example.org/organization.json=assets/organization.json',
];

describe('microcred verify with an Open Badges 2.0 assertion', () => {
  it('verifies a signed assertion with its issuer’s documents, and its recipient', async () => {
    const result = await cli(
      DIR,
      'verify',
      'simple.jwt',
      ...DOCS,
      '--recipient',
      'nobody@example.org',
      '--now',
      '2026-06-01',
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/✔ Verified\n\n\s+Format\s+Open Badges 2\.0 assertion, signed/);
    expect(result.stdout).toContain('✔ The badge was awarded to the recipient named');
    expect(result.stdout).toContain('Awesome Robotics Badge');
  });

  it('without the key, says which document is missing and which flags supply it', async () => {
    const result = await cli(DIR, 'verify', 'simple.jwt', '--now', '2026-06-01');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('http://example.org/key1.json');
    expect(result.stderr).toMatch(/--doc URL=FILE.*--allow-network/);
  });

  it('reads a baked Open Badges 2.0 PNG, and reports it as JSON for scripts', async () => {
    const result = await cli(DIR, 'verify', 'simple-badge.png', ...DOCS, '--json', '--now', '2026-06-01');
    const [report] = JSON.parse(result.stdout) as { format: string; image: string; summary: string }[];
    expect(report).toMatchObject({ format: 'open-badges-2.0', image: 'png', summary: 'could-not-check' });
  });
});
