// Shared by the competency tests: the example definitions and a small valid definition to vary.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MicrocredError, type CompetencyDefinition } from '../../src/index.js';

/** The directory of the example definitions shipped with microcred. */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/competencies/', import.meta.url));

/** Every example definition file: its name and text. */
export function exampleFiles(): { file: string; text: string }[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()
    .map((file) => ({ file, text: readFileSync(`${EXAMPLES_DIR}${file}`, 'utf8') }));
}

/** A small, valid two-component definition (plain data, so a test may change it freely). */
export function minimalDefinition(): CompetencyDefinition {
  return {
    id: 'https://pd.example.org/microcredentials/wait-time',
    version: '1.0.0',
    name: 'Wait Time',
    description: 'Uses wait time after questions so that more students think and answer.',
    issuer: { name: 'Example District', url: 'https://pd.example.org' },
    competency: 'The educator pauses three to five seconds after a question and after a student answers.',
    components: [
      {
        id: 'plan',
        name: 'Plan questions',
        description: 'Plan five open questions for one lesson.',
        evidence: { artifacts: [{ id: 'lesson-plan', name: 'Lesson plan' }] },
        rubric: {
          levels: [
            { id: 'yes', name: 'Yes', passing: true },
            { id: 'no', name: 'No', passing: false },
          ],
        },
      },
      {
        id: 'pause',
        name: 'Pause',
        description: 'Use wait time in the lesson.',
        evidence: { artifacts: [], reflection: [{ id: 'effect', prompt: 'What changed when you waited?' }] },
        rubric: {
          levels: [
            { id: 'yes', name: 'Yes', passing: true },
            { id: 'no', name: 'No', passing: false },
          ],
        },
      },
    ],
  };
}

/** The MicrocredError `run` throws (fails the test when it returns or throws something else). */
export function thrown(run: () => unknown): MicrocredError {
  try {
    run();
  } catch (error) {
    if (error instanceof MicrocredError) return error;
    throw error;
  }
  throw new Error('expected a MicrocredError, but nothing was thrown');
}
