// issueFromDecision: the credential an approved decision earns, and every way a decision that does
// not (or no longer) approve this exact submission of this exact definition is refused.
import { beforeAll, describe, expect, it } from 'vitest';
import * as vc from '@digitalbazaar/vc';
import {
  decide,
  exportKey,
  submissionDigest,
  generateKey,
  importKey,
  issueFromDecision,
  matchesIdentity,
  verifyCredential,
  type ApprovedDecision,
  type CompetencyDefinition,
  type Decision,
  type Key,
  type SignedCredential,
  type Submission,
} from '../../src/index.js';
import { clone } from '../helpers/credential.js';
import { digitalBazaarLoader, digitalBazaarSuite } from '../helpers/digitalBazaar.js';
import {
  CHECKED,
  DECIDED,
  ISSUED,
  earn,
  exampleReviews,
  exampleSubmission,
  leaderDefinition,
  mathDefinition,
  mathInput,
} from '../stack/helpers.js';
import { rejection } from '../helpers/errors.js';

let key: Key<'ed25519'>;
let definition: CompetencyDefinition;
let submission: Submission;
let decision: ApprovedDecision;
let credential: SignedCredential;
const AUDIENCE = 'Riverbend reviewers and hiring districts';

beforeAll(async () => {
  key = await generateKey();
  definition = mathDefinition();
  submission = exampleSubmission();
  const decided = await decide(definition, submission, exampleReviews('approve-hale', 'approve-natarajan'), undefined, {
    now: DECIDED,
  });
  expect(decided.status).toBe('approved');
  decision = decided as ApprovedDecision;
  credential = await issueFromDecision(decision, {
    definition,
    submission,
    key,
    now: ISSUED,
    evidenceAudience: AUDIENCE,
  });
});

describe('the credential issued from the example decision', () => {
  it('verifies in microcred', async () => {
    const report = await verifyCredential(credential, { now: CHECKED });
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report).toMatchObject({ verified: true, authentic: true, summary: 'verified' });
  });

  it('verifies in the plain Digital Bazaar stack', async () => {
    const theirs = await vc.verifyCredential({
      credential: clone(credential),
      suite: digitalBazaarSuite(),
      documentLoader: digitalBazaarLoader(),
      now: CHECKED,
    });
    expect(theirs.error).toBeUndefined();
    expect(theirs.verified).toBe(true);
  });

  it("is issued by the key under the definition issuer's name", () => {
    expect(credential.issuer).toMatchObject({
      id: key.controller,
      type: ['Profile'],
      name: 'Riverbend Unified School District',
      url: 'https://pd.riverbend.example',
    });
    expect(credential.name).toBe(definition.name);
  });

  it('carries the compiled achievement and one Result per component, pointing at its rubric', () => {
    const { achievement, result } = credential.credentialSubject;
    expect(achievement.id).toBe('https://pd.riverbend.example/microcredentials/hinge-questions-math/v1.2.0');
    expect(achievement.version).toBe('1.2.0');
    const descriptions = achievement.resultDescription ?? [];
    expect(descriptions.map((d) => d.name)).toEqual(definition.components!.map((c) => c.name));
    expect(result).toHaveLength(definition.components!.length);
    for (const [i, component] of definition.components!.entries()) {
      const r = result![i]!;
      const description = descriptions.find((d) => d.id === r.resultDescription);
      expect(description, `resultDescription of ${component.id}`).toBeDefined();
      expect(description!.name).toBe(component.name);
      const levelIds = (description!.rubricCriterionLevel ?? []).map((l) => l.id);
      expect(levelIds).toContain(r.achievedLevel);
      expect(r.achievedLevel).toBe(`${r.resultDescription}/levels/${decision.components[component.id]!.level}`);
      expect(r.type).toEqual(['Result']);
    }
  });

  it('records the decision time as awardedDate (on the credential, where OB 3.0 defines it)', () => {
    expect(credential.awardedDate).toBe(decision.decidedAt);
    expect(credential.awardedDate).toBe('2026-03-05T09:00:00Z');
    expect(credential.credentialSubject.awardedDate).toBeUndefined();
  });

  it('carries one Evidence per artifact with its digest in SRI form, its URL when it has one, the genre and the audience', () => {
    const artifacts = Object.entries(submission.components).flatMap(([component, c]) =>
      c.artifacts.map((a) => ({ component, ...a })),
    );
    expect(artifacts).toHaveLength(5);
    const evidence = credential.evidence ?? [];
    expect(evidence).toHaveLength(artifacts.length);
    for (const [i, artifact] of artifacts.entries()) {
      const e = evidence[i]!;
      const hex = artifact.digest.replace(/^sha256:/, '');
      expect(e.digestSRI).toBe(`sha256-${Buffer.from(hex, 'hex').toString('base64')}`);
      if (artifact.url) expect(e.id).toBe(artifact.url);
      else expect(e).not.toHaveProperty('id');
      const requirement = definition
        .components!.find((c) => c.id === artifact.component)!
        .evidence.artifacts.find((r) => r.id === artifact.requirement)!;
      expect(e.genre).toBe(requirement.genre);
      expect(e.audience).toBe(AUDIENCE);
      expect(e.name).toBe(artifact.name);
      expect(e.type).toEqual(['Evidence']);
    }
    // A known value: the SRI form of the lesson plan's digest.
    expect(evidence[0]!.digestSRI).toBe('sha256-I/R/RRUm4Ncpa5CCdefpNuWFQNrVefFlcr4DVLQZdnw=');
  });

  it('leaves audience out when no evidenceAudience is given', async () => {
    const plain = await issueFromDecision(decision, { definition, submission, key, now: ISSUED });
    expect(plain.evidence!.every((e) => !('audience' in e))).toBe(true);
  });

  it('names the teacher by a salted email hash, never the address', async () => {
    const json = JSON.stringify(credential);
    expect(json.toLowerCase()).not.toContain('elena.marsh@riverbend.example');
    expect(json.toLowerCase()).not.toContain('elena.marsh');
    const subject = credential.credentialSubject;
    expect(subject.id).toBeUndefined();
    expect(subject.identifier).toHaveLength(1);
    const identity = subject.identifier![0]!;
    expect(identity).toMatchObject({ type: 'IdentityObject', identityType: 'emailAddress', hashed: true });
    expect(identity.identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
    expect(await matchesIdentity(identity, 'elena.marsh@riverbend.example')).toBe(true);
    expect(await matchesIdentity(identity, 'Elena.Marsh@Riverbend.example')).toBe(true);
    expect(await matchesIdentity(identity, 'someone.else@riverbend.example')).toBe(false);
  });

  it('uses a fresh salt per credential unless one is given', async () => {
    const again = await issueFromDecision(decision, { definition, submission, key, now: ISSUED });
    expect(again.credentialSubject.identifier![0]!.salt).not.toBe(credential.credentialSubject.identifier![0]!.salt);
    const salted = await issueFromDecision(decision, {
      definition,
      submission,
      key,
      now: ISSUED,
      recipient: { salt: 'pepper-1' },
    });
    expect(salted.credentialSubject.identifier![0]!.salt).toBe('pepper-1');
  });

  it('carries validUntil when given', async () => {
    const bounded = await issueFromDecision(decision, {
      definition,
      submission,
      key,
      now: ISSUED,
      validUntil: '2029-08-31T23:59:59Z',
    });
    expect(bounded.validUntil).toBe('2029-08-31T23:59:59Z');
    expect((await verifyCredential(bounded, { now: CHECKED })).verified).toBe(true);
  });
});

describe('a candidate with a DID', () => {
  it('is the subject id, with no identifier, and the credential verifies', async () => {
    const did = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
    const { credential: earned } = await earn(
      definition,
      mathInput({ name: 'Elena Marsh', did, email: 'elena.marsh@riverbend.example' }),
      key,
    );
    expect(earned.credentialSubject.id).toBe(did);
    expect(earned.credentialSubject).not.toHaveProperty('identifier');
    expect(JSON.stringify(earned)).not.toContain('elena.marsh@');
    expect((await verifyCredential(earned, { now: CHECKED })).verified).toBe(true);
  });
});

describe('refusals', () => {
  it('a rejected decision cast to ApprovedDecision is refused at run time', async () => {
    const rejected = await decide(
      definition,
      submission,
      exampleReviews('reject-kowalski', 'reject-brooks'),
      undefined,
      { now: DECIDED },
    );
    expect(rejected.status).toBe('rejected');
    const error = await rejection(issueFromDecision(rejected as never, { definition, submission, key, now: ISSUED }));
    expect(error.code).toBe('ERR_DECISION_NOT_APPROVED');
  });

  it('a stored URL artifact whose digest is not sha256:<hex> is refused with its path (no bare TypeError)', async () => {
    const odd = exampleSubmission();
    const [id, component] = Object.entries(odd.components).find(([, c]) => c.artifacts.some((a) => a.url))!;
    const index = component.artifacts.findIndex((a) => a.url);
    component.artifacts[index]!.digest = 'sha256:not-a-digest';
    // Reviews of exactly this (odd) submission, so the decision approves it.
    const digest = await submissionDigest(odd);
    const reviews = exampleReviews('approve-hale', 'approve-natarajan').map((r) => ({
      ...r,
      submissionDigest: digest,
    }));
    const approved = await decide(definition, odd, reviews, undefined, { now: DECIDED });
    expect(approved.status).toBe('approved');
    const error = await rejection(
      issueFromDecision(approved as ApprovedDecision, { definition, submission: odd, key, now: ISSUED }),
    );
    expect(error.code).toBe('ERR_SUBMISSION_INVALID');
    expect(error.details.path).toBe(`components.${id}.artifacts[${index}].digest`);
  });

  it('a pending decision cast to ApprovedDecision is refused at run time', async () => {
    const pending = await decide(definition, submission, exampleReviews('split-reyes', 'split-lee'), undefined, {
      now: DECIDED,
    });
    expect(pending.status).toBe('pending');
    const error = await rejection(issueFromDecision(pending as never, { definition, submission, key, now: ISSUED }));
    expect(error.code).toBe('ERR_DECISION_NOT_APPROVED');
  });

  it('a decision made under laxer rules than the issuer requires is refused (minimumReviewers)', async () => {
    const lax = await decide(
      definition,
      submission,
      exampleReviews('approve-hale'),
      { reviewersRequired: 1 },
      { now: DECIDED },
    );
    expect(lax.status).toBe('approved');
    const error = await rejection(
      issueFromDecision(lax as ApprovedDecision, { definition, submission, key, now: ISSUED, minimumReviewers: 2 }),
    );
    expect(error.code).toBe('ERR_DECISION_NOT_APPROVED');
    expect(error.details.path).toBe('rules.reviewersRequired');
    const strictEnough = await issueFromDecision(decision, {
      definition,
      submission,
      key,
      now: ISSUED,
      minimumReviewers: 2,
    });
    expect((await verifyCredential(strictEnough, { now: CHECKED })).verified).toBe(true);
  });

  it('a decision stored as JSON and loaded again still issues', async () => {
    const stored = JSON.parse(JSON.stringify(decision)) as ApprovedDecision;
    const issued = await issueFromDecision(stored, { definition, submission, key, now: ISSUED });
    expect(issued.credentialSubject.result).toEqual(credential.credentialSubject.result);
    expect((await verifyCredential(issued, { now: CHECKED })).verified).toBe(true);
  });

  const edits: [string, (d: Record<string, unknown>) => void][] = [
    [
      'a component level changed',
      (d) => {
        (d.components as Record<string, { level: string }>)['adjust-instruction']!.level = 'developing';
      },
    ],
    [
      'a reviewer removed',
      (d) => {
        (d.reviewers as unknown[]).pop();
      },
    ],
    [
      'a review removed',
      (d) => {
        (d.reviews as unknown[]).pop();
      },
    ],
    [
      'a reviewer renamed',
      (d) => {
        (d.reviewers as { name: string }[])[0]!.name = 'Someone Else';
      },
    ],
    ['the status of a rejected decision set to approved', () => undefined],
  ];
  it.each(edits)('an edited decision (%s) is refused with ERR_DECISION_NOT_APPROVED', async (what, edit) => {
    let edited: Record<string, unknown>;
    if (what.startsWith('the status')) {
      edited = JSON.parse(
        JSON.stringify(
          await decide(definition, submission, exampleReviews('reject-kowalski', 'reject-brooks'), undefined, {
            now: DECIDED,
          }),
        ),
      );
      edited.status = 'approved';
    } else {
      edited = JSON.parse(JSON.stringify(decision));
      edit(edited);
    }
    const error = await rejection(issueFromDecision(edited as never, { definition, submission, key, now: ISSUED }));
    expect(error.code).toBe('ERR_DECISION_NOT_APPROVED');
  });

  it('a submission changed after the decision is refused', async () => {
    const changed = clone(submission);
    changed.components['adjust-instruction']!.reflections['next-steps'] = 'I will use hinge questions in every unit.';
    const error = await rejection(issueFromDecision(decision, { definition, submission: changed, key, now: ISSUED }));
    expect(error.code).toBe('ERR_DECISION_NOT_APPROVED');
    expect(error.details.path).toBe('submissionDigest');
  });

  it('a submission whose inline artifact was altered is refused', async () => {
    const changed = clone(submission);
    changed.components['collect-responses']!.artifacts[0]!.text += ' (edited)';
    const error = await rejection(issueFromDecision(decision, { definition, submission: changed, key, now: ISSUED }));
    expect(error.code).toBe('ERR_DECISION_NOT_APPROVED');
  });

  it('another version of the definition is refused', async () => {
    const error = await rejection(
      issueFromDecision(decision, { definition: { ...definition, version: '1.3.0' }, submission, key, now: ISSUED }),
    );
    expect(error.code).toBe('ERR_DECISION_NOT_APPROVED');
    expect(error.details.path).toBe('definition');
  });

  it("a definition naming an issuer that is not the key's controller is refused with ERR_ISSUER_MISMATCH", async () => {
    const other = { ...definition, issuer: { ...definition.issuer, id: 'did:web:pd.riverbend.example' } };
    const error = await rejection(issueFromDecision(decision, { definition: other, submission, key, now: ISSUED }));
    expect(error.code).toBe('ERR_ISSUER_MISMATCH');
    expect(error.message).toContain('did:web:pd.riverbend.example');
    expect(error.message).toContain(key.controller);
  });

  it("a definition naming the key's controller as issuer issues, with it as the achievement creator", async () => {
    const named = { ...definition, issuer: { ...definition.issuer, id: key.controller } };
    const issued = await issueFromDecision(decision, { definition: named, submission, key, now: ISSUED });
    expect(issued.issuer.id).toBe(key.controller);
    expect(issued.credentialSubject.achievement.creator?.id).toBe(key.controller);
    expect((await verifyCredential(issued, { now: CHECKED })).verified).toBe(true);
  });

  it('a stack definition is refused with ERR_DEFINITION_INVALID, pointing at issueStack', async () => {
    const error = await rejection(
      issueFromDecision(decision, { definition: leaderDefinition(), submission, key, now: ISSUED }),
    );
    expect(error.code).toBe('ERR_DEFINITION_INVALID');
    expect(error.message).toContain('issueStack');
    expect(error.details.path).toBe('stack');
  });

  it('a key without its secret is refused before signing', async () => {
    const publicOnly = await importKey(await exportKey(key));
    expect(publicOnly.canSign).toBe(false);
    const error = await rejection(
      issueFromDecision(decision, { definition, submission, key: publicOnly, now: ISSUED }),
    );
    expect(error.code).toBe('ERR_KEY_INVALID');
  });

  it('an RSA key, or a P-256 key asked for an Ed25519 suite, is refused with ERR_KEY_PROOF_UNSUPPORTED before the decision is checked, naming the key type', async () => {
    for (const type of ['rsa'] as const) {
      const other = await generateKey({ type, controller: key.controller });
      // A junk decision: were it checked first, the error would be ERR_DECISION_NOT_APPROVED.
      const error = await rejection(
        issueFromDecision({} as ApprovedDecision, { definition, submission, key: other, now: ISSUED }),
        'ERR_KEY_PROOF_UNSUPPORTED',
      );
      expect(error.details).toMatchObject({ path: 'key', keyType: type, proof: 'eddsa-rdfc-2022' });
    }
    const suite = await rejection(
      issueFromDecision(decision, {
        definition,
        submission,
        key: await generateKey({ type: 'p256' }),
        suite: 'Ed25519Signature2020',
        now: ISSUED,
      }),
      'ERR_KEY_PROOF_UNSUPPORTED',
    );
    expect(suite.message).toMatch(/^A P-256 key cannot make an Ed25519Signature2020 proof/);
  });

  it('accepts a decision typed as Decision only after narrowing (compile time) and refuses junk at run time', async () => {
    const some: Decision = decision;
    if (some.status === 'approved')
      expect((await issueFromDecision(some, { definition, submission, key, now: ISSUED })).proof).toBeDefined();
    else expect.unreachable('the example decision approves');
    for (const junk of [null, 42, 'approved', {}]) {
      const error = await rejection(issueFromDecision(junk as never, { definition, submission, key, now: ISSUED }));
      expect(error.code).toBe('ERR_DECISION_NOT_APPROVED');
    }
  });
});
