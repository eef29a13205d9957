// The id rules of compiled achievements. Issued credentials point at these ids (Result.resultDescription,
// Result.achievedLevel), so they must not change for a given definition id + version.
import type { DefinitionRef } from './types.js';

/** What an id depends on: the definition's id and version, nothing else. */
export type VersionedId = Pick<DefinitionRef, 'id'> & { version: string };

/**
 * The id of the Achievement compiled from a definition: `<definition id>/v<version>` (the version
 * percent-encoded, a trailing `/` of the definition id dropped). Same id + version, same
 * achievement id; a new version is a new achievement.
 *
 * @example
 * achievementId({ id: 'https://pd.example.org/microcredentials/formative-assessment', version: '1.0.0' })
 * // 'https://pd.example.org/microcredentials/formative-assessment/v1.0.0'
 */
export function achievementId(definition: VersionedId): string {
  return `${definition.id.replace(/\/+$/, '')}/v${encodeURIComponent(definition.version)}`;
}

/**
 * The id of the ResultDescription (the rubric) of one component:
 * `<achievement id>/components/<component id>`. Use it as `Result.resultDescription`.
 *
 * @example
 * resultDescriptionId(definition, 'plan') // '…/formative-assessment/v1.0.0/components/plan'
 */
export function resultDescriptionId(definition: VersionedId, componentId: string): string {
  return `${achievementId(definition)}/components/${encodeURIComponent(componentId)}`;
}

/**
 * The id of one RubricCriterionLevel of a component:
 * `<achievement id>/components/<component id>/levels/<level id>`. Use it as `Result.achievedLevel`.
 *
 * @example
 * rubricLevelId(definition, 'plan', 'proficient') // '…/v1.0.0/components/plan/levels/proficient'
 */
export function rubricLevelId(definition: VersionedId, componentId: string, levelId: string): string {
  return `${resultDescriptionId(definition, componentId)}/levels/${encodeURIComponent(levelId)}`;
}

/**
 * True when an achievement id was compiled from the definition `ref` names: of exactly
 * `ref.version` when it has one, of any version otherwise. For checking a stack's requirements.
 *
 * @example
 * matchesDefinitionRef({ id: 'https://pd.example.org/microcredentials/formative-assessment' }, credential.credentialSubject.achievement.id)
 */
export function matchesDefinitionRef(ref: DefinitionRef, id: string): boolean {
  if (ref.version !== undefined) return id === achievementId({ id: ref.id, version: ref.version });
  const prefix = `${ref.id.replace(/\/+$/, '')}/v`;
  return id.startsWith(prefix) && id.length > prefix.length && !id.slice(prefix.length).includes('/');
}
