// Runs microcred in headless Chromium: bundles the public API for browsers with esbuild (the
// `#runtime` import resolved to the WebCrypto runtime), serves it on 127.0.0.1 and drives a page.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where Chromium is: `CHROMIUM_PATH`, else Debian's package. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** True when a browser test can run here; in CI a missing browser is a failure, not a skip. */
export const browserAvailable = existsSync(CHROMIUM) || process.env.CI === 'true';

export interface BrowserSession {
  page: Page;
  /** Errors the page printed or threw. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Bundles `entry.ts` for the browser. esbuild's browser platform cannot resolve Node built-ins
 * (except where a package's "browser" field maps them away), so a Node-only import anywhere in the
 * verifier's path fails this build, naming the module.
 */
export async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./entry.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
    alias: { '#runtime': fileURLToPath(new URL('../../src/runtime/browser.ts', import.meta.url)) },
  });
  return result.outputFiles[0]!.text;
}

/** Starts a page that has loaded the bundle as `globalThis.microcred`. */
export async function openBrowser(): Promise<BrowserSession> {
  const code = await bundle();
  const page404 =
    '<!doctype html><meta charset="utf-8"><title>microcred</title><script type="module" src="/microcred.js"></script>';
  const server: Server = createServer((req, res) => {
    if (req.url === '/microcred.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(code);
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page404);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    // Any request that is not to our own server would be the verifier going online: refuse it.
    await page.route('**/*', (route) =>
      route.request().url().startsWith(`http://127.0.0.1:${port}/`) ? route.continue() : route.abort(),
    );
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => 'microcred' in globalThis, undefined, { timeout: 20_000 });
    const opened = browser;
    return {
      page,
      pageErrors,
      async close() {
        await opened.close();
        await new Promise((resolve) => server.close(resolve));
      },
    };
  } catch (error) {
    await browser?.close();
    server.close();
    throw error;
  }
}
