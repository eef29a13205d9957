// Definition → Open Badges 3.0 Achievement. Every property written here is one the OB 3.0.3
// context defines (Achievement, Criteria, Alignment, ResultDescription, RubricCriterionLevel,
// Image, Profile), so the result expands in JSON-LD safe mode and can be signed.
import type { Achievement, Alignment, Profile, ResultDescription, RubricCriterionLevel } from '../model/achievement.js';
import type { AlignmentTarget, CompetencyDefinition, Component, DefinitionIssuer } from './types.js';
import { achievementId, resultDescriptionId, rubricLevelId } from './ids.js';
import { criteriaNarrative } from './narrative.js';
import { defineCompetency } from './define.js';

/**
 * Compiles a definition (from {@link defineCompetency} or {@link parseCompetency}) to an Open
 * Badges 3.0 `Achievement`. Pure and deterministic: the same definition gives the same object, and
 * the ids depend only on the definition's id and version (see {@link achievementId},
 * {@link resultDescriptionId}, {@link rubricLevelId}).
 *
 * - `criteria.narrative`: Markdown from the competency, key method and components (evidence,
 *   reflection prompts, passing level) or, for a stack, the micro-credentials it requires;
 *   `criteria.id` is `criteriaUrl` when given.
 * - one `resultDescription` per component (`resultType: 'RubricCriterionLevel'`, `requiredLevel`
 *   = the lowest passing level), none for a stack.
 * - `alignment`, `tag`, `version`, `creditsAvailable` (from `credits`), `inLanguage`, `image`, and
 *   `creator` when the issuer has an id. Estimated hours have no OB 3.0 property; they are in the
 *   narrative. A stack's requirements are not written as `alignment` or `related` (which mean
 *   "aligned to a standard" and "the same achievement in another language or version").
 *
 * The definition is checked first (a hand-built object gets the same checks as a parsed file), so
 * an invalid one throws `ERR_DEFINITION_INVALID`.
 *
 * @example
 * const achievement = compileAchievement(parseCompetency(yamlText));
 * await issueCredential({ …, credentialSubject: { type: ['AchievementSubject'], id: teacherDid, achievement } }, { key });
 */
export function compileAchievement(input: CompetencyDefinition): Achievement {
  const definition = defineCompetency(input);
  const achievement: Achievement = {
    id: achievementId(definition),
    type: ['Achievement'],
    achievementType: definition.achievementType ?? 'MicroCredential',
    name: definition.name,
    description: definition.description,
    criteria: {
      ...(definition.criteriaUrl ? { id: definition.criteriaUrl } : {}),
      narrative: criteriaNarrative(definition),
    },
  };
  if (definition.image) achievement.image = { id: definition.image, type: 'Image' };
  if (definition.alignment?.length) achievement.alignment = definition.alignment.map(compileAlignment);
  if (definition.components?.length)
    achievement.resultDescription = definition.components.map((c) => compileRubric(definition, c));
  if (definition.tags?.length) achievement.tag = [...definition.tags];
  achievement.version = definition.version;
  if (definition.credits !== undefined) achievement.creditsAvailable = definition.credits;
  if (definition.language) achievement.inLanguage = definition.language;
  const creator = compileCreator(definition);
  if (creator) achievement.creator = creator;
  // Signed credentials of their own: copied as they are (a changed byte would break their proofs).
  if (definition.endorsements?.length) achievement.endorsement = structuredClone(definition.endorsements);
  return achievement;
}

function compileAlignment(target: AlignmentTarget): Alignment {
  return {
    type: ['Alignment'],
    targetName: target.name,
    targetUrl: target.url,
    ...(target.description ? { targetDescription: target.description } : {}),
    ...(target.framework ? { targetFramework: target.framework } : {}),
    ...(target.code ? { targetCode: target.code } : {}),
    ...(target.type ? { targetType: target.type } : {}),
  };
}

function compileRubric(definition: CompetencyDefinition, component: Component): ResultDescription {
  const levels: RubricCriterionLevel[] = component.rubric.levels.map((level) => ({
    id: rubricLevelId(definition, component.id, level.id),
    type: ['RubricCriterionLevel'],
    name: level.name,
    ...(level.description ? { description: level.description } : {}),
    ...(level.points !== undefined ? { points: String(level.points) } : {}),
  }));
  // Levels run from highest to lowest (checked when the definition is read), so the last
  // passing level is the lowest one that meets the standard.
  const lowestPassing = component.rubric.levels.filter((level) => level.passing).at(-1);
  return {
    id: resultDescriptionId(definition, component.id),
    type: ['ResultDescription'],
    name: component.name,
    resultType: 'RubricCriterionLevel',
    ...(lowestPassing ? { requiredLevel: rubricLevelId(definition, component.id, lowestPassing.id) } : {}),
    rubricCriterionLevel: levels,
  };
}

// The definition's issuer is the achievement's creator only when it is identified: a Profile needs
// an id, and an issuer without one gets it from the signing key at issue time.
function compileCreator(definition: CompetencyDefinition): Profile | undefined {
  return definition.issuer.id ? profileOf(definition.issuer, definition.issuer.id) : undefined;
}

/** An OB 3.0 Profile from a definition's issuer details, under the given id (a DID). */
export function profileOf(issuer: DefinitionIssuer, id: string): Profile {
  return {
    id,
    type: ['Profile'],
    name: issuer.name,
    ...(issuer.url ? { url: issuer.url } : {}),
    ...(issuer.email ? { email: issuer.email } : {}),
    ...(issuer.description ? { description: issuer.description } : {}),
    ...(issuer.image ? { image: { id: issuer.image, type: 'Image' as const } } : {}),
  };
}
