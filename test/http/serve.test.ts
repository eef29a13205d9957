// `microcred serve` as an operator runs it: a real process on 127.0.0.1 (port 0), real HTTP, one
// access-log line per request, and a SIGTERM that lets the request under way finish.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { request as httpRequest, createServer } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { issueCredential, type VerificationReport } from '../../src/index.js';
import { cli, tempDir } from '../cli/helpers.js';
import { clone, unsignedCredential } from '../helpers/credential.js';
import { newRegistry } from '../status/helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
let bundledCli: string;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
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
}, 120_000);
afterAll(() => cleanup());

interface Running {
  child: ChildProcessWithoutNullStreams;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts the bundled CLI's `serve` in `dir` and waits for its "listening on" line. */
function startServe(...argv: string[]): Promise<Running> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundledCli, 'serve', '--port', '0', ...argv], { cwd: dir });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url) resolve({ child, url, stdout: () => stdout, stderr: () => stderr, exited });
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    void exited.then((code) => reject(new Error(`serve exited (${code}) before listening: ${stderr}`)));
  });
}

describe('microcred serve', () => {
  it('serves verification, status lists and health on 127.0.0.1, logs each request, and stops gracefully on SIGTERM', async () => {
    const { key, registry } = await newRegistry();
    const badge = await issueCredential(unsignedCredential(key), {
      key,
      now: new Date(Date.now() - 60_000),
      status: registry,
    });
    await mkdir(join(dir, 'published'), { recursive: true });
    const lists = await registry.publish();
    for (const list of lists) await writeFile(join(dir, 'published', list.id.split('/').pop()!), JSON.stringify(list));
    await writeFile(join(dir, 'trust.json'), JSON.stringify([{ id: key.controller, name: 'Example District PD' }]));
    // The service verifies with the lists it publishes itself.
    const docs = lists.map((list) => ['--doc', `${list.id}=published/${list.id.split('/').pop()}`]).flat();

    const server = await startServe('--trust', 'trust.json', '--status-dir', 'published', ...docs);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const verify = (body: unknown) =>
        fetch(`${server.url}/credentials/verify`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ verifiableCredential: body }),
        });

      const valid = await verify(badge);
      expect(valid.status).toBe(200);
      expect(await valid.json()).toMatchObject({ verified: true, issuerTrust: { name: 'Example District PD' } });

      const tampered = clone(badge) as Record<string, unknown>;
      tampered.name = 'Another badge';
      const forged = (await (await verify(tampered)).json()) as VerificationReport;
      expect(forged).toMatchObject({ verified: false, authentic: false });

      const name = lists[0]!.id.split('/').pop()!;
      const list = await fetch(`${server.url}/status/${name}`);
      expect(list.status).toBe(200);
      expect(((await list.json()) as { id: string }).id).toBe(lists[0]!.id);
      expect((await fetch(`${server.url}/status/unknown.json`)).status).toBe(404);
      expect(await (await fetch(`${server.url}/health?token=secret`)).json()).toMatchObject({ status: 'ok' });

      // A request under way when SIGTERM comes: half its body sent, then the signal, then the rest.
      const body = JSON.stringify({ verifiableCredential: badge });
      const inFlight = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(`${server.url}/credentials/verify`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        });
        req.on('response', (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, body: text }));
        });
        req.on('error', reject);
        req.write(body.slice(0, 100));
        setTimeout(() => {
          server.child.kill('SIGTERM');
          setTimeout(() => req.end(body.slice(100)), 300);
        }, 300);
      });
      const answered = await inFlight;
      expect(answered.status).toBe(200);
      expect(JSON.parse(answered.body)).toMatchObject({ verified: true });
      expect(await server.exited).toBe(0);

      const log = server.stdout().split('\n').slice(1).filter(Boolean);
      expect(log).toEqual([
        expect.stringMatching(/^POST \/credentials\/verify 200 \d+ms$/),
        expect.stringMatching(/^POST \/credentials\/verify 200 \d+ms$/),
        expect.stringMatching(/^GET \/status\/\S+ 200 \d+ms$/),
        expect.stringMatching(/^GET \/status\/unknown\.json 404 \d+ms$/),
        expect.stringMatching(/^GET \/health 200 \d+ms$/),
        expect.stringMatching(/^POST \/credentials\/verify 200 \d+ms$/),
      ]);
      expect(server.stdout()).not.toContain('secret');
      expect(server.stderr()).toMatch(/SIGTERM, stopping[\s\S]*stopped/);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 60_000);

  it.each([
    [[], /serve needs --port/],
    [['--port', 'http'], /--port must be a port number/],
    [['--port', '0', '--cors', 'https://verify.example.org/page'], /--cors takes an origin/],
    [['--port', '0', '--status-dir', 'nowhere'], /--status-dir nowhere is not a folder/],
    [['--port', '0', '--trust', 'nowhere.json'], /--trust nowhere\.json/],
    [['--port', '0', 'extra'], /Unexpected argument 'extra'/],
  ])('serve %j is a usage error (exit 2)', async (argv, message) => {
    const result = await cli(dir, 'serve', ...argv);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('a port in use: exit 1, ERR_LISTEN_FAILED, saying so', async () => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    try {
      const { port } = taken.address() as AddressInfo;
      const result = await cli(dir, 'serve', '--port', String(port));
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`error ERR_LISTEN_FAILED: Port ${port} on 127.0.0.1 is in use already`);
    } finally {
      taken.close();
    }
  });
});
