// CLR 2.0: a teacher's stack of three micro-credentials and the stack credential, bundled by
// microcred into one signed ClrCredential that verifies in microcred (each inner credential its
// own sub-report) and in the plain Digital Bazaar stack; a tampered inner credential is named.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ErrorCode,
  bundleClr,
  generateKey,
  issueCredential,
  issueStack,
  verifyCredential,
  type CompetencyDefinition,
  type Key,
  type SignedCredential,
} from '../../src/index.js';
import { NOW, check, clone, unsignedCredential } from '../helpers/credential.js';
import { rejection } from '../helpers/errors.js';
import { leaderDefinition } from '../stack/helpers.js';
import { digitalBazaarVerifies, partsOf } from './helpers.js';
import { signRecordForTest } from './signForTest.js';

const TEACHER = 'did:example:teacher-42';
const READ_ALOUDS = 'https://pd.riverbend.example/microcredentials/culturally-responsive-read-alouds';
const ISSUED = new Date('2026-03-05T09:30:00Z');

let key: Key;
let stack: CompetencyDefinition;
let components: SignedCredential[];
let leader: SignedCredential;

/** A micro-credential of the achievement compiled from `ref` (id + version), awarded to the teacher. */
async function component(ref: { id: string; version?: string; name?: string }): Promise<SignedCredential> {
  const draft = unsignedCredential(key);
  const achievement = {
    ...draft.credentialSubject.achievement,
    id: `${ref.id}/v${ref.version ?? '1.0.0'}`,
    name: ref.name ?? 'A micro-credential',
  };
  return issueCredential(
    { ...draft, name: achievement.name, credentialSubject: { ...draft.credentialSubject, id: TEACHER, achievement } },
    { key, now: ISSUED },
  );
}

beforeAll(async () => {
  key = await generateKey();
  // The example stack with a third requirement: three components.
  stack = leaderDefinition();
  stack.issuer = { ...stack.issuer, id: key.controller! };
  stack.stack!.requires.push({ id: READ_ALOUDS, name: 'Culturally Responsive Read-Alouds' });
  components = await Promise.all(stack.stack!.requires.map((ref) => component(ref)));
  leader = await issueStack(stack, components, { key, recipient: { did: TEACHER }, now: ISSUED });
});

describe('bundleClr', () => {
  it('bundles a stack and its three components into a ClrCredential with isParentOf / isChildOf associations', async () => {
    const clr = await bundleClr([...components, leader], { key, holder: { id: TEACHER }, stack, now: ISSUED });
    expect(clr['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(clr.type).toEqual(['VerifiableCredential', 'ClrCredential']);
    const subject = clr.credentialSubject as Record<string, unknown[]>;
    expect(subject.verifiableCredential).toHaveLength(4);
    expect(subject.achievement).toHaveLength(4);
    const parent = (leader.credentialSubject.achievement as { id: string }).id;
    const pairs = (subject.association as { associationType: string; sourceId: string; targetId: string }[]).map(
      (a) => [
        a.associationType,
        a.sourceId === parent ? 'stack' : 'component',
        a.targetId === parent ? 'stack' : 'component',
      ],
    );
    expect(pairs).toEqual([
      ['isParentOf', 'stack', 'component'],
      ['isChildOf', 'component', 'stack'],
      ['isParentOf', 'stack', 'component'],
      ['isChildOf', 'component', 'stack'],
      ['isParentOf', 'stack', 'component'],
      ['isChildOf', 'component', 'stack'],
    ]);
  });

  it('verifies in microcred: its proof, each inner credential as its own part, then the associations', async () => {
    const clr = await bundleClr([...components, leader], { key, holder: { id: TEACHER }, stack, now: ISSUED });
    const report = await verifyCredential(clr, { now: NOW });
    expect(report).toMatchObject({ authentic: true, verified: true, summary: 'verified' });
    const parts = partsOf(report, 'credentials');
    expect(parts.map((p) => [p.outcome, p.credential?.id])).toEqual(
      [...components, leader].map((c) => ['passed', c.id]),
    );
    expect(parts.every((p) => p.credential?.report.verified)).toBe(true);
    expect(partsOf(report, 'associations').map((p) => p.outcome)).toEqual(Array(6).fill('passed'));
  });

  it('verifies in the plain Digital Bazaar stack', async () => {
    const clr = await bundleClr([...components, leader], { key, holder: { id: TEACHER }, stack, now: ISSUED });
    expect(await digitalBazaarVerifies(clr)).toBe(true);
  });

  it('publishes an email holder as a salted hash', async () => {
    const clr = await bundleClr(components, { key, holder: { email: 'elena.marsh@riverbend.example' }, now: ISSUED });
    const subject = clr.credentialSubject as Record<string, unknown>;
    expect(JSON.stringify(clr)).not.toContain('elena.marsh');
    expect(subject.identifier).toMatchObject([{ type: 'IdentityObject', hashed: true }]);
    expect((await verifyCredential(clr, { now: NOW })).verified).toBe(true);
  });

  it('refuses a credential that does not verify, naming its index and id; omitInvalid leaves it out and marks the record partial', async () => {
    const tampered = clone(components[1]!);
    tampered.name = 'Something it never was';
    const error = await rejection(bundleClr([components[0], tampered, components[2]], { key, now: ISSUED }));
    expect(error.code).toBe(ErrorCode.CLR_CREDENTIAL_INVALID);
    expect(error.details).toMatchObject({ index: 1, id: tampered.id, path: 'credentials[1]' });
    expect(error.message).toContain('credentials[1]');

    const omitted: number[] = [];
    const clr = await bundleClr([components[0], tampered, components[2]], {
      key,
      now: ISSUED,
      omitInvalid: true,
      onOmitted: (index) => omitted.push(index),
    });
    expect(omitted).toEqual([1]);
    expect(clr.partial).toBe(true);
    expect((clr.credentialSubject as Record<string, unknown[]>).verifiableCredential).toHaveLength(2);
    expect((await verifyCredential(clr, { now: NOW })).verified).toBe(true);
  });
});

describe('nesting', () => {
  it('verifies credentials two levels down, and no deeper (a record of records of records)', async () => {
    const inner = await bundleClr(components, { key, now: ISSUED });
    const middle = await bundleClr([inner], { key, now: ISSUED });
    const outer = await bundleClr([middle], { key, now: ISSUED });
    const report = await verifyCredential(outer, { now: NOW });
    // outer (0) → middle (1) → inner (2): the inner record's own credentials are not verified.
    const [middlePart] = partsOf(report, 'credentials');
    const [innerPart] = middlePart!.credential!.report.checks.find((c) => c.id === 'credentials')!.parts!;
    const innerCredentials = innerPart!.credential!.report.checks.find((c) => c.id === 'credentials')!;
    expect(innerCredentials.outcome).toBe('warning');
    expect(innerCredentials.problem?.code).toBe(ErrorCode.NESTING_TOO_DEEP);
    expect(report.authentic).toBe(true);
    expect(report.summary).toBe('verified-with-warnings');
  });
});

describe('associations', () => {
  it('an association naming an achievement the record does not hold is a warning naming it', async () => {
    const missing = 'https://pd.riverbend.example/microcredentials/not-in-this-record/v1.0.0';
    const held = (components[0]!.credentialSubject.achievement as { id: string }).id;
    const clr = await bundleClr(components, {
      key,
      now: ISSUED,
      associations: [{ associationType: 'precedes', sourceId: held, targetId: missing }],
    });
    const report = await verifyCredential(clr, { now: NOW });
    expect(report.verified).toBe(true);
    const associations = check(report, 'associations');
    expect(associations.outcome).toBe('warning');
    expect(associations.problem?.code).toBe(ErrorCode.CLR_ASSOCIATION_DANGLING);
    expect(associations.problem?.detail).toContain(missing);
    expect(associations.problem?.path).toBe('credentialSubject.association[0].targetId');
  });
});

describe('a CLR with one tampered inner credential', () => {
  it('is reported with that credential named, and is not verified (its own proof holding)', async () => {
    // The issuer signs a record over a tampered credential (as a careless or hostile bundler would):
    // the record's own proof holds; the inner credential's does not.
    const tampered = clone(components[2]!);
    tampered.name = 'Culturally Responsive Read-Alouds, with distinction';
    // bundleClr itself refuses it …
    await expect(bundleClr([components[0], components[1], tampered], { key, now: ISSUED })).rejects.toMatchObject({
      code: ErrorCode.CLR_CREDENTIAL_INVALID,
    });
    // … so the record is made by swapping it into a bundle of good credentials and signing again.
    const good = await bundleClr(components, { key, now: ISSUED });
    const swapped = clone(good);
    (swapped.credentialSubject as { verifiableCredential: unknown[] }).verifiableCredential[2] = tampered;
    const { proof: _proof, ...unsigned } = swapped;
    const resigned = await signRecordForTest(unsigned, key);
    const report = await verifyCredential(resigned, { now: NOW });
    expect(report.authentic).toBe(true);
    expect(report.verified).toBe(false);
    expect(report.summary).toBe('invalid');
    const credentials = check(report, 'credentials');
    expect(credentials.outcome).toBe('failed');
    expect(credentials.problem?.code).toBe(ErrorCode.CLR_CREDENTIAL_INVALID);
    expect(credentials.problem?.detail).toContain(tampered.id);
    expect(credentials.problem?.path).toBe('credentialSubject.verifiableCredential[2]');
    expect(partsOf(report, 'credentials').map((p) => p.outcome)).toEqual(['passed', 'passed', 'failed']);
  });

  it('a credential swapped into a signed CLR breaks the record’s own signature', async () => {
    const good = clone(await bundleClr(components, { key, now: ISSUED }));
    (good.credentialSubject as { verifiableCredential: unknown[] }).verifiableCredential[0] = components[1];
    const report = await verifyCredential(good, { now: NOW });
    expect(check(report, 'signature').outcome).toBe('failed');
    expect(report.authentic).toBe(false);
  });
});
