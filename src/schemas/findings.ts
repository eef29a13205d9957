// What a compiled validation function finds in a document: the JSON-LD reading of single values as
// lists of one, then the findings in words. Apart from validate.ts, which also compiles schemas
// (ajv), so that a verifier using the validators compiled ahead of time loads no compiler.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { schemaFindings, type SchemaFinding } from './problems.js';

/**
 * Every way `document` departs from the schema `validate` was compiled from (see
 * validateAgainstSchema, which this is the second half of). `document` is not changed.
 */
export function findingsOf(validate: ValidateFunction, document: unknown): SchemaFinding[] {
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
