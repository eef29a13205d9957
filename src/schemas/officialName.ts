// Which official OB 3.0 schema applies to a credential, by name only: the verifier asks this of every
// credential before it loads the schemas themselves (src/schemas/bundled.ts), which it does on demand.

/** The names of the bundled OB 3.0 schemas. */
export type OfficialSchemaName = 'AchievementCredential' | 'EndorsementCredential' | 'Profile';

/**
 * The name of the official schema for a credential's `type` list: EndorsementCredential for an
 * endorsement, AchievementCredential for an OpenBadgeCredential or AchievementCredential, else undefined.
 */
export function officialSchemaNameFor(types: readonly unknown[]): 'AchievementCredential' | 'EndorsementCredential' | undefined {
  if (types.includes('EndorsementCredential')) return 'EndorsementCredential';
  if (types.includes('OpenBadgeCredential') || types.includes('AchievementCredential')) return 'AchievementCredential';
  return undefined;
}
