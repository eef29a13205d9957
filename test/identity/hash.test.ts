// Salted email hashes: the spec's vector, the round trip a verifier makes, and what must not match.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hashEmail, matchesIdentity, normalizeEmail, isMicrocredError, type IdentityObject } from '../../src/index.js';

// The IdentityHash example of the OB 3.0 JSON Schema (ob_v3p0_achievementcredential-jsonschema1.json,
// $defs IdentityObject.identityHash): "'sha256$b5809d8a…' represents the result of calculating a
// SHA-256 hash on the string 'a@example.comKosher'. in which the email identifier 'a@example.com'
// is salted with 'Kosher'". The older draft-04 schema gives 'mayze' unsalted.
const SPEC_VECTOR = {
  email: 'a@example.com',
  salt: 'Kosher',
  identityHash: 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399',
};
const SPEC_UNSALTED = {
  identifier: 'mayze',
  identityHash: 'sha256$7a1a1b3f7d40552e4299180e346e3add12bf9a751a43d9c4ca4518febc2c60c6',
};

describe('hashEmail', () => {
  it("reproduces the spec's identityHash for a@example.com salted with Kosher", async () => {
    const identity = await hashEmail(SPEC_VECTOR.email, { salt: SPEC_VECTOR.salt });
    expect(identity).toEqual({
      type: 'IdentityObject',
      identityType: 'emailAddress',
      hashed: true,
      salt: 'Kosher',
      identityHash: SPEC_VECTOR.identityHash,
    });
  });

  it('hashes the normalised address with a fresh random salt each time', async () => {
    const a = await hashEmail('  Dana.Whitfield@Riverbend.example ');
    const b = await hashEmail('dana.whitfield@riverbend.example');
    expect(a.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(a.salt).not.toBe(b.salt);
    expect(a.identityHash).not.toBe(b.identityHash);
    const expected = createHash('sha256').update(`dana.whitfield@riverbend.example${a.salt!}`, 'utf8').digest('hex');
    expect(a.identityHash).toBe(`sha256$${expected}`);
    expect(JSON.stringify(a)).not.toContain('whitfield');
  });

  it('refuses what is not an email address, and an empty salt', async () => {
    for (const [email, salt] of [
      ['dana.whitfield', undefined],
      ['', undefined],
      ['dana@riverbend.example', ''],
    ] as const) {
      const error = await hashEmail(email, salt === undefined ? {} : { salt }).catch((e: unknown) => e);
      expect(isMicrocredError(error, 'ERR_FIELD_INVALID')).toBe(true);
    }
  });

  it('normalizeEmail trims and lower-cases', () => {
    expect(normalizeEmail(' Dana.Whitfield@RIVERBEND.example\n')).toBe('dana.whitfield@riverbend.example');
  });
});

describe('matchesIdentity: a verifier holding the email confirms the match', () => {
  it('matches the right address (in any case), not a wrong one, and not with the wrong salt', async () => {
    const identity = await hashEmail('dana.whitfield@riverbend.example', { salt: 'c0ffee-7f3a' });
    expect(await matchesIdentity(identity, 'dana.whitfield@riverbend.example')).toBe(true);
    expect(await matchesIdentity(identity, 'Dana.Whitfield@Riverbend.Example ')).toBe(true);
    expect(await matchesIdentity(identity, 'dana.whitfeld@riverbend.example')).toBe(false);
    expect(await matchesIdentity(identity, 'sam.ortiz@riverbend.example')).toBe(false);
    expect(await matchesIdentity({ ...identity, salt: 'c0ffee-7f3b' }, 'dana.whitfield@riverbend.example')).toBe(false);
    expect(await matchesIdentity({ ...identity, salt: undefined }, 'dana.whitfield@riverbend.example')).toBe(false);
  });

  it('checks the spec vectors, with upper-case hex too', async () => {
    const vector: IdentityObject = {
      type: 'IdentityObject',
      identityType: 'emailAddress',
      hashed: true,
      salt: SPEC_VECTOR.salt,
      identityHash: SPEC_VECTOR.identityHash,
    };
    expect(await matchesIdentity(vector, 'a@example.com')).toBe(true);
    expect(
      await matchesIdentity(
        { ...vector, identityHash: `sha256$${SPEC_VECTOR.identityHash.slice(7).toUpperCase()}` },
        'a@example.com',
      ),
    ).toBe(true);
    expect(
      await matchesIdentity(
        { ...vector, identityHash: `SHA256$${SPEC_VECTOR.identityHash.slice(7)}` },
        'a@example.com',
      ),
    ).toBe(true);
    expect(await matchesIdentity(vector, 'b@example.com')).toBe(false);
    const unsalted: IdentityObject = {
      type: 'IdentityObject',
      identityType: 'name',
      hashed: true,
      identityHash: SPEC_UNSALTED.identityHash,
    };
    expect(await matchesIdentity(unsalted, SPEC_UNSALTED.identifier)).toBe(true);
    expect(await matchesIdentity(unsalted, 'Mayze')).toBe(false);
  });

  it('also matches an address another issuer hashed exactly as typed', async () => {
    const salt = 'x9';
    const asTyped: IdentityObject = {
      type: 'IdentityObject',
      identityType: 'emailAddress',
      hashed: true,
      salt,
      identityHash: `sha256$${createHash('sha256').update(`Dana.Whitfield@Riverbend.example${salt}`).digest('hex')}`,
    };
    expect(await matchesIdentity(asTyped, 'Dana.Whitfield@Riverbend.example')).toBe(true);
  });

  it('compares plain identities: emails without case, other types exactly (DCC fixture)', async () => {
    const fixture = JSON.parse(
      readFileSync(
        new URL(
          '../fixtures/dcc/vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-identityHash.json',
          import.meta.url,
        ),
        'utf8',
      ),
    ) as {
      credentialSubject: { identifier: IdentityObject };
    };
    const name = fixture.credentialSubject.identifier;
    expect(name).toMatchObject({ hashed: false, identityType: 'name' });
    expect(await matchesIdentity(name, 'Parker Pearl')).toBe(true);
    expect(await matchesIdentity(name, 'parker pearl')).toBe(false);
    const email: IdentityObject = {
      type: 'IdentityObject',
      identityType: 'emailAddress',
      hashed: false,
      identityHash: 'student@1edtech.edu',
      salt: 'not-used',
    };
    expect(await matchesIdentity(email, 'Student@1EdTech.edu')).toBe(true);
    expect(await matchesIdentity(email, 'somebody@gmail.com')).toBe(false);
  });

  it('is false for a malformed hash, and refuses to guess about md5', async () => {
    const base = { type: 'IdentityObject', identityType: 'emailAddress', hashed: true, salt: 's' } as const;
    expect(await matchesIdentity({ ...base, identityHash: 'sha256$not-hex' }, 'a@example.com')).toBe(false);
    expect(
      await matchesIdentity(
        { ...base, identityHash: 'b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399' },
        'a@example.com',
      ),
    ).toBe(false);
    const error = await matchesIdentity({ ...base, identityHash: 'md5$0cc175b9c0f1b6a831c399e269772661' }, 'a').catch(
      (e: unknown) => e,
    );
    expect(isMicrocredError(error, 'ERR_FIELD_INVALID')).toBe(true);
  });
});
