// Validating a document against a JSON Schema with ajv, in the draft the schema declares. Each
// schema is compiled once per process: the bundled ones by identity, others by their text.
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ErrorCode, MicrocredError } from '../errors.js';
import { parseDateTimeZ } from '../dates.js';
import { isJsonObject } from '../jsonPath.js';
import type { JsonSchema } from './bundled.js';
import { schemaFindings, type SchemaFinding } from './problems.js';

/** A schema that cannot be used: an unsupported draft, a reference that cannot be resolved, or not a schema at all. */
export class UnusableSchema extends MicrocredError {
  constructor(reason: string) {
    super(ErrorCode.SCHEMA_UNRESOLVED, `The JSON Schema cannot be used: ${reason}.`, { reason });
  }
}

const OPTIONS: Options = {
  allErrors: true,
  verbose: true,
  logger: false,
  // Unoptimised code compiles the 60 KB OB schemas in a third of the time and validates about as fast.
  code: { optimize: false },
  // Published schemas use keywords and tuple forms that strict mode warns about; they are not ours to fix.
  strict: false,
  formats: {
    'date-time': (value: string) => parseDateTimeZ(value) !== undefined,
    date: (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && parseDateTimeZ(`${value}T00:00:00Z`) !== undefined,
  },
};

const byIdentity = new WeakMap<object, ValidateFunction>();
const byText = new Map<string, ValidateFunction>();
// Schemas fetched or supplied at run time are few; the bound keeps a long-lived process from growing.
const MAX_TEXT_ENTRIES = 64;

function compiled(schema: JsonSchema): ValidateFunction {
  const known = byIdentity.get(schema);
  if (known) return known;
  const text = JSON.stringify(schema);
  let validate = byText.get(text);
  if (!validate) {
    // One ajv instance per schema: two documents claiming the same $id never collide.
    const ajv = ajvFor(schema.$schema);
    try {
      validate = ajv.compile(schema);
    } catch (error) {
      throw new UnusableSchema(`the schema could not be compiled: ${(error as Error).message}`);
    }
    if (byText.size >= MAX_TEXT_ENTRIES) byText.delete(byText.keys().next().value as string);
    byText.set(text, validate);
  }
  byIdentity.set(schema, validate);
  return validate;
}

function ajvFor(draft: unknown): Ajv {
  const id = typeof draft === 'string' ? draft.replace(/#$/, '') : undefined;
  if (id === undefined || id === 'https://json-schema.org/draft/2020-12/schema') return new Ajv2020(OPTIONS);
  if (id === 'https://json-schema.org/draft/2019-09/schema') return new Ajv2019(OPTIONS);
  if (id === 'http://json-schema.org/draft-07/schema' || id === 'http://json-schema.org/draft-06/schema') return new Ajv(OPTIONS);
  throw new UnusableSchema(`it is written in ${id}, which microcred does not read (it reads JSON Schema draft-06, draft-07, 2019-09 and 2020-12)`);
}

/**
 * Every way `document` departs from `schema`, each with the dotted path of the value concerned and a
 * sentence saying what is wrong. Empty when it conforms. Throws a {@link MicrocredError}
 * `ERR_SCHEMA_UNRESOLVED` when the schema cannot be used (a draft ajv does not read, a `$ref` to
 * another document, not a schema).
 *
 * JSON-LD reads a single value and an array of just that value alike (and the VC data model allows
 * `proof` as one object), so where the schema asks for an array and finds a single value, that
 * value is validated as an array of one.
 *
 * @example
 * validateAgainstSchema(credential, OB3_SCHEMAS.AchievementCredential)
 * // [{ path: 'credentialSubject.achievement', keyword: 'required', message: 'is required but missing' }]
 */
export function validateAgainstSchema(document: unknown, schema: JsonSchema): SchemaFinding[] {
  if (!isJsonObject(schema) && typeof schema !== 'boolean') throw new UnusableSchema('it is not a JSON Schema (not an object)');
  const validate = compiled(schema);
  const copy = structuredClone(document);
  const wrapped = new Set<string>();
  // Each round can only wrap values that are not arrays yet, so this ends; a few rounds reach the
  // deepest nesting of real credentials (a proof inside an endorsement inside the issuer).
  for (let round = 0; round < 8; round++) {
    if (validate(copy)) return [];
    const errors = validate.errors ?? [];
    let changed = false;
    for (const error of errors) {
      if (error.keyword === 'type' && listsArray(error) && wrapAt(copy, error.instancePath)) {
        wrapped.add(error.instancePath);
        changed = true;
      }
    }
    if (!changed) return schemaFindings(errors, document, wrapped);
  }
  return schemaFindings(validate.errors ?? [], document, wrapped);
}

function listsArray(error: ErrorObject): boolean {
  const type = (error.params as { type?: unknown }).type;
  return type === 'array' || (Array.isArray(type) && type.includes('array'));
}

/** Replaces the non-array value at a JSON pointer with an array holding it; false when nothing changed. */
function wrapAt(document: unknown, pointer: string): boolean {
  const keys = pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = keys.pop();
  if (last === undefined) return false;
  let parent: unknown = document;
  for (const key of keys) parent = (parent as Record<string, unknown> | undefined)?.[key];
  if (typeof parent !== 'object' || parent === null) return false;
  const container = parent as Record<string, unknown>;
  if (!(last in container) || Array.isArray(container[last])) return false;
  container[last] = [container[last]];
  return true;
}
