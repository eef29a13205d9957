// microcred/verify in headless Chromium as a site ships it: bundled with code splitting, so the
// rare suites, the JSON Schemas and the VC-JWT reader are chunks the page fetches when a credential
// needs them. The page verifies a badge (loading the schema chunk), a VC-JWT (the JWT chunk) and a
// tampered badge, and gives the reports Node gives.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateKey,
  issueCredential,
  verifyCredential,
  type SignedCredential,
  type VerificationReport,
} from '../../src/index.js';
import { NOW, clone, unsignedCredential } from '../helpers/credential.js';
import { CHROMIUM, browserAvailable } from '../browser/harness.js';

type Entry = typeof import('../../src/verifyEntry.js');

describe.skipIf(!browserAvailable)('microcred/verify in headless Chromium, its chunks loaded on demand', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'microcred-verify-entry-'));
  const requested: string[] = [];
  let server: Server;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  let signed: SignedCredential;
  let jwt: string;

  const verifyInBrowser = (input: unknown): Promise<VerificationReport> =>
    page.evaluate(
      ([value, now]) =>
        (globalThis as unknown as { microcred: Entry }).microcred.verifyCredential(value, { now: new Date(now) }),
      [input, NOW.toISOString()] as const,
    );

  beforeAll(async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const built = await build({
      absWorkingDir: root,
      stdin: {
        contents: "import * as m from './src/verifyEntry.ts'; globalThis.microcred = m;",
        resolveDir: root,
        loader: 'ts',
        sourcefile: 'page.ts',
      },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      outdir,
      entryNames: 'page',
      logLevel: 'silent',
      alias: { '#runtime': join(root, 'src', 'runtime', 'browser.ts') },
    });
    expect(built.errors).toEqual([]);
    server = createServer((req, res) => {
      const name = basename(req.url ?? '/');
      if (name.endsWith('.js')) {
        requested.push(name);
        try {
          res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(outdir, name)));
        } catch {
          res.writeHead(404).end();
        }
      } else
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.route('**/*', (route) =>
      route.request().url().startsWith(`http://127.0.0.1:${port}/`) ? route.continue() : route.abort(),
    );
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => 'microcred' in globalThis, undefined, { timeout: 20_000 });
    const key = await generateKey();
    signed = await issueCredential(unsignedCredential(key), { key, now: NOW });
    jwt = (await issueCredential(unsignedCredential(key), { key, now: NOW, format: 'jwt' })) as unknown as string;
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(outdir, { recursive: true, force: true });
  });

  it('a badge verifies as in Node; the JSON Schema chunk is fetched for it, not before', async () => {
    const before = requested.length;
    const [inBrowser, inNode] = await Promise.all([verifyInBrowser(signed), verifyCredential(signed, { now: NOW })]);
    expect(inBrowser).toMatchObject({ verified: true, summary: 'verified' });
    expect(inBrowser.checks).toEqual(inNode.checks);
    expect(requested.length).toBeGreaterThan(before);
    expect(pageErrors).toEqual([]);
  });

  it('a VC-JWT and a tampered badge give the reports Node gives', async () => {
    const tampered = clone(signed) as unknown as { name: string };
    tampered.name = 'Something else';
    for (const input of [jwt, tampered]) {
      const [inBrowser, inNode] = await Promise.all([verifyInBrowser(input), verifyCredential(input, { now: NOW })]);
      expect(inBrowser.checks.map((c) => [c.id, c.outcome, c.problem?.code])).toEqual(
        inNode.checks.map((c) => [c.id, c.outcome, c.problem?.code]),
      );
    }
    expect((await verifyInBrowser(jwt)).verified).toBe(true);
    expect((await verifyInBrowser(tampered)).checks.find((c) => c.id === 'signature')?.outcome).toBe('failed');
    expect(pageErrors).toEqual([]);
  });
});
