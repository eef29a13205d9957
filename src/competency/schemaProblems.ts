// JSON Schema validation of a definition, with ajv's errors rewritten as one plain sentence per
// problem at a dotted path (`components[2].rubric.levels`), the way a PD coordinator editing YAML
// needs them.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { ProblemDetail } from '../errors.js';
import { isJsonObject, joinPath, pathOfPointer } from '../jsonPath.js';
import schema from '../../schemas/competency-definition.schema.json';

/** The JSON Schema (draft 2020-12) of the competency definition format. */
export const COMPETENCY_DEFINITION_SCHEMA: Readonly<Record<string, unknown>> = schema;

// What a value that fails one of the schema's named shapes ($defs) should have been.
const SHAPES: Record<string, string> = {
  slug: 'must be a slug: lowercase letters, digits and single hyphens, e.g. "lesson-plan"',
  definitionId:
    'must be an absolute URI without ? or #, e.g. "https://pd.example.org/microcredentials/formative-assessment"',
  uri: 'must be an absolute URI, e.g. a DID or an https:// URL',
  httpUrl: 'must be an http(s) URL, e.g. "https://example.org/page"',
  imageUrl: 'must be an http(s) URL or a data:image/… URL',
  email: 'must be an email address',
  language: 'must be a BCP 47 language tag, e.g. "en" or "es-MX"',
  text: 'must not be empty',
  achievementType:
    'must be an Open Badges 3.0 achievement type (e.g. "MicroCredential", "Competency", "Certificate") or an "ext:" extension',
  alignmentType:
    'must be an Open Badges 3.0 alignment target type ("ceasn:Competency", "ceterms:Credential", "CFItem", "CFRubric", "CFRubricCriterion", "CFRubricCriterionLevel", "CTDL") or an "ext:" extension',
};

let validator: ValidateFunction | undefined;

// Compiled once on first use: the schema is a constant, so the compiled function is too.
function validate(): ValidateFunction {
  validator ??= new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    strictRequired: false,
    logger: false,
  }).compile(schema);
  return validator;
}

/** Every way `input` departs from the schema, as `{ path, message }` in the dotted path form. */
export function schemaProblems(input: unknown): ProblemDetail[] {
  const check = validate();
  if (check(input)) return [];
  const errors = check.errors ?? [];
  // A failed anyOf/oneOf is reported once, in its own words, not once per branch.
  const combinators = errors
    .filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    .map((e) => `${e.schemaPath}/`);
  const problems: ProblemDetail[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (combinators.some((prefix) => error.schemaPath.startsWith(prefix))) continue;
    for (const problem of translate(error, input)) {
      const key = `${problem.path}\n${problem.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        problems.push(problem);
      }
    }
  }
  return problems;
}

function translate(error: ErrorObject, input: unknown): ProblemDetail[] {
  const path = dottedPath(error.instancePath, input);
  const params = error.params as Record<string, unknown>;
  const shape = shapeOf(error.schemaPath);
  switch (error.keyword) {
    case 'required':
      return [
        {
          path: joinPath(path, String(params.missingProperty)),
          message: `missing required property "${String(params.missingProperty)}"`,
        },
      ];
    case 'additionalProperties':
      return [
        {
          path: joinPath(path, String(params.additionalProperty)),
          message: `unknown property "${String(params.additionalProperty)}"${suggestion(error, String(params.additionalProperty))}`,
        },
      ];
    case 'oneOf':
      // Not an object: the type error already says so, and "components" vs "stack" means nothing yet.
      if (path === '') return isJsonObject(input) ? [rootOneOf(input)] : [];
      break;
    case 'type': {
      if (path === '')
        return [{ path, message: 'a competency definition must be an object (a YAML mapping or a JSON object)' }];
      const value = valueAt(input, error.instancePath);
      const hint =
        params.type === 'string' && typeof value === 'number'
          ? ` (got the number ${value}; in YAML, put it in quotes to keep it as text)`
          : ` (got ${describe(value)})`;
      return [{ path, message: `must be ${article(String(params.type))}${hint}` }];
    }
    case 'pattern':
    case 'minLength':
      return [
        {
          path,
          message:
            (shape && SHAPES[shape]) ??
            (error.keyword === 'minLength' ? 'must not be empty' : `must match ${String(params.pattern)}`),
        },
      ];
    case 'minItems':
      return [
        {
          path,
          message: `must have at least ${Number(params.limit)} ${Number(params.limit) === 1 ? 'item' : 'items'}`,
        },
      ];
    case 'uniqueItems':
      return [
        { path, message: `must not repeat an item (items ${Number(params.j)} and ${Number(params.i)} are the same)` },
      ];
    case 'minimum':
      return [{ path, message: `must be ${Number(params.limit)} or more` }];
    case 'exclusiveMinimum':
      return [{ path, message: `must be more than ${Number(params.limit)}` }];
    case 'enum':
      return [
        {
          path,
          message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
        },
      ];
  }
  if ((error.keyword === 'anyOf' || error.keyword === 'oneOf') && shape && SHAPES[shape])
    return [{ path, message: SHAPES[shape] }];
  return [{ path, message: error.message ?? `fails ${error.keyword}` }];
}

// Exactly one of components / stack says how the credential is earned.
function rootOneOf(data: Record<string, unknown>): ProblemDetail {
  if ('components' in data && 'stack' in data) {
    return {
      path: 'stack',
      message:
        'a definition has either "components" (earned by reviewed evidence) or "stack" (earned by holding other micro-credentials), not both',
    };
  }
  return {
    path: 'components',
    message:
      'missing required property "components" (or "stack", for a credential earned by holding other micro-credentials)',
  };
}

/** `/components/2/rubric/levels` → `components[2].rubric.levels` (indices only where the data is an array). */
function dottedPath(pointer: string, input: unknown): string {
  return pathOfPointer(pointer, input);
}

function valueAt(input: unknown, pointer: string): unknown {
  let value = input;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/** The `$defs` entry an error comes from, e.g. `#/$defs/slug/pattern` → `slug`. */
function shapeOf(schemaPath: string): string | undefined {
  const match = /^#\/\$defs\/([^/]+)\/(?:pattern|minLength|anyOf|oneOf)$/.exec(schemaPath);
  return match?.[1];
}

// A misspelt property is the common case ("nmae"); name the one that was probably meant.
function suggestion(error: ErrorObject, unknown: string): string {
  const known = Object.keys((error.parentSchema?.properties as Record<string, unknown> | undefined) ?? {}).filter(
    (k) => k !== '$schema',
  );
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(unknown.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 3))
    ? `; did you mean "${best}"?`
    : '';
}

// Edit distance counting a swap of neighbours as one edit (the commonest typo: "nmae").
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

function article(type: string): string {
  return type === 'array'
    ? 'a list'
    : type === 'object'
      ? 'an object (a mapping)'
      : type === 'integer'
        ? 'a whole number'
        : `a ${type}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}
