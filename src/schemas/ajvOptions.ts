// The ajv options the bundled OB 3.0 schemas are compiled with, shared by the run-time compiler
// (src/schemas/validate.ts) and the code generated ahead of time (src/schemas/standaloneSource.ts):
// one set of options, so the two cannot give different verdicts.
import { Ajv, type Options } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { SCHEMA_FORMATS } from './formats.js';


/** ajv's options for the bundled (trusted) schemas. */
export const BUNDLED_SCHEMA_OPTIONS: Options = {
  allErrors: true,
  verbose: true,
  logger: false,
  // Unoptimised code compiles the 60 KB OB schemas in a third of the time and validates about as fast.
  code: { optimize: false },
  // Published schemas use keywords and tuple forms that strict mode warns about; they are not ours to fix.
  strict: false,
  formats: SCHEMA_FORMATS,
};

/** A new ajv instance for the JSON Schema draft `draft` names (2020-12 when none), or undefined for a draft microcred does not read. */
export function ajvOfDraft(draft: unknown, options: Options): Ajv | undefined {
  const id = typeof draft === 'string' ? draft.replace(/#$/, '') : undefined;
  if (id === undefined || id === 'https://json-schema.org/draft/2020-12/schema') return new Ajv2020(options);
  if (id === 'https://json-schema.org/draft/2019-09/schema') return new Ajv2019(options);
  if (id === 'http://json-schema.org/draft-07/schema' || id === 'http://json-schema.org/draft-06/schema')
    return new Ajv(options);
  return undefined;
}
