// examples/verifier-service/server.mjs runs as written (its `microcred` imports bundled from src/)
// and answers a verification, its CORS and its trust list as its comments say.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { VerificationReport } from '../../src/index.js';
import { signedCredential } from '../bake/helpers.js';
import { tempDir } from '../cli/helpers.js';

const src = (path: string) => fileURLToPath(new URL(`../../src/${path}`, import.meta.url));
let dir: string;
let cleanup: () => Promise<void>;
let bundled: string;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  await mkdir(join(dir, 'verifier-service'));
  // The example reads ../trusted-issuers.json beside its own folder, as in examples/.
  await copyFile(
    fileURLToPath(new URL('../../examples/trusted-issuers.json', import.meta.url)),
    join(dir, 'trusted-issuers.json'),
  );
  bundled = join(dir, 'verifier-service', 'server.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('../../examples/verifier-service/server.mjs', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundled,
    alias: { 'microcred/http': src('http/index.ts'), microcred: src('index.ts'), '#runtime': src('runtime/node.ts') },
    external: ['pg'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'silent',
  });
}, 120_000);
afterAll(() => cleanup());

describe('examples/verifier-service', () => {
  it('serves verification with the trust list and CORS it configures, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [bundled], { env: { ...process.env, PORT: '0' } });
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          const found = /listening on (http:\/\/\S+)/.exec(out)?.[1];
          if (found) resolve(found);
        });
        void exited.then((code) => reject(new Error(`the example exited (${code})`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      // The trust list is in force: a credential by an issuer not on it verifies, with the warning that says so.
      const { signed } = await signedCredential();
      const response = await fetch(`${url}/credentials/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost:5173' },
        body: JSON.stringify({ verifiableCredential: signed }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      const report = (await response.json()) as VerificationReport;
      expect(report).toMatchObject({ verified: true, summary: 'verified-with-warnings' });
      expect(report.checks.find((c) => c.id === 'trust')?.outcome).toBe('warning');

      const big = await fetch(`${url}/credentials/verify`, {
        method: 'POST',
        headers: { 'content-type': 'image/png' },
        body: new Uint8Array(600 * 1024),
      });
      expect(big.status).toBe(413);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);
});
