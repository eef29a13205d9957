// microcred/http: a verifier service as a Fetch-API handler, for node:http (through @hono/node-server),
// Hono, Express or Fastify adapters, Deno and Bun; and where it finds the status lists it publishes.
export { createVerifierHandler, DEFAULT_MAX_BODY_BYTES } from './handler.js';
export type { VerifierHandler, VerifierHandlerOptions } from './handler.js';
export type { CorsOptions } from './cors.js';
export type { HttpProblem } from './response.js';
export { registryStatusLists } from './statusLists.js';
export type { StatusListSource, SignsStatusLists } from './statusLists.js';
export { statusListDirectory } from './statusDirectory.js';
