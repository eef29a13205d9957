// A verifier service in a few lines: microcred/http's handler served by node:http through
// @hono/node-server. The same handler fits Hono (`app.mount('/', handler)`), Deno.serve, Bun.serve,
// or Express and Fastify through their Fetch adapters.
//
//   node examples/verifier-service/server.mjs        # PORT (default 8080), HOST (default 127.0.0.1)
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { DocumentLoader, parseTrustList } from 'microcred';
import { createVerifierHandler } from 'microcred/http';

const trust = parseTrustList(JSON.parse(readFileSync(new URL('../trusted-issuers.json', import.meta.url), 'utf8')));

const handler = createVerifierHandler({
  loader: new DocumentLoader(), // one for every request: did:key documents are resolved once
  trust, // issuers you know are shown by name; others are a warning
  cors: { origins: ['http://localhost:5173'] }, // the page that calls it from a browser
  maxBodyBytes: 512 * 1024,
});

const server = serve(
  { fetch: handler, hostname: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 8080) },
  (info) => console.log(`verifier listening on http://${info.address}:${info.port}`),
);
// Let the requests under way finish, then exit.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => server.close());
