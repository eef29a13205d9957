// The one credential both pipelines sign and verify, and the fixed key and clock they use.
// Fixed inputs make Ed25519 signatures deterministic: both pipelines must produce the same
// proofValue, which is how the bench checks every issued credential cheaply.

/** A fixed 32-byte Ed25519 seed (bench only; never use a published seed for real credentials). */
export const SEED = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff);

/** The proof's `created` and the verifier's clock. */
export const CREATED = '2026-01-15T09:00:00Z';
export const NOW = new Date('2026-06-01T12:00:00Z');

/** A realistic OB 3.0 credential (VC 2.0 + OB 3.0.3) issued by `issuerDid`, unsigned. */
export function unsignedCredential(issuerDid) {
  const achievementId = 'https://pd.example.org/achievements/formative-assessment';
  const rubric = `${achievementId}/rubric`;
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'urn:uuid:6a4d9c0e-3c1b-4f7e-9a55-1f2b8c7d0e42',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Formative Assessment Practice',
    description: 'Awarded for reviewed classroom practice in formative assessment.',
    validFrom: CREATED,
    issuer: {
      id: issuerDid,
      type: ['Profile'],
      name: 'Example District Professional Development',
      url: 'https://pd.example.org',
    },
    credentialSubject: {
      type: ['AchievementSubject'],
      id: 'did:example:teacher-42',
      achievement: {
        id: achievementId,
        type: ['Achievement'],
        achievementType: 'Competency',
        name: 'Formative Assessment',
        description: 'Uses formative assessment to elicit evidence of learning and adjust instruction.',
        criteria: {
          narrative:
            'Submit a lesson plan with planned checks for understanding, two samples of student work with ' +
            'feedback, and a reflection on how the evidence changed the next lesson. A trained reviewer scores ' +
            'the submission against the rubric; "Proficient" or above earns the credential.',
        },
        alignment: [
          {
            type: ['Alignment'],
            targetName: 'Standard 6: Assessment',
            targetUrl: 'https://standards.example.org/teaching/6',
            targetDescription: 'The teacher understands and uses multiple methods of assessment.',
            targetFramework: 'Example Teaching Standards',
            targetCode: '6',
            targetType: 'ceasn:Competency',
          },
          {
            type: ['Alignment'],
            targetName: 'Uses evidence to adjust instruction',
            targetUrl: 'https://standards.example.org/teaching/6/f',
            targetFramework: 'Example Teaching Standards',
            targetCode: '6(f)',
            targetType: 'CFItem',
          },
        ],
        resultDescription: [
          {
            id: rubric,
            type: ['ResultDescription'],
            name: 'Reviewer rating',
            resultType: 'RubricCriterionLevel',
            requiredLevel: `${rubric}/proficient`,
            rubricCriterionLevel: [
              {
                id: `${rubric}/developing`,
                type: ['RubricCriterionLevel'],
                name: 'Developing',
                description: 'Checks for understanding are planned but evidence is not used.',
                level: '1',
                points: '1',
              },
              {
                id: `${rubric}/proficient`,
                type: ['RubricCriterionLevel'],
                name: 'Proficient',
                description: 'Evidence from checks for understanding changes the next lesson.',
                level: '2',
                points: '2',
              },
              {
                id: `${rubric}/exemplary`,
                type: ['RubricCriterionLevel'],
                name: 'Exemplary',
                description: 'Students use the evidence to direct their own next steps.',
                level: '3',
                points: '3',
              },
            ],
          },
        ],
      },
      result: [
        { type: ['Result'], resultDescription: rubric, achievedLevel: `${rubric}/exemplary` },
        { type: ['Result'], resultDescription: rubric, status: 'Completed', value: 'Reviewed 2026-01-12' },
      ],
    },
    evidence: [
      {
        id: 'https://pd.example.org/evidence/teacher-42/formative-assessment',
        type: ['Evidence'],
        name: 'Lesson plan and student work',
        description: 'A fractions lesson plan, two annotated student work samples and a written reflection.',
        narrative: 'Reviewed by a district coach on 2026-01-12.',
        genre: 'Portfolio',
        audience: 'Reviewers',
      },
    ],
  };
}
