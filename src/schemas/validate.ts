// Validating a document against a JSON Schema with ajv, in the draft the schema declares. Each
// schema is compiled once per process: the bundled ones by identity, others by their text.
import type { Ajv, Options, ValidateFunction } from 'ajv';
import { ErrorCode, MicrocredError, isMicrocredError } from '../errors.js';
import { isJsonObject } from '../jsonPath.js';
import { ajvOfDraft, BUNDLED_SCHEMA_OPTIONS } from './ajvOptions.js';
import { isBundledSchema, type JsonSchema } from './bundled.js';
import { linearRegExp } from './linearRegExp.js';
import { precompiledValidator } from './precompiled.js';
import type { SchemaFinding } from './problems.js';
import { findingsOf } from './findings.js';
import { isUnusableSchema, UNUSABLE_SCHEMA_CODES } from './unusable.js';

export { isUnusableSchema, UNUSABLE_SCHEMA_CODES };

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
  return findingsOf(validate, document);
}
