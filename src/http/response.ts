import { ERROR_TITLES, type ErrorCode } from '../errors.js';

/** The body of every answer that is not a report: the code to branch on, its title, and what to do. */
export interface HttpProblem {
  error: { code: ErrorCode; title: string; detail: string };
}

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** An error response: `{ error: { code, title, detail } }`, the title from the one catalogue. */
export function problemResponse(
  status: number,
  code: ErrorCode,
  detail: string,
  headers: Record<string, string> = {},
): Response {
  const body: HttpProblem = { error: { code, title: ERROR_TITLES[code], detail } };
  return json(status, body, headers);
}
