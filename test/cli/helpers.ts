import { expect } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/cli/run.js';

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process in `cwd`, capturing what it prints. */
export async function cli(cwd: string, ...argv: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await run(argv, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd });
  return { status, stdout: out.join(''), stderr: err.join('') };
}

/** A fresh temporary folder and a function that removes it. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'microcred-cli-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes the unsigned fixture credential into `dir` as `name`, issued by `issuerDid`. */
export async function writeUnsigned(dir: string, issuerDid: string, name = 'unsigned.json'): Promise<string> {
  const template = await readFile(new URL('./fixtures/unsigned-credential.json', import.meta.url), 'utf8');
  await writeFile(join(dir, name), template.replace('ISSUER_DID', issuerDid));
  return name;
}

export async function readJsonFile<T = Record<string, unknown>>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

/** The absolute path of a file under examples/, e.g. `example('reviews/approve-hale.json')`. */
export function example(path: string): string {
  return fileURLToPath(new URL(`../../examples/${path}`, import.meta.url));
}

/**
 * A temporary folder with an issuer key (`issuer.key.json`), a `run` that records every CLI call,
 * and `close()`, which asserts that no call ever printed the secret key and removes the folder.
 */
export interface CliSession {
  dir: string;
  did: string;
  run(...argv: string[]): Promise<CliResult>;
  /** Every result `run` returned so far. */
  outputs: CliResult[];
  close(): Promise<void>;
}

export async function cliSession(): Promise<CliSession> {
  const { dir, cleanup } = await tempDir();
  const outputs: CliResult[] = [];
  const run = async (...argv: string[]) => {
    const result = await cli(dir, ...argv);
    outputs.push(result);
    return result;
  };
  expect((await run('keys', 'generate', '--out', 'issuer.key.json')).status).toBe(0);
  const key = await readJsonFile<{ controller: string; secretKeyMultibase: string }>(join(dir, 'issuer.key.json'));
  return {
    dir,
    did: key.controller,
    run,
    outputs,
    async close() {
      // Whatever the tests ran, the secret never reached stdout or stderr.
      for (const { stdout, stderr } of outputs) {
        expect(stdout).not.toContain(key.secretKeyMultibase);
        expect(stderr).not.toContain(key.secretKeyMultibase);
      }
      await cleanup();
    },
  };
}
