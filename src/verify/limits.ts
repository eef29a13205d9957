import { ErrorCode } from '../errors.js';
import { isJsonObject, joinPath } from '../jsonPath.js';
import type { CheckPart, CheckResult, CredentialSummary, Problem, VerificationReport } from './report.js';
import type { ProblemInput } from './check.js';

/**
 * Bounds on what the verifier reads, so that hostile input cannot exhaust time or memory. Every
 * bound has a default ({@link DEFAULT_LIMITS}); pass any of them to change it:
 *
 * @example
 * await verifyCredential(json, { limits: { maxInputBytes: 256 * 1024 } });
 */
export interface VerifyLimits {
  /** Largest input accepted, in bytes (JSON text, JWT or image). */
  maxInputBytes: number;
  /** Deepest nesting of objects and arrays accepted. */
  maxDepth: number;
  /** Most proofs one credential may carry (each is a full signature check over the whole credential). */
  maxProofs: number;
  /**
   * Most values one credential may hold: object members and array elements, counted at every depth.
   * JSON-LD processing time grows with them, not with bytes (a long string is one value).
   */
  maxValues: number;
  /**
   * Longest string the report echoes back from the input: paths, the credential summary's fields,
   * part labels and the values a problem's detail quotes are cut to it, ending with "…". A detail
   * (its own words around what it quotes) is cut at four times this length.
   */
  maxEchoLength: number;
  /**
   * Most `credentialStatus` entries read; those beyond are could-not-check
   * (ERR_STATUS_TOO_MANY_ENTRIES). Real credentials carry one or two (revocation, suspension).
   */
  maxStatusEntries: number;
  /**
   * Most distinct status lists loaded for one credential; entries on further lists are
   * could-not-check (ERR_STATUS_TOO_MANY_LISTS). Each list is fetched, verified and inflated (up to
   * 16 MiB), one at a time. A status list's own status is read under the same bounds.
   */
  maxStatusLists: number;
  /**
   * Most JSON-LD contexts one credential may name: every entry of every `@context` anywhere in it,
   * a URL named twice counting twice. Each costs JSON-LD processing; real credentials name 2 to
   * 20 (a CLR bundling several credentials about 30).
   */
  maxContexts: number;
  /** Most JSON Schemas a credential may name in `credentialSchema` (besides the bundled official one). */
  maxSchemas: number;
  /**
   * Largest JSON Schema compiled, as JSON text, of those microcred does not bundle (compiling takes
   * time in proportion to size; the official OB 3.0 schemas are about 60 KB).
   */
  maxSchemaBytes: number;
  /**
   * Most credentials verified in one presentation (each is a full verification of its own; a
   * wallet shares a few at a time).
   */
  maxPresentationCredentials: number;
}

/**
 * The defaults. A real credential is a few kilobytes (a baked image a few hundred), nests about a
 * dozen levels, holds a few hundred values and carries one or two proofs; each bound leaves ample
 * room above that, and together they keep the worst input to about a second of work. A CLR
 * bundling dozens of credentials may need a larger maxValues.
 */
export const DEFAULT_LIMITS: Readonly<VerifyLimits> = Object.freeze({
  maxInputBytes: 4 * 1024 * 1024,
  maxDepth: 64,
  maxProofs: 4,
  maxValues: 5_000,
  maxEchoLength: 256,
  maxStatusEntries: 8,
  maxStatusLists: 4,
  maxContexts: 64,
  maxSchemas: 4,
  maxSchemaBytes: 256 * 1024,
  maxPresentationCredentials: 16,
});

/** The limits in force: each one given that is a positive whole number, the default otherwise. */
export function resolveLimits(given: unknown): VerifyLimits {
  const limits = { ...DEFAULT_LIMITS };
  if (!isJsonObject(given)) return limits;
  for (const name of Object.keys(DEFAULT_LIMITS) as (keyof VerifyLimits)[]) {
    const value = readOwn(given, name);
    if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) limits[name] = value;
  }
  return limits;
}

/** The problem with input that is larger than `limits.maxInputBytes`, measured before it is read. */
export function inputSizeProblem(source: unknown, limits: VerifyLimits): ProblemInput | undefined {
  const bytes =
    typeof source === 'string'
      ? utf8Length(source, limits.maxInputBytes)
      : source instanceof Uint8Array
        ? source.byteLength
        : undefined;
  return bytes !== undefined && bytes > limits.maxInputBytes ? tooLarge(limits) : undefined;
}

/**
 * The problem with a credential already copied into plain JSON (no cycles, nesting within
 * `limits.maxDepth`): more than `maxProofs` proofs, more than `maxContexts` contexts, more than
 * `maxValues` values, or larger than `maxInputBytes` as JSON text. Checked before any JSON-LD work.
 */
export function structureProblem(credential: Record<string, unknown>, limits: VerifyLimits): ProblemInput | undefined {
  const proofs = credential.proof;
  if (Array.isArray(proofs) && proofs.length > limits.maxProofs) {
    return {
      code: ErrorCode.INPUT_TOO_MANY_PROOFS,
      detail: `The credential carries ${proofs.length} proofs; at most ${limits.maxProofs} are checked (limits.maxProofs). Each proof costs a full signature check, and real credentials carry one or two.`,
      path: 'proof',
    };
  }
  const contexts = countContexts(credential, limits.maxContexts);
  if (contexts > limits.maxContexts) {
    return {
      code: ErrorCode.INPUT_TOO_MANY_CONTEXTS,
      detail: `The credential names more than ${limits.maxContexts} JSON-LD contexts (every entry of every @context, repeats included; limits.maxContexts). Each one costs JSON-LD processing before the signature can be checked, and real credentials name a few.`,
      path: '@context',
    };
  }
  const { bytes, values } = measure(credential, limits);
  if (values > limits.maxValues) {
    return {
      code: ErrorCode.INPUT_TOO_MANY_VALUES,
      detail: `The credential holds more than ${limits.maxValues} values (object members and array elements; limits.maxValues). Checking its signature takes time in proportion to them, and a credential holds a few hundred; raise the limit for a larger one, such as a CLR bundling many credentials.`,
    };
  }
  return bytes > limits.maxInputBytes ? tooLarge(limits) : undefined;
}

/** The problem with plain JSON (a decoded VC-JWT's credential) nested deeper than `limits.maxDepth`. */
export function nestingProblem(value: unknown, limits: VerifyLimits): ProblemInput | undefined {
  const pending: [unknown, string, number][] = [[value, '', 0]];
  while (pending.length > 0) {
    const [next, path, depth] = pending.pop() as [unknown, string, number];
    if (next === null || typeof next !== 'object') continue;
    if (depth >= limits.maxDepth) return tooDeepProblem(path, limits);
    const entries = Array.isArray(next) ? next.map((v, i) => [i, v] as const) : Object.entries(next);
    for (const [key, child] of entries) pending.push([child, joinPath(path, key), depth + 1]);
  }
  return undefined;
}

/** The problem for a credential nested deeper than `limits.maxDepth`, at `path`. */
export function tooDeepProblem(path: string, limits: VerifyLimits): ProblemInput {
  return {
    code: ErrorCode.INPUT_TOO_DEEP,
    detail: `The credential nests objects and arrays deeper than ${limits.maxDepth} levels (limits.maxDepth); real credentials nest about a dozen.`,
    ...(path ? { path } : {}),
  };
}

function tooLarge(limits: VerifyLimits): ProblemInput {
  return {
    code: ErrorCode.INPUT_TOO_LARGE,
    detail: `The input is larger than the ${limits.maxInputBytes} bytes accepted (limits.maxInputBytes). Credentials are a few kilobytes; raise the limit if you expect larger ones.`,
  };
}

/** `text` cut to at most `max` characters, ending with "…" when it was cut. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  // Do not split a surrogate pair: a lone half is not text.
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** A value from the input as a problem's detail quotes it: JSON for non-strings, cut to `limits.maxEchoLength`. */
export function echo(value: unknown, limits: VerifyLimits): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return shorten(text, limits.maxEchoLength);
}

/**
 * The report with every string that can carry input cut to size: paths, part labels and the
 * credential summary to `maxEchoLength`, titles and details to four times that. The checks quote
 * values through {@link echo}; this is the bound for everything else.
 */
export function boundReport(report: VerificationReport, limits: VerifyLimits): VerificationReport {
  return {
    ...report,
    checks: boundChecks(report.checks, limits),
    ...(report.credential ? { credential: boundSummary(report.credential, limits.maxEchoLength) } : {}),
  };
}

/** The checks of a report (a credential's or a presentation's) bounded as {@link boundReport} says. */
export function boundChecks<Id extends string>(checks: CheckResult<Id>[], limits: VerifyLimits): CheckResult<Id>[] {
  const max = limits.maxEchoLength;
  const problem = (p: Problem): Problem => ({
    ...p,
    title: shorten(p.title, max * 4),
    detail: shorten(p.detail, max * 4),
    ...(p.path === undefined ? {} : { path: shorten(p.path, max) }),
  });
  const part = (p: CheckPart): CheckPart => {
    const label = shorten(p.label, max);
    return p.outcome === 'passed' ? { ...p, label } : { ...p, label, problem: problem(p.problem) };
  };
  const check = (c: CheckResult<Id>): CheckResult<Id> => {
    const lists = {
      ...(c.problems ? { problems: c.problems.map(problem) } : {}),
      ...(c.parts ? { parts: c.parts.map(part) } : {}),
    };
    return c.outcome === 'passed' ? { ...c, ...lists } : { ...c, problem: problem(c.problem), ...lists };
  };
  return checks.map(check);
}

function boundSummary(summary: CredentialSummary, max: number): CredentialSummary {
  const cut = (value: unknown): unknown =>
    typeof value === 'string'
      ? shorten(value, max)
      : isJsonObject(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cut(v)]))
        : value;
  return cut(summary) as CredentialSummary;
}

// UTF-8 length of `text`, counting no further than just past `limit` (the answer is then only "over").
function utf8Length(text: string, limit: number): number {
  if (text.length > limit) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

// The length of `value` as compact JSON text and its number of values (members and elements),
// counting no further than just past either limit.
function measure(value: unknown, limits: VerifyLimits): { bytes: number; values: number } {
  let bytes = 0;
  let values = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && bytes <= limits.maxInputBytes && values <= limits.maxValues) {
    const next = pending.pop();
    if (typeof next === 'string') bytes += utf8Length(next, limits.maxInputBytes) + 2;
    else if (Array.isArray(next)) {
      bytes += 1 + next.length;
      values += next.length;
      for (const item of next) pending.push(item);
    } else if (isJsonObject(next)) {
      const keys = Object.keys(next);
      bytes += 1 + keys.length;
      values += keys.length;
      for (const key of keys) {
        bytes += utf8Length(key, limits.maxInputBytes) + 3;
        pending.push(next[key]);
      }
    } else bytes += String(next).length;
  }
  return { bytes, values };
}

// The entries of every @context in `value` (an array's elements, or 1 for a single context),
// counting no further than just past `max`.
function countContexts(value: unknown, max: number): number {
  let count = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && count <= max) {
    const next = pending.pop();
    if (Array.isArray(next)) for (const item of next) pending.push(item);
    else if (isJsonObject(next)) {
      for (const key of Object.keys(next)) {
        const child = next[key];
        if (key === '@context') count += Array.isArray(child) ? child.length : 1;
        pending.push(child);
      }
    }
  }
  return count;
}

function readOwn(record: Record<string, unknown>, name: string): unknown {
  try {
    return Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined;
  } catch {
    return undefined;
  }
}
