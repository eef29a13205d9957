import type { CompetencyDefinition } from '../competency/types.js';
import { compileAchievement } from '../competency/compile.js';
import { matchesDefinitionRef } from '../competency/ids.js';
import type { Achievement } from '../model/achievement.js';

/** A CLR 2.0 Association: `sourceId` stands in `associationType` to `targetId` (ids of achievements in the record). */
export interface ClrAssociation {
  type?: 'Association';
  /** e.g. `isParentOf`, `isChildOf`, `precedes`, `isPartOf` (CLR 2.0 AssociationType). */
  associationType: string;
  sourceId: string;
  targetId: string;
}

/**
 * The associations a stack definition states between the achievements of a record: the stack's
 * achievement `isParentOf` each component held, and each component `isChildOf` the stack. Returns
 * the stack's achievement too, for the record to list when no credential in it awards it.
 */
export function stackAssociations(
  stack: CompetencyDefinition,
  achievements: readonly Achievement[],
): { parent: Achievement; associations: ClrAssociation[] } {
  const parent = compileAchievement(stack);
  const associations: ClrAssociation[] = [];
  for (const ref of stack.stack?.requires ?? []) {
    for (const child of achievements.filter((a) => matchesDefinitionRef(ref, a.id))) {
      associations.push({
        type: 'Association',
        associationType: 'isParentOf',
        sourceId: parent.id,
        targetId: child.id,
      });
      associations.push({ type: 'Association', associationType: 'isChildOf', sourceId: child.id, targetId: parent.id });
    }
  }
  return { parent, associations };
}
