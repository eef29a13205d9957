// The rules of a definition that JSON Schema cannot express. They run even when the schema found
// problems (on whatever parts have the right shape), so an author sees everything in one pass.
import type { ProblemDetail } from '../errors.js';
import { isJsonObject, joinPath } from '../jsonPath.js';

type Data = Record<string, unknown>;

/** Semantic problems of a (possibly schema-invalid) definition, each with its dotted path. */
export function ruleProblems(input: unknown): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (!isJsonObject(input)) return problems;

  const components = listAt(input, 'components');
  uniqueIds(components, 'components', 'component', add);
  components.forEach((component, i) => {
    if (!isJsonObject(component)) return;
    const base = joinPath('components', i);
    const evidence = isJsonObject(component.evidence) ? component.evidence : undefined;
    if (evidence) {
      const artifacts = listAt(evidence, 'artifacts');
      const reflection = listAt(evidence, 'reflection');
      uniqueIds(artifacts, `${base}.evidence.artifacts`, 'artifact', add);
      uniqueIds(reflection, `${base}.evidence.reflection`, 'reflection prompt', add);
      const required = [...artifacts, ...reflection].some((item) => isJsonObject(item) && item.required !== false);
      if (Array.isArray(evidence.artifacts) && !required)
        add(`${base}.evidence`, 'at least one artifact or reflection prompt must be required');
    }
    const rubric = isJsonObject(component.rubric) ? component.rubric : undefined;
    if (rubric && Array.isArray(rubric.levels)) levelProblems(rubric.levels, `${base}.rubric.levels`, add);
  });

  const self = typeof input.id === 'string' ? input.id : undefined;
  const stack = isJsonObject(input.stack) ? listAt(input.stack, 'requires') : [];
  refProblems(stack, 'stack.requires', self, 'a stack cannot require itself', add);
  refProblems(
    listAt(input, 'prerequisites'),
    'prerequisites',
    self,
    'a definition cannot be its own prerequisite',
    add,
  );
  return problems;
}

// Levels are listed from highest to lowest, the passing ones first, so "the lowest passing level"
// (the compiled requiredLevel) is simply the last passing one.
function levelProblems(levels: unknown[], base: string, add: (path: string, message: string) => void): void {
  uniqueIds(levels, base, 'level', add);
  const shaped = levels.map((level) => (isJsonObject(level) ? level : {}));
  if (levels.length > 0 && !shaped.some((level) => level.passing === true)) {
    add(base, 'at least one level must pass');
    return;
  }
  const firstFailing = shaped.findIndex((level) => level.passing === false);
  shaped.forEach((level, j) => {
    if (firstFailing !== -1 && j > firstFailing && level.passing === true) {
      add(
        joinPath(joinPath(base, j), 'passing'),
        `levels are listed from highest to lowest, so a passing level cannot follow the non-passing level "${String(shaped[firstFailing]?.name ?? shaped[firstFailing]?.id)}"`,
      );
    }
  });
  const withPoints = shaped.filter((level) => typeof level.points === 'number').length;
  if (withPoints > 0 && withPoints < shaped.length) {
    shaped.forEach((level, j) => {
      if (level.points === undefined)
        add(joinPath(joinPath(base, j), 'points'), 'give every level of a rubric points, or none');
    });
    return;
  }
  shaped.forEach((level, j) => {
    const previous = shaped[j - 1];
    if (
      j > 0 &&
      typeof level.points === 'number' &&
      typeof previous?.points === 'number' &&
      level.points > previous.points
    ) {
      add(
        joinPath(joinPath(base, j), 'points'),
        `levels are listed from highest to lowest, so points cannot rise (${previous.points} then ${level.points})`,
      );
    }
  });
}

function refProblems(
  refs: unknown[],
  base: string,
  self: string | undefined,
  selfMessage: string,
  add: (path: string, message: string) => void,
): void {
  const seen = new Map<string, number>();
  refs.forEach((ref, i) => {
    if (!isJsonObject(ref) || typeof ref.id !== 'string') return;
    const path = joinPath(joinPath(base, i), 'id');
    if (self !== undefined && sameId(ref.id, self)) add(path, selfMessage);
    const earlier = seen.get(sameIdKey(ref.id));
    if (earlier !== undefined) add(path, `"${ref.id}" is listed twice (also at ${joinPath(base, earlier)})`);
    else seen.set(sameIdKey(ref.id), i);
  });
}

function uniqueIds(items: unknown[], base: string, what: string, add: (path: string, message: string) => void): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    if (!isJsonObject(item) || typeof item.id !== 'string') return;
    const earlier = seen.get(item.id);
    if (earlier !== undefined)
      add(
        joinPath(joinPath(base, i), 'id'),
        `duplicate ${what} id "${item.id}" (also used by ${joinPath(base, earlier)})`,
      );
    else seen.set(item.id, i);
  });
}

// Achievement ids drop a trailing slash (see ids.ts), so `…/x` and `…/x/` are the same definition.
function sameIdKey(id: string): string {
  return id.replace(/\/+$/, '');
}

function sameId(a: string, b: string): boolean {
  return sameIdKey(a) === sameIdKey(b);
}

function listAt(data: Data, key: string): unknown[] {
  const value = data[key];
  return Array.isArray(value) ? value : [];
}
