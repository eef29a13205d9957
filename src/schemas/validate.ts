// Validating a document against a JSON Schema with ajv, in the draft the schema declares. Each
// schema is compiled once per process: the bundled ones by identity, others by their text.
import type { Ajv, ErrorObject, Options, ValidateFunction } from 'ajv';
import { ErrorCode, MicrocredError, isMicrocredError } from '../errors.js';
import { isJsonObject } from '../jsonPath.js';
import { ajvOfDraft, BUNDLED_SCHEMA_OPTIONS } from './ajvOptions.js';
import { isBundledSchema, type JsonSchema } from './bundled.js';
import { linearRegExp } from './linearRegExp.js';
import { precompiledValidator } from './precompiled.js';
import { schemaFindings, type SchemaFinding } from './problems.js';

/**
 * The codes of a schema that cannot be used: an unsupported draft, a reference that cannot be
 * resolved, or not a schema at all (ERR_SCHEMA_UNRESOLVED); larger than allowed
 * (ERR_SCHEMA_TOO_LARGE); a pattern the linear-time engine does not run (ERR_SCHEMA_PATTERN_UNSAFE).
 * The error's `details.reason` says why, as a clause ("it is written in …").
 */
export const UNUSABLE_SCHEMA_CODES: readonly ErrorCode[] = [ErrorCode.SCHEMA_UNRESOLVED, ErrorCode.SCHEMA_TOO_LARGE, ErrorCode.SCHEMA_PATTERN_UNSAFE];

/** True when `error` says a schema cannot be used (one of {@link UNUSABLE_SCHEMA_CODES}), with its reason. */
export function isUnusableSchema(error: unknown): error is MicrocredError & { details: { reason: string } } {
  return isMicrocredError(error) && UNUSABLE_SCHEMA_CODES.includes(error.code) && typeof error.details.reason === 'string';
}

function unusable(reason: string, code: ErrorCode = ErrorCode.SCHEMA_UNRESOLVED, extra: Record<string, unknown> = {}): MicrocredError {
  return new MicrocredError(code, `The JSON Schema cannot be used: ${reason}.`, { reason, ...extra });
}

/** The largest schema (as JSON text) compiled when none is given: {@link DEFAULT_LIMITS}' maxSchemaBytes. */
export const DEFAULT_MAX_SCHEMA_BYTES = 256 * 1024;

/** How a schema microcred does not bundle is treated. */
export interface SchemaValidationOptions {
  /** Refuse a schema larger than this as JSON text (ERR_SCHEMA_TOO_LARGE; default 256 KiB). Bundled schemas are exempt. */
  maxSchemaBytes?: number;
}

const OPTIONS: Options = BUNDLED_SCHEMA_OPTIONS;

const byIdentity = new WeakMap<object, ValidateFunction>();
const byText = new Map<string, ValidateFunction>();
// Schemas fetched or supplied at run time are few; the bound keeps a long-lived process from growing.
const MAX_TEXT_ENTRIES = 64;

// A schema microcred does not bundle may come from anyone: its patterns run on a linear-time
// engine, and its size bounds the time ajv spends compiling it.
const UNTRUSTED: Options = { ...OPTIONS, code: { optimize: false, regExp: linearRegExp }, allowMatchingProperties: true };

/**
 * The validation function of a bundled schema compiled now, by ajv, as it was before the
 * ahead-of-time code existed. Internal: test/schemas/standalone.test.ts compares the two.
 */
export function compileBundledAtRunTime(schema: JsonSchema): ValidateFunction {
  return ajvFor(schema.$schema, OPTIONS).compile(schema);
}

function compiled(schema: JsonSchema, maxBytes: number): ValidateFunction {
  const known = precompiledValidator(schema) ?? byIdentity.get(schema);
  if (known) return known;
  const trusted = isBundledSchema(schema);
  const text = JSON.stringify(schema);
  if (!trusted && text.length > maxBytes) {
    throw unusable(`it is ${text.length} bytes as JSON text, more than the ${maxBytes} accepted (limits.maxSchemaBytes); compiling a schema takes time in proportion to its size`, ErrorCode.SCHEMA_TOO_LARGE, { limit: maxBytes, size: text.length });
  }
  const key = `${trusted ? 'bundled' : 'linear'} ${text}`;
  let validate = byText.get(key);
  if (!validate) {
    // One ajv instance per schema: two documents claiming the same $id never collide.
    const ajv = ajvFor(schema.$schema, trusted ? OPTIONS : UNTRUSTED);
    try {
      validate = ajv.compile(schema);
    } catch (error) {
      if (isMicrocredError(error, ErrorCode.SCHEMA_PATTERN_UNSAFE)) {
        const { pattern } = error.details;
        throw unusable(`its pattern ${JSON.stringify(pattern)} uses what a linear-time regular expression engine cannot run (${error.message}); patterns of schemas microcred does not bundle run on one, so that no pattern can stall verification`, ErrorCode.SCHEMA_PATTERN_UNSAFE, { pattern });
      }
      throw unusable(`the schema could not be compiled: ${(error as Error).message}`);
    }
    if (byText.size >= MAX_TEXT_ENTRIES) byText.delete(byText.keys().next().value as string);
    byText.set(key, validate);
  }
  byIdentity.set(schema, validate);
  return validate;
}

function ajvFor(draft: unknown, options: Options): Ajv {
  const ajv = ajvOfDraft(draft, options);
  if (ajv) return ajv;
  throw unusable(`it is written in ${String(draft).replace(/#$/, '')}, which microcred does not read (it reads JSON Schema draft-06, draft-07, 2019-09 and 2020-12)`);
}

/**
 * Every way `document` departs from `schema`, each with the dotted path of the value concerned and a
 * sentence saying what is wrong. Empty when it conforms. Throws a {@link MicrocredError}
 * `ERR_SCHEMA_UNRESOLVED` when the schema cannot be used (a draft ajv does not read, a `$ref` to
 * another document, not a schema), `ERR_SCHEMA_TOO_LARGE` or `ERR_SCHEMA_PATTERN_UNSAFE` (see
 * {@link isUnusableSchema}). A schema microcred does not bundle has its patterns run by a linear-time
 * engine (RE2), so ECMAScript-only features (lookaround, backreferences) make it unusable.
 *
 * JSON-LD reads a single value and an array of just that value alike (and the VC data model allows
 * `proof` as one object), so where the schema asks for an array and finds a single value, that
 * value is validated as an array of one.
 *
 * @example
 * validateAgainstSchema(credential, OB3_SCHEMAS.AchievementCredential)
 * // [{ path: 'credentialSubject.achievement', keyword: 'required', message: 'is required but missing' }]
 */
export function validateAgainstSchema(document: unknown, schema: JsonSchema, options: SchemaValidationOptions = {}): SchemaFinding[] {
  if (!isJsonObject(schema) && typeof schema !== 'boolean') throw unusable('it is not a JSON Schema (not an object)');
  const validate = compiled(schema, options.maxSchemaBytes ?? DEFAULT_MAX_SCHEMA_BYTES);
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
