// `microcred verify --lang fr` prints the report in French; --json keeps the library's text and
// codes; a language microcred does not have is a usage error naming those it has.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey, issueCredential } from '../../src/index.js';
import { NOW, unsignedCredential } from '../helpers/credential.js';
import { cli, tempDir } from '../cli/helpers.js';

describe('microcred verify --lang', () => {
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    const key = await generateKey();
    const expired = await issueCredential(
      unsignedCredential(key, { validFrom: '2024-01-01T00:00:00Z', validUntil: '2025-01-01T00:00:00Z' }),
      { key, now: new Date('2024-06-01T00:00:00Z') },
    );
    await writeFile(join(dir, 'expired.json'), JSON.stringify(expired));
  });
  afterAll(() => cleanup());

  it('--lang fr prints the headline, check names, problem and labels in French', async () => {
    const result = await cli(dir, 'verify', 'expired.json', '--now', NOW.toISOString(), '--lang', 'fr', '--no-color');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('✖ Authentique, mais expirée le 2025-01-01');
    expect(result.stdout).toContain('✔ La signature est valide');
    expect(result.stdout).toContain('✖ Elle est dans sa période de validité (échec)');
    expect(result.stdout).toContain("L'attestation a expiré le 2025-01-01T00:00:00Z");
    expect(result.stdout).toMatch(/Vérifiée le +2026-06-01T12:00:00\.000Z/);
    expect(result.stdout).not.toContain('The signature is valid');
  });

  it('without --lang (or with --lang en) the report is English; --json keeps English whatever --lang says', async () => {
    const plain = await cli(dir, 'verify', 'expired.json', '--now', NOW.toISOString(), '--no-color');
    const english = await cli(dir, 'verify', 'expired.json', '--now', NOW.toISOString(), '--lang', 'en', '--no-color');
    expect(plain.stdout).toContain('✖ Genuine, but expired on 2025-01-01');
    expect(english.stdout).toBe(plain.stdout);
    const json = await cli(dir, 'verify', 'expired.json', '--now', NOW.toISOString(), '--lang', 'fr', '--json');
    const [report] = JSON.parse(json.stdout) as { checks: { id: string; problem?: { title: string } }[] }[];
    expect(report?.checks.find((c) => c.id === 'validity')?.problem?.title).toBe('Expired');
  });

  it('a language microcred does not have is a usage error (exit 2) naming the ones it has', async () => {
    const result = await cli(dir, 'verify', 'expired.json', '--lang', 'xx');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--lang xx is not a language microcred has; it has en, fr.');
  });
});
