// A library message never names a command-line flag: it says what is missing and which option
// supplies it ("the documents option"). The CLI prints its own hint beside a report or an error
// with such a problem ("give it with --doc URL=FILE").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyCredential } from '../../src/index.js';
import { NOW, clone, unsignedCredential } from '../helpers/credential.js';
import { digitalBazaarKeyPair, signWithDigitalBazaar } from '../helpers/digitalBazaar.js';
import { cli, tempDir } from '../cli/helpers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CLI_WORDS =
  /(^|[\s("'`])--[a-z]|\bmicrocred (verify|issue|keys|bake|extract|status(?! store)|competency|decide)\b|\bCLI\b/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The string and template literals of a TypeScript source, comments left out. */
function literalsOf(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\'"`])\/\/.*$/gm, '$1');
  return [...code.matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)].map((m) => m[0]);
}

describe('library messages', () => {
  it('no string in src/ outside src/cli names a CLI flag, a CLI command or the CLI', () => {
    // The element's stylesheet is CSS, whose custom properties (`--good`) are not flags.
    const files = sourceFiles(join(root, 'src')).filter(
      (f) =>
        !relative(root, f).startsWith(join('src', 'cli')) && relative(root, f) !== join('src', 'element', 'styles.ts'),
    );
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.flatMap((file) =>
      literalsOf(readFileSync(file, 'utf8'))
        .filter((text) => CLI_WORDS.test(text))
        .map((text) => `${relative(root, file)}: ${text.slice(0, 120)}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the scan finds a flag where there is one (it is not vacuous)', () => {
    expect(
      literalsOf("const a = 'give it with --doc URL=FILE'; // --not-this").filter((t) => CLI_WORDS.test(t)),
    ).toEqual(["'give it with --doc URL=FILE'"]);
    expect(literalsOf('const b = `run microcred verify ${x}`;').some((t) => CLI_WORDS.test(t))).toBe(true);
  });
});

describe('an unknown context: the library names the option, the CLI its flag', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let credential: Record<string, unknown>;
  const UNKNOWN = 'https://contexts.example.org/unknown/v1';

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    const pair = await digitalBazaarKeyPair();
    const doc = clone(unsignedCredential({ controller: pair.controller } as never)) as Record<string, unknown>;
    doc.issuer = { id: pair.controller, type: ['Profile'], name: 'Example District PD' };
    const signed = await signWithDigitalBazaar(doc, pair);
    credential = { ...signed, '@context': [...(signed['@context'] as string[]), UNKNOWN] };
    await writeFile(join(dir, 'badge.json'), JSON.stringify(credential));
  }, 60_000);
  afterAll(() => cleanup());

  it("the report says the context is unknown, and how to supply it, in the library's words", async () => {
    const report = await verifyCredential(credential, { now: NOW });
    const problem = report.checks.find((c) => c.id === 'jsonld')?.problem;
    expect(problem).toMatchObject({ code: 'ERR_CONTEXT_UNKNOWN', title: 'Unknown context', path: '@context[2]' });
    expect(problem?.detail).toContain(UNKNOWN);
    expect(problem?.detail).toContain('DocumentLoader');
    expect(problem?.detail).not.toMatch(CLI_WORDS);
  });

  it('microcred verify prints the report, then its own hint naming --doc', async () => {
    const result = await cli(dir, 'verify', 'badge.json', '--now', NOW.toISOString());
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('ERR_CONTEXT_UNKNOWN');
    expect(result.stdout).not.toContain('--doc');
    expect(result.stderr).toMatch(/^hint: .*give it with --doc URL=FILE\.$/m);
  });

  it('and verifies once the CLI is given the context with --doc', async () => {
    await writeFile(join(dir, 'context.json'), JSON.stringify({ '@context': { '@protected': true } }));
    const result = await cli(
      dir,
      'verify',
      'badge.json',
      '--now',
      NOW.toISOString(),
      '--doc',
      `${UNKNOWN}=context.json`,
    );
    expect(result.stdout).not.toContain('ERR_CONTEXT_UNKNOWN');
    expect(result.stderr).not.toContain('--doc');
  });
});
