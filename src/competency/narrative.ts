// The Markdown criteria narrative of a compiled Achievement (OB 3.0 Criteria.narrative allows
// Markdown): what a reader of the badge needs to know about how it was earned.
import type { CompetencyDefinition, Component, DefinitionRef, RubricLevel } from './types.js';

/** The criteria narrative of a definition, in Markdown. Deterministic: same definition, same text. */
export function criteriaNarrative(definition: CompetencyDefinition): string {
  const blocks: string[] = [`**Competency:** ${definition.competency.trim()}`];
  if (definition.keyMethod) blocks.push(`**Key method:** ${definition.keyMethod.trim()}`);

  const components = definition.components ?? [];
  if (definition.stack) {
    blocks.push(
      `Awarded to an educator who holds all of these micro-credentials:\n${definition.stack.requires.map((ref) => `- ${refLine(ref)}`).join('\n')}`,
    );
  } else {
    const count = components.length === 1 ? 'the component below' : `each of the ${components.length} components below`;
    blocks.push(
      `To earn this micro-credential, an educator submits evidence from their own practice for ${count}. Trained reviewers score each component on its rubric, and every component must reach a passing level.`,
    );
    components.forEach((component, i) => blocks.push(componentSection(component, i + 1)));
  }

  const notes: string[] = [];
  if (definition.prerequisites?.length)
    notes.push(`**Builds on:** ${definition.prerequisites.map(refLine).join('; ')}.`);
  if (definition.estimatedHours !== undefined)
    notes.push(
      `**Estimated time:** about ${definition.estimatedHours} ${definition.estimatedHours === 1 ? 'hour' : 'hours'}.`,
    );
  if (notes.length) blocks.push(notes.join('\n\n'));
  return blocks.join('\n\n');
}

function componentSection(component: Component, number: number): string {
  const parts = [`### ${number}. ${component.name.trim()}`, component.description.trim()];
  const artifacts = component.evidence.artifacts;
  if (artifacts.length) {
    parts.push(
      `**Artifacts:**\n${artifacts.map((a) => `- ${a.name.trim()}${a.required === false ? ' (optional)' : ''}${a.description ? `: ${indent(a.description.trim())}` : ''}`).join('\n')}`,
    );
  }
  const reflection = component.evidence.reflection ?? [];
  if (reflection.length) {
    parts.push(
      `**Reflection:**\n${reflection.map((r) => `- ${indent(r.prompt.trim())}${wordNote(r.minWords, r.required)}`).join('\n')}`,
    );
  }
  parts.push(passingLine(component.rubric.levels));
  return parts.join('\n\n');
}

function passingLine(levels: RubricLevel[]): string {
  const passing = levels.filter((level) => level.passing);
  const lowest = passing.at(-1) as RubricLevel;
  const all = levels.map(levelLabel).join(', ');
  if (passing.length === 1) return `**Passing level:** ${levelLabel(lowest)} (rubric levels: ${all}).`;
  return `**Passing level:** ${levelLabel(lowest)} or above (rubric levels, highest first: ${all}).`;
}

function levelLabel(level: RubricLevel): string {
  return level.points === undefined
    ? level.name
    : `${level.name} (${level.points} ${level.points === 1 ? 'point' : 'points'})`;
}

function wordNote(minWords: number | undefined, required: boolean | undefined): string {
  const notes = [...(minWords ? [`at least ${minWords} words`] : []), ...(required === false ? ['optional'] : [])];
  return notes.length ? ` (${notes.join(', ')})` : '';
}

function refLine(ref: DefinitionRef): string {
  return `${ref.name ? `${ref.name} <${ref.id}>` : `<${ref.id}>`}${ref.version ? `, version ${ref.version}` : ', any version'}`;
}

// Continuation lines of a list item must be indented to stay inside the item.
function indent(text: string): string {
  return text.replace(/\n/g, '\n  ');
}
