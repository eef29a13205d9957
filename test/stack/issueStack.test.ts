// issueStack: a stack credential signed only when every component micro-credential verifies and
// names the same teacher; otherwise nothing is signed and the error names every failing component.
import { beforeAll, describe, expect, it } from 'vitest';
import * as vc from '@digitalbazaar/vc';
import {
  MicrocredError,
  generateKey,
  issueStack,
  matchesIdentity,
  verifyCredential,
  type CompetencyDefinition,
  type Key,
  type SignedCredential,
} from '../../src/index.js';
import { achievementId } from '../../src/competency/ids.js';
import { clone } from '../helpers/credential.js';
import { digitalBazaarLoader, digitalBazaarSuite } from '../helpers/digitalBazaar.js';
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

const STACKED = new Date('2026-06-01T12:00:00Z');

let key: Key<'ed25519'>;
let leader: CompetencyDefinition;
let math: SignedCredential;
let science: SignedCredential;
let stack: SignedCredential;
const recipient = { email: ELENA.email! };

beforeAll(async () => {
  key = await generateKey();
  leader = leaderDefinition();
  ({ math, science } = await earnBoth(key));
  stack = await issueStack(leader, [math, science], { key, recipient, now: STACKED });
});

describe('the stack credential', () => {
  it('verifies in microcred', async () => {
    const report = await verifyCredential(stack, { now: CHECKED });
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report).toMatchObject({ verified: true, summary: 'verified' });
  });

  it('verifies in the plain Digital Bazaar stack', async () => {
    const theirs = await vc.verifyCredential({
      credential: clone(stack),
      suite: digitalBazaarSuite(),
      documentLoader: digitalBazaarLoader(),
      now: CHECKED,
    });
    expect(theirs.error).toBeUndefined();
    expect(theirs.verified).toBe(true);
  });

  it('carries the stack achievement and awardedDate on the credential', () => {
    expect(stack.name).toBe(leader.name);
    expect(stack.issuer.id).toBe(key.controller);
    expect(stack.credentialSubject.achievement.id).toBe(achievementId(leader));
    expect(stack.credentialSubject.achievement.id).toBe(
      'https://pd.riverbend.example/microcredentials/student-thinking-leader/v1.0.0',
    );
    expect(stack.credentialSubject.achievement.resultDescription).toBeUndefined();
    expect(stack.awardedDate).toBe('2026-06-01T12:00:00Z');
    expect(stack.credentialSubject.awardedDate).toBeUndefined();
  });

  it('has one evidence entry per component, pointing at its credential', () => {
    expect(stack.evidence).toHaveLength(2);
    expect(stack.evidence!.map((e) => [e.id, e.name, e.genre])).toEqual([
      [math.id, MATH, 'Micro-credential'],
      [science.id, SCIENCE, 'Micro-credential'],
    ]);
    expect(stack.evidence![0]!.narrative).toContain('Riverbend Unified School District');
  });

  it('names the same teacher by a salted hash of the email', async () => {
    expect(JSON.stringify(stack)).not.toContain(ELENA.email);
    const identity = stack.credentialSubject.identifier![0]!;
    expect(await matchesIdentity(identity, ELENA.email!)).toBe(true);
    expect(await matchesIdentity(identity, 'treyes@riverbend.example')).toBe(false);
    expect(await matchesIdentity(math.credentialSubject.identifier![0]!, ELENA.email!)).toBe(true);
  });

  it('is issued from component credentials given as JSON text, in any order', async () => {
    const fromText = await issueStack(leader, [JSON.stringify(science), JSON.stringify(math)], {
      key,
      recipient,
      now: STACKED,
    });
    expect(fromText.evidence!.map((e) => e.id)).toEqual([math.id, science.id]);
    expect((await verifyCredential(fromText, { now: CHECKED })).verified).toBe(true);
  });

  it('names a DID recipient by subject id', async () => {
    const did = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
    const candidate = { name: 'Elena Marsh', did };
    const parts = [
      (await earn(mathDefinition(), mathInput(candidate), key)).credential,
      (await earn(scienceDefinition(), scienceInput(candidate), key)).credential,
    ];
    const issued = await issueStack(leader, parts, { key, recipient: { did }, now: STACKED });
    expect(issued.credentialSubject.id).toBe(did);
    expect(issued.credentialSubject).not.toHaveProperty('identifier');
  });
});

describe('a stack that cannot be issued', () => {
  async function refusal(credentials: unknown[], extra: { acceptedIssuers?: string[] } = {}) {
    const error = await rejection(issueStack(leader, credentials, { key, recipient, now: STACKED, ...extra }));
    expect(error.code).toBe('ERR_STACK_COMPONENT_INVALID');
    expect(error.details.path).toBe('stack.requires');
    return error;
  }

  function expectOnlyFailing(error: MicrocredError, name: string, index: number) {
    expect(error.message).toContain(`Cannot issue "${leader.name}"`);
    expect(error.message).toContain(name);
    expect(error.details.components).toEqual([name]);
    expect(error.details.problems).toHaveLength(1);
    expect(error.details.problems![0]!.path).toBe(`stack.requires[${index}]`);
    expect(error.details.problems![0]!.message).toContain(name);
  }

  it('a missing component', async () => {
    expectOnlyFailing(await refusal([math]), SCIENCE, 1);
  });

  it('a tampered component', async () => {
    const tampered = clone(science);
    tampered.credentialSubject.achievement.name = 'Productive Talk (Advanced)';
    const error = await refusal([math, tampered]);
    expectOnlyFailing(error, SCIENCE, 1);
    expect(error.message).toContain('ERR_SIGNATURE_INVALID');
  });

  it('an expired component (validUntil more than the 300 s skew before now)', async () => {
    const expired = (await earn(mathDefinition(), mathInput(ELENA), key, { validUntil: '2026-06-01T11:54:00Z' }))
      .credential;
    const error = await refusal([expired, science]);
    expectOnlyFailing(error, MATH, 0);
    expect(error.message).toContain('ERR_EXPIRED');
  });

  it('a component awarded to someone else', async () => {
    const others = (
      await earn(scienceDefinition(), scienceInput({ name: 'Tomás Reyes', email: 'treyes@riverbend.example' }), key)
    ).credential;
    const error = await refusal([math, others]);
    expectOnlyFailing(error, SCIENCE, 1);
    expect(error.message).toContain('awarded to someone else');
  });

  it('a component issued by an issuer not in acceptedIssuers', async () => {
    const otherKey = await generateKey();
    const elsewhere = (await earn(mathDefinition(), mathInput(ELENA), otherKey)).credential;
    const error = await refusal([elsewhere, science], { acceptedIssuers: [key.controller] });
    expectOnlyFailing(error, MATH, 0);
    expect(error.message).toContain(otherKey.controller);
  });

  it('a math credential of version 1.1.0 when the stack pins 1.2.0', async () => {
    const old = (await earn({ ...mathDefinition(), version: '1.1.0' }, mathInput(ELENA), key)).credential;
    const error = await refusal([old, science]);
    expectOnlyFailing(error, MATH, 0);
    expect(error.message).toContain('1.1.0');
  });

  it('every failing component is named at once', async () => {
    const tampered = clone(math);
    tampered.name = 'Something else';
    const error = await refusal([tampered]);
    expect(error.details.components).toEqual([MATH, SCIENCE]);
    expect(error.details.problems!.map((p) => p.path)).toEqual(['stack.requires[0]', 'stack.requires[1]']);
  });

  it('junk credentials are refused with ERR_STACK_COMPONENT_INVALID, not a crash', async () => {
    const error = await refusal([null, 42, '{']);
    expect(error.details.components).toEqual([MATH, SCIENCE]);
  });

  it('a definition that is not a stack is refused with ERR_DEFINITION_INVALID', async () => {
    const error = await rejection(issueStack(mathDefinition(), [math, science], { key, recipient, now: STACKED }));
    expect(error.code).toBe('ERR_DEFINITION_INVALID');
  });

  it('a stack definition naming another issuer is refused with ERR_ISSUER_MISMATCH before any component is checked', async () => {
    const other = { ...leader, issuer: { ...leader.issuer, id: 'did:web:pd.riverbend.example' } };
    const error = await rejection(issueStack(other, [null], { key, recipient, now: STACKED }));
    expect(error.code).toBe('ERR_ISSUER_MISMATCH');
  });

  it('an RSA key is refused with ERR_KEY_PROOF_UNSUPPORTED before any component is checked, and a VC-JWT format with ERR_FIELD_INVALID', async () => {
    for (const type of ['rsa'] as const) {
      const other = await generateKey({ type, controller: key.controller });
      // [null] would be ERR_STACK_COMPONENT_INVALID if the components were checked first.
      const error = await rejection(
        issueStack(leader, [null], { key: other, recipient, now: STACKED }),
        'ERR_KEY_PROOF_UNSUPPORTED',
      );
      expect(error.details).toMatchObject({ keyType: type, proof: 'eddsa-rdfc-2022' });
    }
    const jwt = await rejection(
      issueStack(leader, [null], { key, recipient, now: STACKED, format: 'jwt' } as never),
      'ERR_FIELD_INVALID',
    );
    expect(jwt.details.path).toBe('format');
  });

  it('a recipient that is neither a DID nor an email is refused', async () => {
    const error = await rejection(
      issueStack(leader, [math, science], { key, recipient: { email: 'not an address' }, now: STACKED }),
    );
    expect(error.code).toBe('ERR_FIELD_INVALID');
  });
});
