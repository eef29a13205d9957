import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cli, example, readJsonFile, tempDir } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir()));
afterAll(() => cleanup());

const definitions = readdirSync(example('competencies'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => example(`competencies/${f}`));
const math = example('competencies/formative-assessment-math.yaml');

// The hinge-questions definition with two mistakes an author makes: a version that YAML reads as a
// number, and rubrics in which no level passes.
async function writeBroken(name = 'broken.yaml'): Promise<string> {
  const text = (await readFile(math, 'utf8'))
    .replace('version: "1.2.0"', 'version: 1.2')
    .replace(/passing: true/g, 'passing: false');
  await writeFile(join(dir, name), text);
  return name;
}

describe('competency check', () => {
  it('every example definition is valid (exit 0), one ✔ line each with name, version and size', async () => {
    expect(definitions.length).toBeGreaterThanOrEqual(4);
    const result = await cli(dir, 'competency', 'check', ...definitions);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`✔ ${math}: Hinge Questions in Middle-School Mathematics 1.2.0 (3 components)\n`);
    expect(result.stdout).toContain(
      'Teacher Leader: Making Student Thinking Visible 1.0.0 (stack of 2 micro-credentials)',
    );
    expect(result.stdout.match(/^✔ /gm)).toHaveLength(definitions.length);
    expect(result.stdout).toContain(`${definitions.length} of ${definitions.length} valid.`);
  });

  it('a broken definition prints ✖ FILE and every problem as "  path: message" (exit 1)', async () => {
    const file = await writeBroken();
    const result = await cli(dir, 'competency', 'check', file);
    expect(result.status).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('✖ broken.yaml');
    expect(lines.slice(1).every((line) => /^ {2}\S+: \S/.test(line))).toBe(true);
    expect(result.stdout).toMatch(/^ {2}version: .*string/m);
    for (const component of ['components[0]', 'components[1]', 'components[2]'])
      expect(result.stdout).toMatch(new RegExp(`^  ${component.replace(/[[\]]/g, '\\$&')}\\.rubric\\.levels: `, 'm'));
  });

  it('one invalid file among valid ones makes the exit status 1', async () => {
    const result = await cli(dir, 'competency', 'check', math, await writeBroken('second.yaml'));
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('1 of 2 valid.');
  });

  it('--json prints { file, valid, problems }: an object for one file, an array for several', async () => {
    const one = await cli(dir, 'competency', 'check', math, '--json');
    expect(one.status).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ file: math, valid: true, problems: [], version: '1.2.0' });

    const file = await writeBroken('json.yaml');
    const several = await cli(dir, 'competency', 'check', file, math, '--json');
    expect(several.status).toBe(1);
    const [broken, valid] = JSON.parse(several.stdout) as {
      file: string;
      valid: boolean;
      problems: { path?: string; message: string }[];
    }[];
    expect(broken).toMatchObject({ file, valid: false });
    expect(broken!.problems.map((p) => p.path)).toContain('version');
    expect(broken!.problems.every((p) => typeof p.message === 'string' && p.message.length > 0)).toBe(true);
    expect(valid).toMatchObject({ file: math, valid: true });
  });

  it('a YAML syntax error gives its line; an unreadable file is a problem of its own (exit 1)', async () => {
    await writeFile(join(dir, 'syntax.yaml'), 'id: x\nname: [unclosed\n');
    const result = await cli(dir, 'competency', 'check', 'syntax.yaml', 'absent.yaml');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/✖ syntax\.yaml\n {2}YAML syntax error at line \d+/);
    expect(result.stdout).toContain(
      '✖ absent.yaml\n  ERR_FILE_UNREADABLE: absent.yaml could not be read: no such file or directory.',
    );
  });

  it('reads JSON by extension, and sniffs the format of a file with another extension', async () => {
    const json = JSON.stringify(parse(await readFile(math, 'utf8')));
    await writeFile(join(dir, 'math.json'), json);
    await writeFile(join(dir, 'math.definition'), json);
    const result = await cli(dir, 'competency', 'check', 'math.json', 'math.definition');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('✔ math.definition: Hinge Questions in Middle-School Mathematics 1.2.0');
  });

  it.each([
    [['competency', 'check'], /at least one definition file/],
    [['competency'], /check or compile/],
    [['competency', 'lint'], /"lint" is not a competency subcommand/],
    [['competency', 'check', 'x.yaml', '--strict'], /Unknown option --strict/],
    [['competency', 'compile'], /needs a definition file/],
    [['competency', 'compile', 'a.yaml', 'b.yaml'], /takes one definition file/],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const result = await cli(dir, ...argv);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});

describe('competency compile', () => {
  it('prints the OB 3.0 Achievement, whose id is <definition id>/v<version>', async () => {
    const result = await cli(dir, 'competency', 'compile', math);
    expect(result.status).toBe(0);
    const achievement = JSON.parse(result.stdout);
    expect(achievement.id).toBe('https://pd.riverbend.example/microcredentials/hinge-questions-math/v1.2.0');
    expect(achievement.type).toEqual(['Achievement']);
    expect(achievement.resultDescription.map((r: { id: string }) => r.id)).toEqual([
      `${achievement.id}/components/design-question`,
      `${achievement.id}/components/collect-responses`,
      `${achievement.id}/components/adjust-instruction`,
    ]);
    expect(result.stdout).toBe(`${JSON.stringify(achievement, null, 2)}\n`);
  });

  it('--out writes the same Achievement and says where', async () => {
    const printed = JSON.parse((await cli(dir, 'competency', 'compile', math)).stdout);
    const result = await cli(dir, 'competency', 'compile', math, '--out', 'out/achievement.json');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`Compiled ${printed.id} and wrote it to out/achievement.json.\n`);
    expect(await readJsonFile(join(dir, 'out/achievement.json'))).toEqual(printed);
  });

  it('an invalid definition is ERR_DEFINITION_INVALID with each problem once (exit 1), and nothing is written', async () => {
    const file = await writeBroken('compile.yaml');
    const result = await cli(dir, 'competency', 'compile', file, '--out', 'never.json');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^error ERR_DEFINITION_INVALID: compile\.yaml: invalid competency definition \(\d+ problems\):\n/,
    );
    expect(result.stderr.match(/^ {2}- version: /gm)).toHaveLength(1);
    await expect(readFile(join(dir, 'never.json'))).rejects.toThrow();
  });
});
