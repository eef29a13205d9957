// Reading a definition from a file: parseCompetency takes text and says so when given a path;
// loadCompetency (microcred/node) reads the file and parses it, naming the file in its errors.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MicrocredError, parseCompetency } from '../../src/index.js';
import { loadCompetency } from '../../src/node.js';
import { EXAMPLES_DIR, exampleFiles, minimalDefinition, thrown } from './helpers.js';
import { rejection } from '../helpers/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'microcred-competency-'));

describe('parseCompetency given a file path', () => {
  it.each([
    'competencies/wait-time.yaml',
    './wait-time.yml',
    '/srv/pd/definitions/wait-time.json',
    '../defs/wait-time',
    'C:\\pd\\wait-time.yaml',
    '  wait-time.YAML\n',
  ])('%j: ERR_DEFINITION_INVALID naming the path and pointing at loadCompetency', (path) => {
    const error = thrown(() => parseCompetency(path));
    expect(error.code).toBe('ERR_DEFINITION_INVALID');
    expect(error.message).toContain(`"${path.trim()}"`);
    expect(error.message).toMatch(/looks like a file path/);
    expect(error.message).toContain('loadCompetency');
    expect(error.message).toContain('microcred/node');
    expect(error.details).toMatchObject({ file: path.trim(), problems: [{ message: error.message }] });
  });

  it('a definition is never taken for a path: every example and a one-line JSON definition still parse', () => {
    for (const { text } of exampleFiles()) expect(parseCompetency(text).id).toMatch(/^https:/);
    expect(parseCompetency(JSON.stringify(minimalDefinition()))).toEqual(minimalDefinition());
  });

  it('a YAML scalar that is not a path is still checked as a definition (must be an object)', () => {
    const error = thrown(() => parseCompetency('just some words'));
    expect(error.code).toBe('ERR_DEFINITION_INVALID');
    expect(error.message).not.toMatch(/file path/);
  });

  it('bytes instead of text: says to decode them first', () => {
    const error = thrown(() => parseCompetency(new TextEncoder().encode('id: x') as unknown as string));
    expect(error.code).toBe('ERR_DEFINITION_INVALID');
    expect(error.message).toMatch(/bytes \(decode them as UTF-8 first\)/);
  });
});

describe('loadCompetency (microcred/node)', () => {
  it('reads and checks a YAML file, the same as parsing its text', async () => {
    for (const { file, text } of exampleFiles()) {
      expect(await loadCompetency(join(EXAMPLES_DIR, file))).toEqual(parseCompetency(text));
    }
  });

  it('reads a JSON file (with a byte-order mark, as Windows editors write), by path or file URL', async () => {
    const file = join(dir, 'wait-time.json');
    writeFileSync(file, `\uFEFF${JSON.stringify(minimalDefinition(), null, 2)}`);
    expect(await loadCompetency(file)).toEqual(minimalDefinition());
    expect(await loadCompetency(pathToFileURL(file))).toEqual(minimalDefinition());
  });

  it('an invalid definition: ERR_DEFINITION_INVALID naming the file and every problem', async () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'id: https://pd.example.org/x\nversion: 1.0.0\n');
    const error = await rejection(loadCompetency(file), 'ERR_DEFINITION_INVALID');
    expect(error.message.startsWith(`${file}: invalid competency definition`)).toBe(true);
    expect(error.details.source).toBe(file);
    expect((error.details.problems ?? []).length).toBeGreaterThan(1);
  });

  it('a YAML syntax error gives the file, line and column', async () => {
    const file = join(dir, 'syntax.yaml');
    writeFileSync(file, 'id: https://pd.example.org/x\nname: [unclosed\n');
    const error = await rejection(loadCompetency(file), 'ERR_DEFINITION_INVALID');
    expect(error.message).toContain(file);
    expect(error.details.line).toBeTypeOf('number');
  });

  it('a missing file, a directory, an oversized file: ERR_DEFINITION_UNREADABLE saying which and why', async () => {
    const missing = await rejection(loadCompetency(join(dir, 'nope.yaml')), 'ERR_DEFINITION_UNREADABLE');
    expect(missing.message).toBe(
      `The competency definition ${join(dir, 'nope.yaml')} could not be read: there is no such file.`,
    );
    expect(missing.details.file).toBe(join(dir, 'nope.yaml'));

    const folder = join(dir, 'folder.yaml');
    mkdirSync(folder);
    expect((await rejection(loadCompetency(folder), 'ERR_DEFINITION_UNREADABLE')).message).toMatch(/is a directory/);

    const huge = join(dir, 'huge.yaml');
    writeFileSync(huge, `# ${'x'.repeat(1024 * 1024)}\n`);
    expect((await rejection(loadCompetency(huge), 'ERR_DEFINITION_UNREADABLE')).message).toMatch(
      /over the 1048576-byte limit/,
    );
  });

  it('throws MicrocredError, the same class the main entry exports', async () => {
    await expect(loadCompetency(join(dir, 'nope.yaml'))).rejects.toBeInstanceOf(MicrocredError);
  });
});
