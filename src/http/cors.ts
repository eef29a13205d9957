/** Which web pages may call the service from a browser (CORS). */
export interface CorsOptions {
  /** The origins allowed, e.g. `['https://verify.example.org']`, or `'*'` for any. */
  origins: readonly string[] | '*';
  /** How long a browser may keep a preflight answer, in seconds (default 600). */
  maxAgeSeconds?: number;
}

/** The CORS headers for a request from `origin`, or undefined when it is not allowed (or not cross-origin). */
export function corsHeaders(cors: CorsOptions | undefined, origin: string | null): Record<string, string> | undefined {
  if (!cors || origin === null) return undefined;
  if (cors.origins === '*') return { 'access-control-allow-origin': '*' };
  // Echo the one origin that matched, never the list: a browser accepts exactly one.
  return cors.origins.includes(origin) ? { 'access-control-allow-origin': origin, vary: 'origin' } : undefined;
}

/** The headers answering a preflight (OPTIONS) for an allowed origin. */
export function preflightHeaders(cors: CorsOptions, allowed: Record<string, string>): Record<string, string> {
  return {
    ...allowed,
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': 'content-type',
    'access-control-max-age': String(cors.maxAgeSeconds ?? 600),
  };
}
