// The bundled schemas' validation functions, compiled ahead of time (src/schemas/standaloneSource.ts):
// the first verification does not pay for compiling 60 KB of JSON Schema.
import type { ValidateFunction } from 'ajv';
import { OB3_SCHEMAS } from './bundled.js';
import { validate as achievementCredential } from './compiled/achievementCredential.js';
import { validate as endorsementCredential } from './compiled/endorsementCredential.js';
import { validate as profile } from './compiled/profile.js';

const PRECOMPILED: ReadonlyMap<object, ValidateFunction> = new Map<object, ValidateFunction>([
  [OB3_SCHEMAS.AchievementCredential, achievementCredential as unknown as ValidateFunction],
  [OB3_SCHEMAS.EndorsementCredential, endorsementCredential as unknown as ValidateFunction],
  [OB3_SCHEMAS.Profile, profile as unknown as ValidateFunction],
]);

/** The validation function compiled ahead of time for one of the bundled schema objects, else undefined. */
export function precompiledValidator(schema: object): ValidateFunction | undefined {
  return PRECOMPILED.get(schema);
}
