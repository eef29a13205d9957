// The shipped examples are real definitions: each loads, compiles to a faithful OB 3.0
// Achievement, and compiles the same way every time.
import { describe, expect, it } from 'vitest';
import { compileAchievement, parseCompetency, type Achievement, type CompetencyDefinition } from '../../src/index.js';
import { achievementId, matchesDefinitionRef, resultDescriptionId, rubricLevelId } from '../../src/competency/ids.js';
import { exampleFiles, minimalDefinition } from './helpers.js';

const examples = exampleFiles();

describe('the example definitions', () => {
  it('are at least three evidence-based micro-credentials and one stack', () => {
    const definitions = examples.map(({ file, text }) => parseCompetency(text, { source: file }));
    expect(definitions.filter((d) => d.components).length).toBeGreaterThanOrEqual(3);
    expect(definitions.filter((d) => d.stack).length).toBeGreaterThanOrEqual(1);
  });

  it.each(examples)('$file loads and compiles', ({ file, text }) => {
    const definition = parseCompetency(text, { source: file });
    const achievement = compileAchievement(definition);
    expect(achievement).toMatchObject({
      id: `${definition.id}/v${definition.version}`,
      type: ['Achievement'],
      achievementType: 'MicroCredential',
      name: definition.name,
      description: definition.description,
      version: definition.version,
      tag: definition.tags,
      image: { id: definition.image, type: 'Image' },
    });
    expect(achievement.criteria.narrative).toContain(definition.competency);
    expect(achievement.alignment?.length).toBe(definition.alignment?.length);
    for (const alignment of achievement.alignment ?? []) expect(alignment.targetUrl).toMatch(/^https:\/\//);
    // The district's issuer has no id (the signing key supplies it), so there is no creator.
    expect(definition.issuer).toEqual({
      name: 'Riverbend Unified School District',
      url: 'https://pd.riverbend.example',
    });
    expect(achievement).not.toHaveProperty('creator');
    expect(definition.id.startsWith('https://pd.riverbend.example/microcredentials/')).toBe(true);
  });

  it.each(examples.filter(({ text }) => /^components:/m.test(text)))(
    '$file has 2–4 components, each with a required artifact and a passing level',
    ({ text }) => {
      const definition = parseCompetency(text);
      const components = definition.components ?? [];
      expect(components.length).toBeGreaterThanOrEqual(2);
      expect(components.length).toBeLessThanOrEqual(4);
      const achievement = compileAchievement(definition);
      expect(achievement.resultDescription).toHaveLength(components.length);
      components.forEach((component, i) => {
        const rubric = achievement.resultDescription?.[i];
        expect(rubric?.id).toBe(resultDescriptionId(definition, component.id));
        const levelIds = rubric?.rubricCriterionLevel?.map((l) => l.id) ?? [];
        expect(levelIds).toContain(rubric?.requiredLevel);
        expect(achievement.criteria.narrative).toContain(`. ${component.name}`);
      });
    },
  );

  it('cover different rubric shapes: three levels, yes/no, and four levels with points', () => {
    const shapes = examples
      .map(({ text }) => parseCompetency(text))
      .flatMap((d) => d.components ?? [])
      .map((c) => `${c.rubric.levels.length}${c.rubric.levels.every((l) => l.points !== undefined) ? '+points' : ''}`);
    expect(new Set(shapes)).toEqual(new Set(['3', '2', '4+points']));
  });

  it('include a stack whose requirements are other examples', () => {
    const definitions = examples.map(({ text }) => parseCompetency(text));
    const stack = definitions.find((d) => d.stack) as CompetencyDefinition;
    for (const ref of stack.stack?.requires ?? []) {
      const required = definitions.find((d) => d.id === ref.id) as CompetencyDefinition;
      expect(required, ref.id).toBeDefined();
      expect(matchesDefinitionRef(ref, achievementId(required))).toBe(true);
    }
  });
});

describe('compileAchievement', () => {
  const definition = minimalDefinition();

  it('is deterministic: the same definition compiles to the same Achievement', () => {
    expect(compileAchievement(definition)).toEqual(compileAchievement(structuredClone(definition)));
    expect(JSON.stringify(compileAchievement(definition))).toBe(JSON.stringify(compileAchievement(definition)));
  });

  it('keeps every id for the same version, even when the wording changes', () => {
    const reworded = { ...structuredClone(definition), name: 'Wait Time, revised', description: 'New words.' };
    expect(ids(compileAchievement(reworded))).toEqual(ids(compileAchievement(definition)));
  });

  it('gives a new version a new achievement id and new rubric ids', () => {
    const before = compileAchievement(definition);
    const after = compileAchievement({ ...definition, version: '1.1.0' });
    expect(after.id).toBe('https://pd.example.org/microcredentials/wait-time/v1.1.0');
    expect(after.id).not.toBe(before.id);
    expect(ids(after).filter((id) => ids(before).includes(id))).toEqual([]);
  });

  it('builds ids by the documented rule', () => {
    expect(achievementId(definition)).toBe('https://pd.example.org/microcredentials/wait-time/v1.0.0');
    expect(achievementId({ id: 'https://pd.example.org/x/', version: '2024 spring' })).toBe(
      'https://pd.example.org/x/v2024%20spring',
    );
    expect(resultDescriptionId(definition, 'plan')).toBe(
      'https://pd.example.org/microcredentials/wait-time/v1.0.0/components/plan',
    );
    expect(rubricLevelId(definition, 'plan', 'yes')).toBe(
      'https://pd.example.org/microcredentials/wait-time/v1.0.0/components/plan/levels/yes',
    );
  });

  it('matches a reference of a given version exactly and one without a version to any', () => {
    const id = achievementId(definition);
    expect(matchesDefinitionRef({ id: definition.id, version: '1.0.0' }, id)).toBe(true);
    expect(matchesDefinitionRef({ id: definition.id, version: '1.1.0' }, id)).toBe(false);
    expect(matchesDefinitionRef({ id: definition.id }, id)).toBe(true);
    expect(matchesDefinitionRef({ id: definition.id }, resultDescriptionId(definition, 'plan'))).toBe(false);
    expect(matchesDefinitionRef({ id: `${definition.id}-advanced` }, id)).toBe(false);
  });

  it('compiles each component to a rubric whose required level is the lowest passing one', () => {
    const scored = structuredClone(definition);
    scored.components![0]!.rubric.levels = [
      { id: 'exemplary', name: 'Exemplary', points: 4, passing: true },
      { id: 'proficient', name: 'Proficient', points: 3, passing: true, description: 'Meets the standard.' },
      { id: 'developing', name: 'Developing', points: 2, passing: false },
    ];
    const [rubric] = compileAchievement(scored).resultDescription ?? [];
    expect(rubric).toEqual({
      id: resultDescriptionId(scored, 'plan'),
      type: ['ResultDescription'],
      name: 'Plan questions',
      resultType: 'RubricCriterionLevel',
      requiredLevel: rubricLevelId(scored, 'plan', 'proficient'),
      rubricCriterionLevel: [
        {
          id: rubricLevelId(scored, 'plan', 'exemplary'),
          type: ['RubricCriterionLevel'],
          name: 'Exemplary',
          points: '4',
        },
        {
          id: rubricLevelId(scored, 'plan', 'proficient'),
          type: ['RubricCriterionLevel'],
          name: 'Proficient',
          description: 'Meets the standard.',
          points: '3',
        },
        {
          id: rubricLevelId(scored, 'plan', 'developing'),
          type: ['RubricCriterionLevel'],
          name: 'Developing',
          points: '2',
        },
      ],
    });
    expect(compileAchievement(scored).criteria.narrative).toContain(
      '**Passing level:** Proficient (3 points) or above',
    );
  });

  it('writes the narrative from the competency, key method, evidence and reflection', () => {
    const narrative =
      compileAchievement({ ...definition, keyMethod: 'Count silently to five.', estimatedHours: 6 }).criteria
        .narrative ?? '';
    expect(narrative).toMatch(/^\*\*Competency:\*\* The educator pauses/);
    expect(narrative).toContain('**Key method:** Count silently to five.');
    expect(narrative).toContain('### 1. Plan questions');
    expect(narrative).toContain('- Lesson plan');
    expect(narrative).toContain('- What changed when you waited?');
    expect(narrative).toContain('**Passing level:** Yes (rubric levels: Yes, No).');
    expect(narrative).toContain('**Estimated time:** about 6 hours.');
  });

  it('maps alignment, credits, language, criteria URL and an identified issuer', () => {
    const achievement = compileAchievement({
      ...definition,
      issuer: {
        id: 'did:web:pd.example.org',
        name: 'Example District',
        url: 'https://pd.example.org',
        image: 'https://pd.example.org/logo.png',
      },
      alignment: [
        {
          framework: 'InTASC Model Core Teaching Standards',
          name: 'Standard #6: Assessment',
          url: 'https://ccsso.org/intasc',
          code: 'InTASC.6',
          type: 'CFItem',
          description: 'Uses assessment.',
        },
      ],
      credits: 0.5,
      language: 'en-US',
      criteriaUrl: 'https://pd.example.org/microcredentials/wait-time/criteria',
      achievementType: 'Competency',
    });
    expect(achievement.alignment).toEqual([
      {
        type: ['Alignment'],
        targetName: 'Standard #6: Assessment',
        targetUrl: 'https://ccsso.org/intasc',
        targetDescription: 'Uses assessment.',
        targetFramework: 'InTASC Model Core Teaching Standards',
        targetCode: 'InTASC.6',
        targetType: 'CFItem',
      },
    ]);
    expect(achievement).toMatchObject({ creditsAvailable: 0.5, inLanguage: 'en-US', achievementType: 'Competency' });
    expect(achievement.criteria.id).toBe('https://pd.example.org/microcredentials/wait-time/criteria');
    expect(achievement.creator).toEqual({
      id: 'did:web:pd.example.org',
      type: ['Profile'],
      name: 'Example District',
      url: 'https://pd.example.org',
      image: { id: 'https://pd.example.org/logo.png', type: 'Image' },
    });
  });

  it("lists a stack's requirements in the narrative, not as alignment, related or rubrics", () => {
    const { components: _components, ...rest } = structuredClone(definition);
    const achievement = compileAchievement({
      ...rest,
      stack: {
        requires: [
          { id: 'https://pd.example.org/microcredentials/a', name: 'Questioning', version: '2.0' },
          { id: 'https://pd.example.org/microcredentials/b' },
        ],
      },
    });
    expect(achievement.criteria.narrative).toContain(
      '- Questioning <https://pd.example.org/microcredentials/a>, version 2.0',
    );
    expect(achievement.criteria.narrative).toContain('- <https://pd.example.org/microcredentials/b>, any version');
    expect(achievement).not.toHaveProperty('resultDescription');
    expect(achievement).not.toHaveProperty('alignment');
    expect(achievement).not.toHaveProperty('related');
  });

  it('refuses an invalid definition instead of compiling it', () => {
    expect(() => compileAchievement({ ...definition, components: [] })).toThrow(
      /components: must have at least 1 item/,
    );
  });
});

function ids(achievement: Achievement): string[] {
  return [
    achievement.id,
    ...(achievement.resultDescription ?? []).flatMap((r) => [
      r.id,
      r.requiredLevel ?? '',
      ...(r.rubricCriterionLevel ?? []).map((l) => l.id),
    ]),
  ];
}
