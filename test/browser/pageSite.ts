// The verifier page (examples/verifier-web) as a site on 127.0.0.1: built with Vite's build() into a
// temporary folder, served by node:http with whatever else a test puts beside it (a config.json, an
// issuer's status lists), so the page fetches them from its own origin as a deployed site would.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const CONFIG = fileURLToPath(new URL('../../examples/verifier-web/vite.config.ts', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.jsonld': 'application/ld+json',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** A running copy of the verifier page. */
export interface PageSite {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Serves `body` (JSON) at `path` from now on, in place of any built file there. */
  serveJson(path: string, body: unknown): void;
  /** Paths asked of the server, in order (to see what the page fetched). */
  requests: string[];
  close(): Promise<void>;
}

/** Builds the page with Vite (production mode, as `npm run web:build` does) into a new temporary folder. */
export async function buildPage(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'microcred-verifier-web-'));
  await build({
    configFile: CONFIG,
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

/** Serves the built page in `dir` on 127.0.0.1, on a port of the system's choosing. */
export async function servePage(dir: string): Promise<PageSite> {
  const extra = new Map<string, string>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    const json = extra.get(path);
    if (json !== undefined) {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(json);
      return;
    }
    const file = normalize(join(dir, path === '/' ? 'index.html' : decodeURIComponent(path)));
    if (!file.startsWith(dir + sep) || !isFile(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    serveJson: (path, body) => extra.set(path, JSON.stringify(body)),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Removes a folder made by {@link buildPage}. */
export function removeBuild(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
