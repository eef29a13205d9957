// Endorsements: an EndorsementCredential issued by microcred, embedded in the achievement it
// endorses, is verified as a credential of its own; a bad one is a warning on the endorsed
// credential, never a failure of it.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ErrorCode,
  compileAchievement,
  generateKey,
  issueCredential,
  issueEndorsement,
  verifyCredential,
  type Key,
  type SignedEndorsement,
} from '../../src/index.js';
import { NOW, check, clone, unsignedCredential } from '../helpers/credential.js';
import { rejection } from '../helpers/errors.js';
import { digitalBazaarVerifies, partsOf } from './helpers.js';
import { mathDefinition } from '../stack/helpers.js';

const ACHIEVEMENT_ID = 'https://pd.example.org/achievements/formative-assessment';
const SIGNED_AT = new Date('2026-01-10T09:00:00Z');

let issuer: Key;
let board: Key;
let endorsement: SignedEndorsement;

beforeAll(async () => {
  issuer = await generateKey();
  board = await generateKey();
  endorsement = await issueEndorsement(
    {
      endorsed: { id: ACHIEVEMENT_ID, name: 'Formative Assessment' },
      comment: 'Aligned with the state teaching standard 3.2; the rubric was reviewed by our panel.',
      endorser: { name: 'State Board of Educator Standards' },
    },
    { key: board, now: SIGNED_AT },
  );
});

/** The example credential with `endorsements` embedded in its achievement, signed by the district. */
async function endorsedCredential(endorsements: unknown[]) {
  const draft = unsignedCredential(issuer);
  const subject = clone(draft.credentialSubject);
  (subject.achievement as unknown as Record<string, unknown>).endorsement = endorsements;
  return issueCredential({ ...draft, credentialSubject: subject }, { key: issuer, now: NOW });
}

describe('issueEndorsement', () => {
  it('signs an OB 3.0 EndorsementCredential by the key controller, about the endorsed id', async () => {
    expect(endorsement.type).toEqual(['VerifiableCredential', 'EndorsementCredential']);
    expect(endorsement.issuer).toMatchObject({ id: board.controller, name: 'State Board of Educator Standards' });
    expect(endorsement.credentialSubject).toMatchObject({ id: ACHIEVEMENT_ID, type: ['EndorsementSubject'] });
    expect(endorsement.name).toBe('Endorsement of Formative Assessment');
    const report = await verifyCredential(endorsement, { now: NOW });
    expect(report.summary).toBe('verified');
  });

  it('verifies in the plain Digital Bazaar stack', async () => {
    expect(await digitalBazaarVerifies(endorsement)).toBe(true);
  });

  it('refuses an endorsement with no comment or no endorsed id, before signing', async () => {
    expect(await rejection(issueEndorsement({ endorsed: ACHIEVEMENT_ID, comment: ' ' }, { key: board }))).toMatchObject(
      {
        code: ErrorCode.FIELD_REQUIRED,
        details: { path: 'comment' },
      },
    );
    expect(
      await rejection(issueEndorsement({ endorsed: 'not a uri', comment: 'Fine.' }, { key: board })),
    ).toMatchObject({
      code: ErrorCode.FIELD_INVALID,
    });
  });
});

describe('an endorsed micro-credential', () => {
  it('verifies in microcred, with one endorsement part naming the endorser and what it endorses', async () => {
    const signed = await endorsedCredential([endorsement]);
    const report = await verifyCredential(signed, { now: NOW });
    expect(report.summary).toBe('verified');
    expect(check(report, 'endorsement').outcome).toBe('passed');
    const [part] = partsOf(report, 'endorsement');
    expect(part?.label).toContain('State Board of Educator Standards');
    expect(part?.label).toContain(ACHIEVEMENT_ID);
    expect(part?.credential).toMatchObject({
      path: 'credentialSubject.achievement.endorsement[0]',
      id: endorsement.id,
      issuer: { id: board.controller },
      endorses: ACHIEVEMENT_ID,
      comment: endorsement.credentialSubject.endorsementComment,
    });
    expect(part?.credential?.report.verified).toBe(true);
  });

  it('verifies in the plain Digital Bazaar stack', async () => {
    expect(await digitalBazaarVerifies(await endorsedCredential([endorsement]))).toBe(true);
  });

  it('reports a tampered endorsement as a warning naming it; the credential itself stays verified', async () => {
    const tampered = clone(endorsement);
    tampered.credentialSubject.endorsementComment = 'Endorsed without reservation for every district.';
    const signed = await endorsedCredential([tampered]);
    const report = await verifyCredential(signed, { now: NOW });
    expect(report).toMatchObject({ authentic: true, verified: true, summary: 'verified-with-warnings' });
    const endorsementCheck = check(report, 'endorsement');
    expect(endorsementCheck.outcome).toBe('warning');
    expect(endorsementCheck.problem?.code).toBe(ErrorCode.ENDORSEMENT_INVALID);
    expect(endorsementCheck.problem?.detail).toContain(endorsement.id);
    expect(endorsementCheck.problem?.detail).toContain('signature');
    const [part] = partsOf(report, 'endorsement');
    expect(part?.credential?.report.summary).toBe('invalid');
  });

  it('warns when an endorsement endorses something other than what it is attached to', async () => {
    const elsewhere = await issueEndorsement(
      { endorsed: 'https://pd.example.org/achievements/another', comment: 'Good work.' },
      { key: board, now: SIGNED_AT },
    );
    const report = await verifyCredential(await endorsedCredential([endorsement, elsewhere]), { now: NOW });
    expect(report.verified).toBe(true);
    const parts = partsOf(report, 'endorsement');
    expect(parts.map((p) => p.outcome)).toEqual(['passed', 'warning']);
    expect(parts[1]?.problem?.code).toBe(ErrorCode.ENDORSEMENT_NOT_FOR_THIS);
  });

  it('checks the endorser against the trust list like any issuer', async () => {
    const signed = await endorsedCredential([endorsement]);
    const trust = [{ id: issuer.controller!, name: 'Example District PD' }];
    const report = await verifyCredential(signed, { now: NOW, trust });
    expect(check(report, 'trust').outcome).toBe('passed');
    const [part] = partsOf(report, 'endorsement');
    expect(part?.outcome).toBe('warning');
    expect(part?.problem?.code).toBe(ErrorCode.ISSUER_UNKNOWN);
    const known = await verifyCredential(signed, {
      now: NOW,
      trust: [...trust, { id: board.controller!, name: 'State Board' }],
    });
    expect(partsOf(known, 'endorsement')[0]?.outcome).toBe('passed');
  });

  it('an endorsement swapped into a signed credential breaks its signature (it is part of the signed graph)', async () => {
    const signed = clone(await endorsedCredential([endorsement]));
    const other = await issueEndorsement(
      { endorsed: ACHIEVEMENT_ID, comment: 'Swapped in.' },
      { key: board, now: SIGNED_AT },
    );
    (signed.credentialSubject.achievement as unknown as Record<string, unknown>).endorsement = [other];
    const report = await verifyCredential(signed, { now: NOW });
    expect(check(report, 'signature').outcome).toBe('failed');
    expect(report.verified).toBe(false);
  });
});

describe('a competency definition that names its endorsements', () => {
  it('compiles to an Achievement carrying them, and the credential issued from it verifies them', async () => {
    const definition = mathDefinition();
    const achievementId = compileAchievement(definition).id;
    const endorsed = await issueEndorsement(
      { endorsed: achievementId, comment: 'Meets our micro-credential quality criteria.' },
      { key: board, now: SIGNED_AT },
    );
    const achievement = compileAchievement({ ...definition, endorsements: [endorsed] });
    expect(achievement.endorsement).toEqual([endorsed]);
    const draft = unsignedCredential(issuer);
    const signed = await issueCredential(
      { ...draft, credentialSubject: { ...draft.credentialSubject, achievement } },
      { key: issuer, now: NOW },
    );
    const report = await verifyCredential(signed, { now: NOW });
    expect(report.summary).toBe('verified');
    expect(partsOf(report, 'endorsement').map((p) => [p.outcome, p.credential?.endorses])).toEqual([
      ['passed', achievementId],
    ]);
  });
});
