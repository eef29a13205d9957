// A compiled Achievement is something microcred can sign: it passes the issue preflight (every
// term defined by the OB 3.0.3 context, in JSON-LD safe mode) and the signed credential verifies.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DocumentLoader,
  compileAchievement,
  generateKey,
  issueCredential,
  parseCompetency,
  verifyCredential,
  type CompetencyDefinition,
  type Key,
  type Result,
  type UnsignedCredential,
} from '../../src/index.js';
import { resultDescriptionId, rubricLevelId } from '../../src/competency/ids.js';
import { NOW } from '../helpers/credential.js';
import { exampleFiles, minimalDefinition } from './helpers.js';

let key: Key<'ed25519'>;
const loader = new DocumentLoader();
beforeAll(async () => {
  key = await generateKey();
});

function credentialFor(definition: CompetencyDefinition, results: Result[] = []): UnsignedCredential {
  return {
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: definition.name,
    issuer: { id: key.controller, type: ['Profile'], name: definition.issuer.name },
    credentialSubject: {
      type: ['AchievementSubject'],
      id: 'did:example:teacher-42',
      achievement: compileAchievement(definition),
      ...(results.length ? { result: results } : {}),
    },
  };
}

// What the review step will record: the lowest passing level of every component.
function passingResults(definition: CompetencyDefinition): Result[] {
  return (definition.components ?? []).map((component) => ({
    type: ['Result'],
    resultDescription: resultDescriptionId(definition, component.id),
    achievedLevel: rubricLevelId(definition, component.id, component.rubric.levels.filter((l) => l.passing).at(-1)!.id),
  }));
}

describe('issuing a compiled achievement', () => {
  it.each(exampleFiles())('$file signs and verifies', async ({ file, text }) => {
    const definition = parseCompetency(text, { source: file });
    const signed = await issueCredential(credentialFor(definition, passingResults(definition)), {
      key,
      now: NOW,
      loader,
    });
    expect(signed.credentialSubject.achievement.id).toBe(`${definition.id}/v${definition.version}`);
    const report = await verifyCredential(signed, { now: NOW, loader });
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report.verified).toBe(true);
  });

  it('signs every optional property the compiler can write (creator, criteria id, credits, language, alignment type)', async () => {
    const definition: CompetencyDefinition = {
      ...minimalDefinition(),
      issuer: {
        id: key.controller,
        name: 'Example District',
        url: 'https://pd.example.org',
        email: 'pd@example.org',
        description: 'Professional learning office.',
        image: 'https://pd.example.org/logo.png',
      },
      image: 'data:image/png;base64,iVBORw0KGgo=',
      achievementType: 'ext:TeacherMicroCredential',
      alignment: [
        {
          framework: 'ISTE Standards for Educators',
          name: 'Analyst',
          url: 'https://iste.org/standards/educators',
          code: '2.7',
          type: 'CFItem',
          description: 'Uses data to drive instruction.',
        },
      ],
      tags: ['questioning'],
      credits: 0.5,
      language: 'en',
      criteriaUrl: 'https://pd.example.org/microcredentials/wait-time/criteria',
    };
    definition.components![0]!.rubric.levels = [
      { id: 'proficient', name: 'Proficient', points: 2, passing: true, description: 'Meets it.' },
      { id: 'not-yet', name: 'Not yet', points: 0, passing: false },
    ];
    const achievement = compileAchievement(definition);
    expect(achievement.creator?.id).toBe(key.controller);
    const signed = await issueCredential(credentialFor(definition, passingResults(definition)), {
      key,
      now: NOW,
      loader,
    });
    expect((await verifyCredential(signed, { now: NOW, loader })).verified).toBe(true);
  });

  it('is refused when an extra, undefined property sneaks into the achievement (so the test above can fail)', async () => {
    const credential = credentialFor(minimalDefinition());
    const subject = credential.credentialSubject as { achievement: Record<string, unknown> };
    subject.achievement.estimatedHours = 6;
    await expect(issueCredential(credential, { key, now: NOW, loader })).rejects.toMatchObject({
      code: 'ERR_TERM_UNDEFINED',
    });
  });
});
