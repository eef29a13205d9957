// ajv's errors rewritten as one finding per problem, at the dotted path of the value concerned, in
// words a person can act on. A failed oneOf/anyOf is one finding (the branch the value was meant
// for, or "must be A or B"), not one per branch; `contains` is "must include X", not one error per item.
import type { ErrorObject } from 'ajv';
import { isJsonObject, joinPath, pathOfPointer } from '../jsonPath.js';

/** One way a document departs from a schema. */
export interface SchemaFinding {
  /** Dotted JSON path of the value concerned, e.g. `credentialSubject.achievement.criteria` ('' for the document). */
  path: string;
  /** The JSON Schema keyword that failed, e.g. `required`, `type`, `enum`. */
  keyword: string;
  /** What is wrong, as a sentence fragment that follows the path: "is required but missing". */
  message: string;
}

// Keywords that test the value itself: within a oneOf/anyOf they are each branch's alternative.
const ALTERNATIVES = new Set(['type', 'enum', 'const', 'pattern', 'format']);
// Enough for every value of the OB 3.0 vocabularies (achievementType has 31), so a person sees the choices.
const MAX_LISTED = 40;

/**
 * Findings for ajv's `errors` (compiled with `allErrors` and `verbose`) on `original`. `wrapped`
 * holds the JSON pointers of single values that were validated as arrays of one; their synthetic
 * `[0]` does not appear in the paths.
 */
export function schemaFindings(errors: readonly ErrorObject[], original: unknown, wrapped: ReadonlySet<string> = new Set()): SchemaFinding[] {
  // Errors raised while testing items for `contains` are not problems: `contains` reports once.
  const relevant = errors.filter((e) => !e.schemaPath.includes('/contains/'));
  const combinators = new Map<string, ErrorObject>();
  for (const e of relevant) if ((e.keyword === 'oneOf' || e.keyword === 'anyOf') && !combinators.has(e.instancePath)) combinators.set(e.instancePath, e);

  // Each finding keeps the place of the ajv error it comes from, so findings come in ajv's order.
  const placed: [number, SchemaFinding][] = [];
  for (const [pointer, combinator] of combinators) {
    const alternatives = relevant.filter((e) => e.instancePath === pointer && ALTERNATIVES.has(e.keyword));
    const inner = relevant.filter((e) => e !== combinator && !alternatives.includes(e) && isWithin(e.instancePath, pointer));
    // Inner errors mean the value had the shape of one branch and went wrong inside it: report those.
    // Otherwise the value fits no branch at all: one finding listing what it may be.
    const passing = (combinator.params as { passingSchemas?: unknown }).passingSchemas;
    const at = relevant.indexOf(combinator);
    if (Array.isArray(passing)) placed.push([at, { path: pathOf(pointer, original, wrapped), keyword: combinator.keyword, message: 'matches more than one of the forms the schema allows, and must match exactly one' }]);
    else if (inner.length === 0) placed.push([at, { path: pathOf(pointer, original, wrapped), keyword: combinator.keyword, message: `must be ${orList(alternatives.map(expectation))} (it is ${describe(combinator.data)})` }]);
  }
  relevant.forEach((e, at) => {
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf') return;
    if (combinators.has(e.instancePath) && ALTERNATIVES.has(e.keyword)) return;
    placed.push([at, translate(e, original, wrapped)]);
  });
  const findings = placed.sort((a, b) => a[0] - b[0]).map(([, finding]) => finding);
  return dedupe(findings);
}

function translate(e: ErrorObject, original: unknown, wrapped: ReadonlySet<string>): SchemaFinding {
  const path = pathOf(e.instancePath, original, wrapped);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { path: joinPath(path, String(params.missingProperty)), keyword: e.keyword, message: 'is required but missing' };
    case 'additionalProperties':
      return { path: joinPath(path, String(params.additionalProperty)), keyword: e.keyword, message: 'is not a property the schema allows here' };
    case 'type':
    case 'enum':
    case 'const':
    case 'pattern':
    case 'format':
      return { path, keyword: e.keyword, message: `must be ${expectation(e)} (it is ${describe(e.data)})` };
    case 'contains':
      return { path, keyword: e.keyword, message: `must include ${orList(containsValues(e.parentSchema))}` };
    case 'minItems':
      return { path, keyword: e.keyword, message: `must have at least ${plural(Number(params.limit), 'item')}` };
    case 'maxItems':
      return { path, keyword: e.keyword, message: `must have at most ${plural(Number(params.limit), 'item')}` };
    case 'minLength':
      return { path, keyword: e.keyword, message: Number(params.limit) === 1 ? 'must not be empty' : `must be at least ${plural(Number(params.limit), 'character')} long` };
    case 'additionalItems':
      return { path, keyword: e.keyword, message: `must have at most ${plural(Number(params.limit), 'item')}` };
    default:
      return { path, keyword: e.keyword, message: e.message ?? `fails the schema's "${e.keyword}" rule` };
  }
}

/** What an alternative asks for: "a string", `"Profile"`, "one of "A", "B"", "an RFC 3339 date-time". */
function expectation(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type': {
      const types = Array.isArray(params.type) ? (params.type as string[]) : String(params.type).split(',');
      return orList(types.map(article));
    }
    case 'enum': {
      const values = (params.allowedValues as unknown[]) ?? [];
      if (values.length === 1) return JSON.stringify(values[0]);
      const shown = values.slice(0, MAX_LISTED).map((v) => JSON.stringify(v));
      return `one of ${shown.join(', ')}${values.length > MAX_LISTED ? ` (or ${values.length - MAX_LISTED} more the schema lists)` : ''}`;
    }
    case 'const':
      return JSON.stringify(params.allowedValue);
    case 'pattern':
      return PATTERNS[String(params.pattern)] ?? `text matching the pattern ${String(params.pattern)}`;
    case 'format':
      return FORMATS[String(params.format)] ?? `in the "${String(params.format)}" format`;
    default:
      return e.message ?? 'valid';
  }
}

// The patterns of the official OB 3.0 schemas, in words.
const PATTERNS: Record<string, string> = {
  '(ext:)[a-z|A-Z|0-9|.|-|_]+': 'an extension term starting with "ext:", e.g. "ext:Internship"',
  '^https:\\/\\/purl\\.imsglobal\\.org\\/spec\\/ob\\/v3p0\\/context(-3\\.\\d\\.\\d)*\\.json$': 'an Open Badges 3.0 context URL, e.g. "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"',
};

const FORMATS: Record<string, string> = {
  'date-time': 'an RFC 3339 date-time with a timezone, e.g. "2026-01-31T09:00:00Z"',
  date: 'a date such as "2026-01-31"',
  uri: 'an absolute URI',
  email: 'an email address',
};

function containsValues(parentSchema: unknown): string[] {
  const contains = isJsonObject(parentSchema) && isJsonObject(parentSchema.contains) ? parentSchema.contains : {};
  if (Array.isArray(contains.enum)) return contains.enum.map((v) => JSON.stringify(v));
  if ('const' in contains) return [JSON.stringify(contains.const)];
  return ['an item the schema requires'];
}

/** The dotted path in `original` of a JSON pointer into the (possibly wrapped) validated copy. */
function pathOf(pointer: string, original: unknown, wrapped: ReadonlySet<string>): string {
  // The [0] of a single value read as an array of one is not in the credential.
  return pathOfPointer(pointer, original, (at, segment) => segment === '0' && wrapped.has(at));
}

function isWithin(pointer: string, base: string): boolean {
  return pointer === base || pointer.startsWith(`${base}/`);
}

function dedupe(findings: SchemaFinding[]): SchemaFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.path}\n${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function orList(items: string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique[0] ?? 'something else';
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

function article(type: string): string {
  if (type === 'array') return 'a list';
  if (type === 'object') return 'an object';
  if (type === 'integer') return 'a whole number';
  if (type === 'null') return 'null';
  return `a ${type}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 1 ? `a list of one: ${describe(value[0])}` : `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  return String(value);
}
