// Whatever is handed over as an Open Badges 2.0 assertion, verification returns a report that says
// what is wrong, and never throws; and an Open Badges 3.0 credential is never taken for a 2.0 one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, verifyCredential } from '../../src/index.js';
import { unsignedCredential } from '../helpers/credential.js';
import { recogniseOpenBadges2 } from '../../src/ob2/recognise.js';
import { BADGE, HOSTED, ISSUER, NOW, REVOCATIONS, assertion, badgeClass, issuerProfile } from './helpers.js';

describe('a malformed Open Badges 2.0 assertion', () => {
  it('names every field OB 2.0 requires that is missing or wrong, in one report', async () => {
    const report = await verifyCredential(
      {
        '@context': 'https://w3id.org/openbadges/v2',
        type: 'Assertion',
        recipient: 'ana',
        badge: 5,
        issuedOn: 'yesterday',
      },
      { now: NOW },
    );
    const type = report.checks.find((c) => c.id === 'type');
    expect(type).toMatchObject({ outcome: 'failed', problem: { code: ErrorCode.OB2_INVALID } });
    expect(type?.problems?.map((p) => p.path)).toEqual(['id', 'recipient', 'badge', 'verification', 'issuedOn']);
    expect(report).toMatchObject({ verified: false, authentic: false, summary: 'invalid', format: 'open-badges-2.0' });
  });

  it.each([
    [
      'a member named twice',
      '{"@context":"https://w3id.org/openbadges/v2","type":"Assertion","badge":"a","badge":"b"}',
      ErrorCode.INPUT_DUPLICATE_KEY,
    ],
    [
      'a JWS whose payload is an OB 2.0 assertion but whose header is not JSON',
      `bm90anNvbg.${Buffer.from(JSON.stringify(assertion('signed'))).toString('base64url')}.AAAA`,
      ErrorCode.JWT_MALFORMED,
    ],
  ])('%s: a report, not a throw', async (_label, input, code) => {
    const report = await verifyCredential(input, { now: NOW });
    expect(report.format).toBe('open-badges-2.0');
    expect(report.checks[0]).toMatchObject({ id: 'parse', outcome: 'failed', problem: { code } });
    expect(report.checks.slice(1).every((c) => c.outcome === 'skipped')).toBe(true);
  });

  it('a Unix timestamp beyond what a date can hold is an unreadable date, not a crash', async () => {
    const report = await verifyCredential(assertion('hosted', { expires: 3151572671672868 }), { now: NOW });
    expect(report.checks.find((c) => c.id === 'type')).toMatchObject({
      outcome: 'failed',
      problem: { code: ErrorCode.OB2_INVALID, path: 'expires' },
    });
  });

  it('JSON text that does not parse cannot be told to be OB 2.0: it is reported as not JSON', async () => {
    const report = await verifyCredential('{"@context": "https://w3id.org/openbadges/v2", "type": "Assertion",', {
      now: NOW,
    });
    expect(report.checks[0]).toMatchObject({
      id: 'parse',
      outcome: 'failed',
      problem: { code: ErrorCode.INPUT_NOT_JSON },
    });
  });

  it('an Open Badges 1.x assertion is named as one, could-not-check', async () => {
    const v1 = {
      uid: 'abc123',
      recipient: { type: 'email', hashed: false, identity: 'ana@example.org' },
      badge: 'https://example.org/badge.json',
      verify: { type: 'hosted', url: 'https://example.org/assertions/abc123.json' },
      issuedOn: 1359217910,
    };
    const report = await verifyCredential(v1, { now: NOW });
    expect(report.checks.find((c) => c.id === 'type')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: ErrorCode.OB2_VERSION_UNSUPPORTED, path: 'verify' },
    });
  });

  it('an object whose every read throws is a report too', async () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no');
        },
        ownKeys() {
          throw new Error('no');
        },
      },
    );
    const report = await verifyCredential(hostile, { now: NOW });
    expect(report.verified).toBe(false);
  });

  it('an Open Badges 3.0 credential, JSON or text, is not taken for a 2.0 assertion', async () => {
    const credential = unsignedCredential({ controller: 'did:example:issuer' });
    expect(recogniseOpenBadges2(credential)).toBeUndefined();
    expect(recogniseOpenBadges2(JSON.stringify(credential))).toBeUndefined();
    // Even one that mentions an OB 2.0 Assertion in its text.
    const mentioning = { ...credential, description: 'Replaces the "Assertion" of https://w3id.org/openbadges/v2' };
    expect(recogniseOpenBadges2(JSON.stringify(mentioning))).toBeUndefined();
    const report = await verifyCredential(credential, { now: NOW });
    expect(report.format).toBe('json-ld');
  });
});

describe('any OB 2.0-looking input', () => {
  it('is a report, never a throw, and never verified without the issuer’s documents', async () => {
    const member = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom('urn:uuid:x', 'https://badges.example/a.json', 'signed', 'hosted'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            type: fc.oneof(fc.constant('Assertion'), member),
            id: member,
            recipient: fc.oneof(fc.record({ type: member, identity: member, hashed: member, salt: member }), member),
            badge: member,
            issuedOn: member,
            expires: member,
            verification: fc.oneof(fc.record({ type: member, creator: member }), member),
            revoked: member,
          },
          { requiredKeys: ['type'] },
        ),
        async (fields) => {
          const report = await verifyCredential(
            { '@context': 'https://w3id.org/openbadges/v2', ...fields },
            { now: NOW },
          );
          expect(report.format).toBe('open-badges-2.0');
          expect(report.verified).toBe(false);
          expect(['invalid', 'could-not-check']).toContain(report.summary);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('whatever the issuer’s documents hold, a hosted assertion gets a report, never a throw', async () => {
    const member = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom(ISSUER, BADGE, REVOCATIONS, HOSTED, 'Issuer', 'BadgeClass'),
    );
    const given = assertion('hosted');
    await fc.assert(
      fc.asyncProperty(
        fc.record({ type: member, issuer: member, name: member }, { requiredKeys: [] }),
        fc.record(
          { type: member, id: member, verification: member, revocationList: member, publicKey: member },
          { requiredKeys: [] },
        ),
        fc.oneof(fc.record({ type: member, revokedAssertions: member }, { requiredKeys: [] }), member),
        fc.constantFrom<unknown[]>([], ['x'], [{ id: HOSTED }]),
        async (badge, issuer, list, trust) => {
          const documents = {
            [HOSTED]: given,
            [BADGE]: { ...badgeClass(), ...badge },
            [ISSUER]: { ...issuerProfile(), ...issuer },
            [REVOCATIONS]: list,
          };
          const report = await verifyCredential(given, {
            now: NOW,
            documents,
            trust: trust as never,
            recipient: 'a@b.c',
          });
          expect(report.format).toBe('open-badges-2.0');
          expect(report.checks.some((c) => c.problem?.code === 'ERR_INTERNAL')).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });
});
