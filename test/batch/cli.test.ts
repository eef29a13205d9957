// `microcred issue --batch` as a specification: a manifest row → credential id → status → output,
// resume after a SIGKILL with no duplicate and no gap, bad rows reported by line, and the issuing
// conventions (--json, --force).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { FileStatusStore } from '../../src/node.js';
import { importKey, StatusRegistry, verifyCredential } from '../../src/index.js';
import { cli, example, tempDir, type CliResult } from '../cli/helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
let bundledCli: string;
const run = (...argv: string[]): Promise<CliResult> => cli(dir, ...argv);

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  // The killed process runs the CLI's TypeScript source, bundled once for plain node.
  bundledCli = join(dir, 'microcred.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundledCli,
    alias: { '#runtime': fileURLToPath(new URL('../../src/runtime/node.ts', import.meta.url)) },
    external: ['pg'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'silent',
  });
  expect((await run('keys', 'generate', '--out', 'issuer.key.json')).status).toBe(0);
  await copyFile(example('batch/badge.json'), join(dir, 'badge.json'));
}, 120_000);
afterAll(() => cleanup());

/** A CSV of `count` teachers, every fifth named by DID. */
async function writeRows(name: string, count: number): Promise<void> {
  const lines = ['name,email,did,evidence'];
  for (let i = 1; i <= count; i++)
    lines.push(
      i % 5 === 0
        ? `Teacher ${i},,did:example:teacher-${i},`
        : `Teacher ${i},teacher.${i}@school.example,,https://portfolio.example.org/${i}`,
    );
  await writeFile(join(dir, name), `${lines.join('\n')}\n`);
}

/** Runs the bundled CLI in `dir`; SIGKILLs it once stderr has shown `killAfter` progress lines. */
function spawnCli(argv: string[], killAfter: number): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundledCli, ...argv], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if ((stderr.match(/ rows \(/g) ?? []).length >= killAfter) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ signal, stderr }));
  });
}

interface Issued {
  row: number;
  id: string;
  offset: number;
  end: number;
  status: { purpose: string; index: string; list: string }[];
}

async function manifestRecords(name: string): Promise<Issued[]> {
  const lines = (await readFile(join(dir, name), 'utf8')).trim().split('\n').slice(1);
  return lines.map((l) => JSON.parse(l) as Issued).filter((r) => 'id' in r);
}

describe('issue --batch', () => {
  it('resumes after being killed midway: every row issued once, no gap, status indexes not wasted', async () => {
    await writeRows('rows.csv', 100);
    const created = await run(
      'status',
      'create',
      '--key',
      'issuer.key.json',
      '--list-url',
      'https://pd.example.org/status',
      '--store',
      'status.json',
    );
    expect(created.status, created.stderr).toBe(0);
    const argv = ['issue', '--batch', 'rows.csv', '--template', 'badge.json', '--key', 'issuer.key.json'];
    const batch = [...argv, '--out', 'out.jsonl', '--status-store', 'status.json', '--progress-every', '1'];
    // Killed after 70 rows: the manifest (and the output it names) is written every 64 rows or every
    // second, so some rows are on disk.
    const killed = await spawnCli(batch, 70);
    expect(killed.signal).toBe('SIGKILL');
    const before = (await readFile(join(dir, 'out.jsonl'), 'utf8')).split('\n').length - 1;
    const recorded = (await manifestRecords('out.manifest.jsonl')).length;
    expect(recorded).toBeGreaterThan(0);
    // The output is written before the manifest records it: a kill between the two leaves lines that a resume cuts off.
    expect(before).toBeGreaterThanOrEqual(recorded);
    expect(before).toBeLessThan(100);

    const resumed = await run(...batch);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/Resuming the batch in out\.manifest\.jsonl/);

    const records = await manifestRecords('out.manifest.jsonl');
    expect(records.map((r) => r.row)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const text = await readFile(join(dir, 'out.jsonl'), 'utf8');
    const credentials = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; credentialStatus: unknown[] });
    expect(credentials.map((c) => c.id)).toEqual(records.map((r) => r.id));
    expect(new Set(credentials.map((c) => c.id)).size).toBe(100);
    for (const r of records) expect(JSON.parse(text.slice(r.offset, r.end)).id).toBe(r.id);
    // Each credential carries the status entries the manifest names, and no index was handed out twice or wasted.
    const indexes = records.flatMap((r) => r.status.map((s) => `${s.list}#${s.index}`));
    expect(new Set(indexes).size).toBe(200);
    const store = new FileStatusStore(join(dir, 'status.json'));
    for (const list of await store.listIds()) expect((await store.getList(list.id))?.allocated).toBe(100);
    const firstRun = credentials[0]!;
    const lastRun = credentials[99]!;
    // One from the killed run and one from the resumed run verify, their status read from the store.
    const key = await importKey(JSON.parse(await readFile(join(dir, 'issuer.key.json'), 'utf8')));
    const registry = new StatusRegistry({ store, key, listBaseUrl: 'https://pd.example.org/status' });
    for (const credential of [firstRun, lastRun]) {
      const report = await verifyCredential(credential, { status: registry });
      expect(report.verified, JSON.stringify(report.checks.filter((c) => c.outcome !== 'passed'))).toBe(true);
    }
    // A third run has nothing left to do.
    const again = await run(...batch, '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ issued: 0, failed: 0, skipped: 100 });
  }, 120_000);

  it('reports a bad row with its line and goes on; --fail-fast stops there; a re-run retries only the failures', async () => {
    await writeFile(
      join(dir, 'bad.csv'),
      'name,email,did,credentialSubject.term\nAna,ana@school.example,,Spring\n"Ben\nBenson",,,Spring\nCruz,cruz@school.example,,Spring\n',
    );
    const argv = ['issue', '--batch', 'bad.csv', '--template', 'badge.json', '--key', 'issuer.key.json'];
    const first = await run(...argv, '--out', 'bad-out');
    expect(first.status).toBe(1);
    expect(first.stderr).toContain('row 2 (line 3): ERR_BATCH_ROW_INVALID: The row names no recipient');
    expect((await readdir(join(dir, 'bad-out'))).sort()).toEqual(['000001.json', '000003.json', 'manifest.jsonl']);

    const stopped = await run(...argv, '--out', 'stop.jsonl', '--fail-fast');
    expect(stopped.status).toBe(1);
    expect((await readFile(join(dir, 'stop.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(1);

    await writeFile(
      join(dir, 'bad.csv'),
      'name,email,did,credentialSubject.term\nAna,ana@school.example,,Spring\n"Ben\nBenson",ben@school.example,,Spring\nCruz,cruz@school.example,,Spring\n',
    );
    const fixed = await run(...argv, '--out', 'bad-out', '--json');
    expect(fixed.status, fixed.stderr).toBe(0);
    expect(JSON.parse(fixed.stdout)).toMatchObject({ issued: 1, failed: 0, skipped: 2 });
  });

  it('refuses output it did not write, and a manifest of another batch, unless --force', async () => {
    await writeRows('small.csv', 2);
    await writeFile(join(dir, 'taken.jsonl'), '{"not":"ours"}\n');
    const argv = ['issue', '--batch', 'small.csv', '--template', 'badge.json', '--key', 'issuer.key.json'];
    const refused = await run(...argv, '--out', 'taken.jsonl');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('error ERR_FILE_EXISTS: taken.jsonl already exists');
    expect(await readFile(join(dir, 'taken.jsonl'), 'utf8')).toBe('{"not":"ours"}\n');
    expect((await run(...argv, '--out', 'taken.jsonl', '--force')).status).toBe(0);

    await writeFile(
      join(dir, 'badge2.json'),
      (await readFile(join(dir, 'badge.json'), 'utf8')).replace('in Practice', 'II'),
    );
    const other = await run(
      'issue',
      '--batch',
      'small.csv',
      '--template',
      'badge2.json',
      '--key',
      'issuer.key.json',
      '--out',
      'taken.jsonl',
    );
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(
      /ERR_BATCH_MANIFEST_MISMATCH: taken\.manifest\.jsonl belongs to another batch \(its source differs\)/,
    );
  });
});

describe('issue --json and --force', () => {
  it('prints what was issued as JSON, and refuses to replace --out without --force', async () => {
    const draft = JSON.parse(await readFile(join(dir, 'badge.json'), 'utf8')) as {
      issuer: { id?: string };
      credentialSubject: { id?: string };
    };
    const key = JSON.parse(await readFile(join(dir, 'issuer.key.json'), 'utf8')) as { controller: string };
    draft.issuer.id = key.controller;
    draft.credentialSubject.id = 'did:example:teacher-1';
    await writeFile(join(dir, 'one.json'), JSON.stringify(draft));
    const argv = ['issue', '--credential', 'one.json', '--key', 'issuer.key.json', '--out', 'signed.json'];
    const first = await run(...argv, '--json', '--status-store', 'status.json');
    expect(first.status, first.stderr).toBe(0);
    const printed = JSON.parse(first.stdout) as { id: string; file: string; status: { statusListIndex: string }[] };
    const signed = JSON.parse(await readFile(join(dir, 'signed.json'), 'utf8')) as { id: string };
    expect(printed).toMatchObject({ id: signed.id, file: 'signed.json', format: 'data-integrity' });
    expect(printed.status).toHaveLength(2);
    const again = await run(...argv);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('signed.json already exists; not overwriting it. Use --force');
    expect(JSON.parse(await readFile(join(dir, 'signed.json'), 'utf8')).id).toBe(signed.id);
    expect((await run(...argv, '--force')).status).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'signed.json'), 'utf8')).id).not.toBe(signed.id);
  });
});
