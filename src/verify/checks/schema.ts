import { officialSchemaNameFor } from '../../schemas/officialName.js';
import { namedSchemas } from '../namedSchemas.js';
import type { Check } from '../check.js';

/**
 * The credential conforms to the official 1EdTech JSON Schema of its type (OB 3.0 over VC 2.0) and
 * to every JSON Schema it names in `credentialSchema` (types `1EdTechJsonSchemaValidator2019` and
 * `JsonSchema`; other kinds, such as a JsonSchemaCredential, are not read). Not an
 * authenticity check: a credential that fails it is invalid, while `authentic` stays what the proof says.
 *
 * Named schemas come from microcred's bundle when it has them, else from the loader (documents the
 * caller holds, or the network when the caller allows it), and only once the proof holds and binds
 * to the issuer: an unsigned upload cannot make the verifier fetch or compile anything. At most
 * `limits.maxSchemas` are named; each is at most `limits.maxSchemaBytes` and runs its patterns on
 * a linear-time engine (src/schemas/linearRegExp.ts). One that cannot be had or used is "could
 * not check", naming its URL.
 */
export const schemaCheck: Check = {
  id: 'schema',
  title: 'It matches the Open Badges 3.0 JSON Schema',
  fatal: false,
  // A plain VC that names no schema has nothing to be measured against (the type check says it is not an Open Badge).
  appliesTo: (ctx) => officialSchemaNameFor(ctx.view?.types ?? []) !== undefined || namedSchemas(ctx.view).length > 0,
  // What it does is loaded with the schemas themselves, the first time a credential is measured.
  async run(ctx) {
    const { runSchemaCheck } = await import('../schemaRun.js');
    return runSchemaCheck(ctx);
  },
};
