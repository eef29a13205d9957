import { stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createVerifierHandler, type VerifierHandler } from '../../http/handler.js';
import { statusListDirectory } from '../../http/statusDirectory.js';
import type { CorsOptions } from '../../http/cors.js';
import { CliError, CliErrorCode } from '../errors.js';
import { UsageError, parseCommand, required, type CliIo } from '../args.js';
import { resolvePath } from '../files.js';
import { EXIT } from '../output.js';
import { helpFor } from '../usage.js';
import { loaderWith, readTrustList } from './verify.js';

/** How long in-flight requests get to finish once a stop is asked for. */
const DRAIN_MS = 10_000;

/**
 * `microcred serve --port N [--host 127.0.0.1] [--trust FILE] [--status-dir DIR] [--cors ORIGIN...]
 * [--did-doc FILE...] [--doc URL=FILE...] [--allow-network]`: the verifier service (microcred/http)
 * on node:http, one access-log line per request on stdout, until SIGINT or SIGTERM.
 */
export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('serve', args, {
    port: { type: 'string', short: 'p' },
    host: { type: 'string' },
    trust: { type: 'string' },
    'status-dir': { type: 'string' },
    cors: { type: 'string', multiple: true },
    'did-doc': { type: 'string', multiple: true },
    doc: { type: 'string', multiple: true },
    'allow-network': { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(helpFor('serve'));
    return EXIT.OK;
  }
  const port = portOf(required('serve', 'port', values.port));
  const host = values.host ?? '127.0.0.1';
  const loader = await loaderWith(values['did-doc'] ?? [], io, 'serve', {
    docs: values.doc ?? [],
    ...(values['allow-network'] ? { fetch: globalThis.fetch } : {}),
  });
  const trust = values.trust === undefined ? undefined : await readTrustList(values.trust, io, 'serve');
  const statusDir = values['status-dir'] === undefined ? undefined : await directory(io, values['status-dir']);
  const cors = corsOf(values.cors);
  const handler = createVerifierHandler({
    loader,
    ...(trust ? { trust } : {}),
    ...(statusDir ? { statusLists: statusListDirectory(statusDir) } : {}),
    ...(cors ? { cors } : {}),
  });
  const server = await listen(logged(handler, io), host, port);
  const { address, port: bound } = server.address() as AddressInfo;
  io.stdout(`microcred serve: listening on http://${address.includes(':') ? `[${address}]` : address}:${bound}\n`);
  const signal = await stopSignal();
  io.stderr(`microcred serve: ${signal}, stopping (in-flight requests get ${DRAIN_MS / 1000} s)\n`);
  await close(server);
  io.stderr('microcred serve: stopped\n');
  return EXIT.OK;
}

/** The handler, writing `METHOD /path STATUS MSms` to stdout for every request (never the query: it may hold a token). */
function logged(handler: VerifierHandler, io: CliIo): VerifierHandler {
  return async (request) => {
    const started = performance.now();
    const response = await handler(request);
    const ms = Math.round(performance.now() - started);
    io.stdout(`${request.method} ${new URL(request.url).pathname} ${response.status} ${ms}ms\n`);
    return response;
  };
}

function listen(fetch: VerifierHandler, hostname: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname, port }, () => resolve(server as Server)) as Server;
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new CliError(
          error.code === 'EADDRINUSE'
            ? `Port ${port} on ${hostname} is in use already; choose another with --port.`
            : `Cannot listen on ${hostname}:${port}: ${error.message}`,
          CliErrorCode.LISTEN_FAILED,
        ),
      ),
    );
  });
}

/** Resolves with the name of the first SIGINT or SIGTERM, and stops listening for them. */
function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** Stops accepting connections and waits for the requests under way; past DRAIN_MS, drops what is left. */
function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

function portOf(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new UsageError(`--port must be a port number from 0 to 65535 (0: any free port); it is "${value}".`, 'serve');
  return port;
}

async function directory(io: CliIo, dir: string): Promise<string> {
  const path = resolvePath(io.cwd, dir);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory())
    throw new UsageError(
      `--status-dir ${dir} is not a folder; give the one "microcred status publish --out DIR" writes.`,
      'serve',
    );
  return path;
}

function corsOf(values: string[] | undefined): CorsOptions | undefined {
  if (values === undefined) return undefined;
  if (values.includes('*')) return { origins: '*' };
  for (const origin of values) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin !== origin)
      throw new UsageError(
        `--cors takes an origin such as https://verify.example.org (scheme, host and port, no path), or *; "${origin}" is not one.`,
        'serve',
      );
  }
  return { origins: values };
}
