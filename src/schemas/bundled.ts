// The official 1EdTech JSON Schemas of Open Badges 3.0, bundled byte for byte (schemas/ob3/README.md
// says where each comes from and which URLs it is served for).
import achievementCredential from '../../schemas/ob3/ob_v3p0_achievementcredential-jsonschema1.json';
import endorsementCredential from '../../schemas/ob3/ob_v3p0_endorsementcredential-jsonschema1.json';
import profile from '../../schemas/ob3/ob_v3p0_profile-jsonschema1.json';
import { officialSchemaNameFor } from './officialName.js';

/** A JSON Schema document. */
export type JsonSchema = Readonly<Record<string, unknown>>;

const BASE = 'https://purl.imsglobal.org/spec/ob/v3p0/schema';

/** The bundled OB 3.0 schemas, by the credential type (or class) each describes. */
export const OB3_SCHEMAS = {
  AchievementCredential: achievementCredential as JsonSchema,
  EndorsementCredential: endorsementCredential as JsonSchema,
  Profile: profile as JsonSchema,
} as const;

// Each schema under its $id and the URLs credentials name in credentialSchema. The byte-exact files
// at the purl URLs were not available; ours come from the same generator (schemas/ob3/README.md).
const BY_URL: ReadonlyMap<string, JsonSchema> = new Map([
  ...urls(OB3_SCHEMAS.AchievementCredential, [`${BASE}/json/ob_v3p0_achievementcredential_schema.json`, `${BASE}/json-ld/ob_v3p0_achievementcredential_schema.json`]),
  ...urls(OB3_SCHEMAS.EndorsementCredential, [`${BASE}/json/ob_v3p0_endorsementcredential_schema.json`, `${BASE}/json-ld/ob_v3p0_endorsementcredential_schema.json`]),
  ...urls(OB3_SCHEMAS.Profile, [`${BASE}/json/ob_v3p0_profile_schema.json`, `${BASE}/json-ld/ob_v3p0_profile_schema.json`]),
]);

function urls(schema: JsonSchema, aliases: string[]): [string, JsonSchema][] {
  return [schema.$id as string, ...aliases].map((url) => [url, schema]);
}

const BUNDLED: ReadonlySet<unknown> = new Set(Object.values(OB3_SCHEMAS));

/** True for one of the bundled schema objects themselves (trusted: compiled with the native RegExp engine). */
export function isBundledSchema(schema: unknown): boolean {
  return BUNDLED.has(schema);
}

/** The bundled schema served for `url`, or undefined when microcred does not bundle it. */
export function bundledSchema(url: string): JsonSchema | undefined {
  return BY_URL.get(url);
}

/** The URLs microcred serves a bundled schema for, for display and tests. */
export function bundledSchemaUrls(): string[] {
  return [...BY_URL.keys()];
}

/**
 * The official schema for a credential's `type` list: EndorsementCredential's for an endorsement,
 * AchievementCredential's for an OpenBadgeCredential or AchievementCredential, else undefined.
 */
export function officialSchemaFor(types: readonly unknown[]): { name: keyof typeof OB3_SCHEMAS; schema: JsonSchema } | undefined {
  const name = officialSchemaNameFor(types);
  return name ? { name, schema: OB3_SCHEMAS[name] } : undefined;
}
