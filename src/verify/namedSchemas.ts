// Which JSON Schemas a credential names, as signed: read by the schema check to know whether it
// applies, and by its work (src/verify/schemaRun.ts), loaded on first use.
import type { CredentialView } from './view/view.js';

/**
 * The credentialSchema types whose `id` is a JSON Schema to apply: OB 3.0's own (defined by the OB
 * extensions context) and VC 2.0's `JsonSchema` (VC JSON Schema §3.1), which VC 2.0 badges use.
 */
export const JSON_SCHEMA_TYPES: readonly string[] = ['1EdTechJsonSchemaValidator2019', 'JsonSchema'];

/** [index, url] of each credentialSchema entry that names a JSON Schema, as signed (the view). */
export function namedSchemas(view: CredentialView | undefined): [number, string][] {
  return (view?.schemas ?? []).flatMap((entry, index): [number, string][] =>
    entry.id !== undefined && entry.types.some((t) => JSON_SCHEMA_TYPES.includes(t)) ? [[index, entry.id]] : [],
  );
}
