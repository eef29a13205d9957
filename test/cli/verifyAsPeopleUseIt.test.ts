// `microcred verify` as people use it: a folder, a pipe, JSON for scripts (always an array, or a line
// per report), colour as asked, a hint for a mistyped option, ✖ for anything invalid, and a revoked
// badge called revoked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bakeCredential } from '../../src/index.js';
import { run } from '../../src/cli/run.js';
import { colorFromEnvironment } from '../../src/cli/color.js';
import { badgePng, badgeSvg } from '../bake/helpers.js';
import { cliSession, readJsonFile, writeUnsigned, type CliResult, type CliSession } from './helpers.js';

let session: CliSession;
let dir: string;
let signed: Record<string, unknown>;

interface JsonReport {
  file: string;
  verified: boolean;
  image?: string;
  format?: string;
  checks: { id: string; outcome: string; problem?: { code: string } }[];
}

/** Runs the CLI in the session's folder with standard input holding `stdin`, and the colour io.color says. */
async function runWith(options: { stdin?: Uint8Array; color?: boolean }, ...argv: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await run(argv, {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    cwd: dir,
    ...(options.color === undefined ? {} : { color: options.color }),
    ...(options.stdin ? { stdinBytes: async () => options.stdin! } : {}),
  });
  return { status, stdout: out.join(''), stderr: err.join('') };
}

beforeAll(async () => {
  session = await cliSession();
  dir = session.dir;
  await writeUnsigned(dir, session.did);
  const issued = await session.run(
    ...['issue', '--key', 'issuer.key.json', '--credential', 'unsigned.json', '--out', 'signed.json'],
  );
  expect(issued.status).toBe(0);
  const jwt = await session.run(
    ...['issue', '--key', 'issuer.key.json', '--credential', 'unsigned.json', '--format', 'jwt', '--out', 'badge.jwt'],
  );
  expect(jwt.status).toBe(0);
  signed = await readJsonFile(join(dir, 'signed.json'));
  // A folder of badges as a district keeps them: nested, mixed formats, and files that are not badges.
  await mkdir(join(dir, 'badges', '2026', 'spring'), { recursive: true });
  await writeFile(join(dir, 'badges', 'a-signed.json'), JSON.stringify(signed));
  await writeFile(join(dir, 'badges', '2026', 'tampered.json'), JSON.stringify({ ...signed, name: 'Forged' }));
  await writeFile(join(dir, 'badges', '2026', 'spring', 'baked.PNG'), bakeCredential(badgePng(), signed));
  await writeFile(
    join(dir, 'badges', '2026', 'spring', 'baked.svg'),
    bakeCredential(badgeSvg(), await readFile(join(dir, 'badge.jwt'), 'utf8')),
  );
  await writeFile(join(dir, 'badges', '2026', 'badge.jwt'), await readFile(join(dir, 'badge.jwt')));
  await writeFile(join(dir, 'badges', 'notes.txt'), 'not a badge');
  await writeFile(join(dir, 'badges', '2026', 'README.md'), '# badges');
  await mkdir(join(dir, 'empty'), { recursive: true });
}, 60_000);

afterAll(() => session.close());

describe('verify DIR', () => {
  it('verifies every .json, .jwt, .png and .svg file in the folder and below, in order, and nothing else', async () => {
    const result = await session.run('verify', 'badges', '--json');
    expect(result.status).toBe(1);
    const reports = JSON.parse(result.stdout) as JsonReport[];
    expect(reports.map((r) => [r.file, r.verified])).toEqual([
      ['badges/2026/badge.jwt', true],
      ['badges/2026/spring/baked.PNG', true],
      ['badges/2026/spring/baked.svg', true],
      ['badges/2026/tampered.json', false],
      ['badges/a-signed.json', true],
    ]);
    expect(reports[1]).toMatchObject({ image: 'png', format: 'json-ld' });
    expect(reports[2]).toMatchObject({ image: 'svg', format: 'vc-jwt' });
  });

  it('in human form, one block per file and a last line that counts them', async () => {
    const result = await session.run('verify', 'badges', 'signed.json');
    expect(result.stdout).toMatch(/^badges\/2026\/badge\.jwt\n✔ Verified\n/);
    expect(result.stdout).toContain('badges/2026/tampered.json\n✖ Invalid — the signature does not match');
    expect(result.stdout).toMatch(/\n5 of 6 verified; 1 invalid\.\n$/);
  });

  it('a folder with no credential file is a report saying so (exit 1), not silence', async () => {
    const result = await session.run('verify', 'empty', '--json');
    expect(result.status).toBe(1);
    const [report] = JSON.parse(result.stdout) as JsonReport[];
    expect(report).toMatchObject({ file: 'empty', verified: false });
    expect(report!.checks[0]).toMatchObject({ outcome: 'could-not-check', problem: { code: 'ERR_FILE_UNREADABLE' } });
    expect(JSON.stringify(report)).toContain('holds no credential file (.json, .jwt, .png, .svg)');
  });
});

describe('verify -', () => {
  it('reads a credential from standard input', async () => {
    const result = await runWith({ stdin: new TextEncoder().encode(JSON.stringify(signed)) }, 'verify', '-', '--json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject([{ file: '-', verified: true }]);
  });

  it('reads a baked PNG from standard input, bytes intact', async () => {
    const png = bakeCredential(badgePng(), signed);
    const result = await runWith({ stdin: png }, 'verify', '-', '--json');
    expect(JSON.parse(result.stdout)).toMatchObject([{ file: '-', verified: true, image: 'png' }]);
  });

  it('with files: standard input takes its place in the order given', async () => {
    const stdin = new TextEncoder().encode(JSON.stringify({ ...signed, name: 'Forged' }));
    const result = await runWith({ stdin }, 'verify', 'signed.json', '-', '--json');
    expect((JSON.parse(result.stdout) as JsonReport[]).map((r) => [r.file, r.verified])).toEqual([
      ['signed.json', true],
      ['-', false],
    ]);
  });

  it('- twice is a usage error', async () => {
    const result = await runWith({ stdin: new Uint8Array() }, 'verify', '-', '-');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('give - at most once');
  });
});

describe('--json and --json-lines', () => {
  it('--json is an array for one file too', async () => {
    const result = await session.run('verify', 'signed.json', '--json');
    const parsed = JSON.parse(result.stdout) as JsonReport[];
    expect(Array.isArray(parsed)).toBe(true);
    expect(parsed).toHaveLength(1);
  });

  it('--json-lines prints one report per line, each a JSON object with its file', async () => {
    const result = await session.run('verify', 'signed.json', 'badges/2026/tampered.json', '--json-lines');
    expect(result.status).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines.at(-1)).toBe('');
    const reports = lines.slice(0, -1).map((line) => JSON.parse(line) as JsonReport);
    expect(reports.map((r) => [r.file, r.verified])).toEqual([
      ['signed.json', true],
      ['badges/2026/tampered.json', false],
    ]);
  });

  it('both at once is a usage error', async () => {
    const result = await session.run('verify', 'signed.json', '--json', '--json-lines');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('not both');
  });
});

describe('colour', () => {
  const ESC = '\u001b[';

  it('--color colours even for a pipe; --no-color never, even on a terminal; the last one given wins', async () => {
    expect((await runWith({ color: false }, 'verify', 'signed.json', '--color')).stdout).toContain(ESC);
    expect((await runWith({ color: true }, 'verify', 'signed.json', '--no-color')).stdout).not.toContain(ESC);
    expect((await runWith({ color: true }, 'verify', 'signed.json')).stdout).toContain(ESC);
    expect((await runWith({ color: false }, 'verify', 'signed.json', '--no-color', '--color')).stdout).toContain(ESC);
    expect((await runWith({ color: false }, 'verify', 'signed.json')).stdout).not.toContain(ESC);
  });

  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: 'false' }, true, false],
    [{ FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
  ])('environment %j, terminal %s: colour %s', (env, terminal, expected) => {
    expect(colorFromEnvironment(env, terminal)).toBe(expected);
  });
});

describe('a mistyped option or command', () => {
  it.each([
    [['verify', 'signed.json', '--jsno'], 'Unknown option --jsno. Did you mean --json?'],
    [['verify', 'signed.json', '--json-line'], 'Did you mean --json-lines?'],
    [['verify', 'signed.json', '--colour'], 'Did you mean --color?'],
    [['issue', '--kye', 'issuer.key.json'], 'Unknown option --kye. Did you mean --key?'],
    [['status', 'publish', '--chagned'], 'Did you mean --changed?'],
    [['serve', '--prot', '0'], 'Did you mean --port?'],
    [['keys', 'generate', '--ot', 'x.json'], 'Did you mean --out?'],
    [['verfy', 'signed.json'], 'Unknown command "verfy". Did you mean "verify"?'],
    [['--verison'], 'Unknown option --verison. Did you mean --version?'],
  ])('%j: "%s" (exit 2)', async (argv, message) => {
    const result = await session.run(...argv);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('nothing near: no guess', async () => {
    const result = await session.run('verify', 'signed.json', '--xyzzy');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown option --xyzzy.');
    expect(result.stderr).not.toContain('Did you mean');
  });
});

describe('what a person sees first', () => {
  it('anything invalid is ✖, never ⚠: an expired badge, a tampered one, a file that is not a credential', async () => {
    await writeFile(join(dir, 'notes.txt'), 'not json');
    const result = await session.run(
      ...['verify', 'signed.json', 'badges/2026/tampered.json', 'notes.txt', '--now', '2100-01-01'],
    );
    const headlines = result.stdout.split('\n').filter((_, i, all) => i > 0 && /\.(json|txt)$/.test(all[i - 1]!));
    expect(headlines).toEqual([
      '✖ Genuine, but expired on 2030-01-01',
      '✖ Invalid — the signature does not match',
      '✖ Invalid — not JSON',
    ]);
    expect(result.stdout).toMatch(/0 of 3 verified; 1 expired, 2 invalid\.\n$/);
  });

  it('a revoked badge: "Revoked" in its headline and in the count', async () => {
    const store = ['--store', 'revocation.json', '--out', 'lists'];
    const list = ['--list-url', 'https://pd.example.org/status'];
    expect((await session.run('status', 'create', '--key', 'issuer.key.json', ...list, ...store)).status).toBe(0);
    const issued = await session.run(
      ...['issue', '--key', 'issuer.key.json', '--credential', 'unsigned.json'],
      ...['--status-store', 'revocation.json', '--out', 'revoked.json'],
    );
    expect(issued.status).toBe(0);
    const { id } = await readJsonFile<{ id: string }>(join(dir, 'revoked.json'));
    expect((await session.run('status', 'revoke', id, '--key', 'issuer.key.json', ...store)).status).toBe(0);
    const lists = (await readdir(join(dir, 'lists'))).flatMap((f) => ['--status-list', join('lists', f)]);

    const result = await session.run('verify', 'revoked.json', 'signed.json', ...lists);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('revoked.json\n✖ Revoked — genuine, but its issuer revoked it\n');
    expect(result.stdout).toMatch(/\n1 of 2 verified; 1 revoked\.\n$/);
    // Revoked and expired too: revoked is what it is.
    const later = await session.run('verify', 'revoked.json', 'signed.json', '--now', '2100-01-01', ...lists);
    expect(later.stdout).toContain('revoked.json\n✖ Revoked — genuine, but its issuer revoked it\n');
    expect(later.stdout).toMatch(/\n0 of 2 verified; 1 revoked, 1 expired\.\n$/);
  });
});
