// checkStack: each requirement of a stack gets a verdict, naming the micro-credential; bad input
// (forgeries, expired or someone else's credentials, junk) is a verdict, never an exception.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkStack,
  generateKey,
  type CompetencyDefinition,
  type Key,
  type SignedCredential,
} from '../../src/index.js';
import { clone } from '../helpers/credential.js';
import { digitalBazaarKeyPair, signWithDigitalBazaar } from '../helpers/digitalBazaar.js';
import {
  CHECKED,
  ELENA,
  MATH,
  SCIENCE,
  earn,
  earnBoth,
  leaderDefinition,
  mathDefinition,
  mathInput,
  scienceDefinition,
  scienceInput,
} from './helpers.js';
import { rejection } from '../helpers/errors.js';

let key: Key<'ed25519'>;
let leader: CompetencyDefinition;
let math: SignedCredential;
let science: SignedCredential;
const recipient = { email: ELENA.email! };

beforeAll(async () => {
  key = await generateKey();
  leader = leaderDefinition();
  ({ math, science } = await earnBoth(key));
});

describe('checkStack', () => {
  it("reports each requirement of the example stack as met by the teacher's two credentials", async () => {
    const results = await checkStack(leader, [math, science], { recipient, now: CHECKED });
    expect(results.map((r) => [r.name, r.ok, r.credential?.index, r.credential?.id])).toEqual([
      [MATH, true, 0, math.id],
      [SCIENCE, true, 1, science.id],
    ]);
    expect(results.map((r) => r.requirement.id)).toEqual(leader.stack!.requires.map((r) => r.id));
    for (const r of results) {
      expect(r.problem).toBeUndefined();
      expect(r.report?.verified).toBe(true);
    }
  });

  it('matches credentials to requirements by achievement, whatever their order', async () => {
    const results = await checkStack(leader, [science, math], { recipient, now: CHECKED });
    expect(results.map((r) => [r.name, r.ok, r.credential?.index])).toEqual([
      [MATH, true, 1],
      [SCIENCE, true, 0],
    ]);
  });

  it('accepts a credential as JSON text like the object', async () => {
    const results = await checkStack(leader, [JSON.stringify(math), JSON.stringify(science, null, 2)], {
      recipient,
      now: CHECKED,
    });
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(results[0]!.credential).toEqual({ index: 0, id: math.id, name: math.name });
  });

  it('names a missing component', async () => {
    const results = await checkStack(leader, [math], { recipient, now: CHECKED });
    expect(results[0]!.ok).toBe(true);
    expect(results[1]).toMatchObject({ name: SCIENCE, ok: false, problem: { code: 'ERR_STACK_COMPONENT_INVALID' } });
    expect(results[1]!.problem!.message).toContain(SCIENCE);
    expect(results[1]!.credential).toBeUndefined();
  });

  it('names a tampered component (its signature no longer verifies)', async () => {
    const tampered = clone(math);
    tampered.credentialSubject.result![2]!.achievedLevel =
      tampered.credentialSubject.result![2]!.achievedLevel!.replace('proficient', 'not-yet');
    const [m, s] = await checkStack(leader, [tampered, science], { recipient, now: CHECKED });
    expect(s!.ok).toBe(true);
    expect(m).toMatchObject({ name: MATH, ok: false, problem: { code: 'ERR_STACK_COMPONENT_INVALID' } });
    expect(m!.problem!.message).toContain(`"${MATH}" does not verify`);
    expect(m!.problem!.message).toContain('ERR_SIGNATURE_INVALID');
    expect(m!.report?.authentic).toBe(false);
  });

  it('names an expired component; one that expired within the clock skew still counts', async () => {
    const expired = (await earn(mathDefinition(), mathInput(ELENA), key, { validUntil: '2026-05-31T23:00:00Z' }))
      .credential;
    const [m] = await checkStack(leader, [expired, science], { recipient, now: CHECKED });
    expect(m).toMatchObject({ name: MATH, ok: false });
    expect(m!.problem!.message).toContain(MATH);
    expect(m!.problem!.message).toContain('ERR_EXPIRED');

    // 200 s past validUntil is inside the default 300 s skew.
    const justNow = (await earn(mathDefinition(), mathInput(ELENA), key, { validUntil: '2026-06-01T11:56:40Z' }))
      .credential;
    const [recent] = await checkStack(leader, [justNow, science], { recipient, now: CHECKED });
    expect(recent!.ok).toBe(true);
  });

  it('uses a valid credential for a requirement when an expired one of the same achievement comes first', async () => {
    const expired = (await earn(mathDefinition(), mathInput(ELENA), key, { validUntil: '2026-05-31T23:00:00Z' }))
      .credential;
    const [m] = await checkStack(leader, [expired, math, science], { recipient, now: CHECKED });
    expect(m).toMatchObject({ ok: true, credential: { index: 1, id: math.id } });
    const [onlyExpired] = await checkStack(leader, [expired, clone(expired), science], { recipient, now: CHECKED });
    expect(onlyExpired).toMatchObject({ ok: false, credential: { index: 0 } });
  });

  it('names a component awarded to someone else', async () => {
    const others = (
      await earn(mathDefinition(), mathInput({ name: 'Tomás Reyes', email: 'treyes@riverbend.example' }), key)
    ).credential;
    const [m, s] = await checkStack(leader, [others, science], { recipient, now: CHECKED });
    expect(s!.ok).toBe(true);
    expect(m).toMatchObject({ name: MATH, ok: false, problem: { message: `"${MATH}" was awarded to someone else.` } });
    expect(m!.report?.verified).toBe(true);
  });

  it('names a component issued by an issuer the stack does not accept', async () => {
    const otherKey = await generateKey();
    const elsewhere = (await earn(scienceDefinition(), scienceInput(ELENA), otherKey)).credential;
    const [m, s] = await checkStack(leader, [math, elsewhere], {
      recipient,
      now: CHECKED,
      acceptedIssuers: [key.controller],
    });
    expect(m!.ok).toBe(true);
    expect(s).toMatchObject({ name: SCIENCE, ok: false });
    expect(s!.problem!.message).toContain(SCIENCE);
    expect(s!.problem!.message).toContain(otherKey.controller);
    // Without acceptedIssuers any issuer whose signature verifies counts.
    expect((await checkStack(leader, [math, elsewhere], { recipient, now: CHECKED }))[1]!.ok).toBe(true);
  });

  it('names a component of another version than the stack pins, and says which version was given', async () => {
    const older = { ...mathDefinition(), version: '1.1.0' };
    const old = (await earn(older, mathInput(ELENA), key)).credential;
    expect(old.credentialSubject.achievement.id).toMatch(/\/v1\.1\.0$/);
    const [m, s] = await checkStack(leader, [old, science], { recipient, now: CHECKED });
    expect(s!.ok).toBe(true);
    expect(m).toMatchObject({ name: MATH, ok: false });
    expect(m!.problem!.message).toContain(MATH);
    expect(m!.problem!.message).toContain('1.1.0');
    expect(m!.problem!.message).toContain('1.2.0');
  });

  it('counts any version of a requirement that pins none (science 2.0 or a later 3.0)', async () => {
    const later = (await earn({ ...scienceDefinition(), version: '3.0' }, scienceInput(ELENA), key)).credential;
    const [, s] = await checkStack(leader, [math, later], { recipient, now: CHECKED });
    expect(s).toMatchObject({ ok: true, credential: { id: later.id } });
  });

  it('matches a DID recipient by the subject id', async () => {
    const did = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
    const candidate = { name: 'Elena Marsh', did };
    const withDid = [
      (await earn(mathDefinition(), mathInput(candidate), key)).credential,
      (await earn(scienceDefinition(), scienceInput(candidate), key)).credential,
    ];
    expect((await checkStack(leader, withDid, { recipient: { did }, now: CHECKED })).map((r) => r.ok)).toEqual([
      true,
      true,
    ]);
    // The email-named credentials are not this DID's, and the DID's are not the email's.
    expect(
      (await checkStack(leader, [math, science], { recipient: { did }, now: CHECKED })).map((r) => r.problem?.message),
    ).toEqual([`"${MATH}" was awarded to someone else.`, `"${SCIENCE}" was awarded to someone else.`]);
    expect((await checkStack(leader, withDid, { recipient, now: CHECKED })).map((r) => r.ok)).toEqual([false, false]);
  });

  it('does not throw on junk credentials; each requirement is simply not met', async () => {
    const junk: unknown[] = [
      null,
      42,
      '{',
      'null',
      '[]',
      [],
      undefined,
      { credentialSubject: 5 },
      { credentialSubject: { achievement: { id: 7 } } },
      true,
    ];
    const results = await checkStack(leader, junk, { recipient, now: CHECKED });
    expect(results.map((r) => [r.name, r.ok, r.problem?.message])).toEqual([
      [MATH, false, `No credential for "${MATH}" was given.`],
      [SCIENCE, false, `No credential for "${SCIENCE}" was given.`],
    ]);
    const mixed = await checkStack(leader, [null, math, '{', science, 42], { recipient, now: CHECKED });
    expect(mixed.map((r) => [r.ok, r.credential?.index])).toEqual([
      [true, 1],
      [true, 3],
    ]);
  });

  it('does not throw on a credential list that is not a list', async () => {
    for (const input of [null, undefined, 42, '{']) {
      const results = await checkStack(leader, input as never, { recipient, now: CHECKED });
      expect(results.map((r) => r.ok)).toEqual([false, false]);
    }
    // One credential on its own is read as a list of one.
    expect((await checkStack(leader, math as never, { recipient, now: CHECKED })).map((r) => r.ok)).toEqual([
      true,
      false,
    ]);
  });

  it('does not throw on a junk credential that claims the achievement (it fails verification)', async () => {
    const claim = { credentialSubject: { achievement: { id: math.credentialSubject.achievement.id } }, name: 'Hinge' };
    const [m] = await checkStack(leader, [claim, science], { recipient, now: CHECKED });
    expect(m).toMatchObject({ name: MATH, ok: false, credential: { index: 0 } });
    expect(m!.problem!.message).toContain(`"${MATH}" does not verify`);
  });

  it('does not throw on a junk achievement id with a malformed escape where the version goes', async () => {
    const junk = {
      credentialSubject: {
        achievement: { id: 'https://pd.riverbend.example/microcredentials/hinge-questions-math/v%E0' },
      },
    };
    const [m] = await checkStack(leader, [junk, science], { recipient, now: CHECKED });
    expect(m).toMatchObject({ name: MATH, ok: false });
    expect(m!.problem!.message).toContain('%E0');
  });

  it('does not throw on an authentic credential whose recipient is an md5 hash; it says the recipient cannot be checked', async () => {
    const pair = await digitalBazaarKeyPair();
    const signed = await signWithDigitalBazaar(
      {
        '@context': [
          'https://www.w3.org/ns/credentials/v2',
          'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        ],
        id: 'urn:uuid:0c5a7c1e-8d0b-4f4e-9c61-2f5b9a0d3e77',
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        name: MATH,
        issuer: { id: pair.controller, type: ['Profile'], name: 'Another district' },
        validFrom: '2026-03-01T00:00:00Z',
        credentialSubject: {
          type: ['AchievementSubject'],
          identifier: [
            {
              type: 'IdentityObject',
              identityType: 'emailAddress',
              hashed: true,
              salt: 'x',
              identityHash: 'md5$0123456789abcdef0123456789abcdef',
            },
          ],
          achievement: math.credentialSubject.achievement,
        },
      },
      pair,
    );
    const [m] = await checkStack(leader, [signed, science], { recipient, now: CHECKED });
    expect(m!.report?.verified).toBe(true);
    expect(m).toMatchObject({ name: MATH, ok: false, problem: { code: 'ERR_STACK_COMPONENT_INVALID' } });
    expect(m!.problem!.message).toContain(`"${MATH}" names its recipient in a way that cannot be checked`);
    expect(m!.problem!.message).toContain('md5');
  });

  it('throws ERR_DEFINITION_INVALID for a definition that is not a stack (an empty verdict would read as complete)', async () => {
    await rejection(checkStack(mathDefinition(), [math], { recipient, now: CHECKED }), 'ERR_DEFINITION_INVALID');
  });

  it('throws ERR_FIELD_REQUIRED when no recipient is named', async () => {
    await rejection(checkStack(leader, [math], { now: CHECKED } as never), 'ERR_FIELD_REQUIRED');
  });
});
