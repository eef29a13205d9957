import { describe, expect, it } from 'vitest';
import { matchesIdentity, recipientOf, isMicrocredError } from '../../src/index.js';

describe('recipientOf', () => {
  it('names a candidate with a DID by the DID, and publishes no email', async () => {
    const did = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
    expect(await recipientOf({ email: 'dana.whitfield@riverbend.example', did })).toEqual({ id: did });
  });

  it('names a candidate without a DID by a salted hash of the email that the holder of the address can match', async () => {
    const recipient = await recipientOf({ email: 'Dana.Whitfield@riverbend.example' });
    expect(recipient.id).toBeUndefined();
    expect(recipient.identifier).toHaveLength(1);
    const [identity] = recipient.identifier!;
    expect(identity).toMatchObject({ type: 'IdentityObject', identityType: 'emailAddress', hashed: true });
    expect(JSON.stringify(recipient)).not.toMatch(/whitfield/i);
    expect(await matchesIdentity(identity!, 'dana.whitfield@riverbend.example')).toBe(true);
    expect(await matchesIdentity(identity!, 'sam.ortiz@riverbend.example')).toBe(false);
  });

  it('uses the given salt, or publishes the plain address only when asked to', async () => {
    const salted = await recipientOf({ email: 'a@example.com' }, { salt: 'Kosher' });
    expect(salted.identifier![0]!.identityHash).toBe(
      'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399',
    );
    const plain = await recipientOf({ email: ' A@Example.com' }, { hashEmail: false });
    expect(plain.identifier).toEqual([
      { type: 'IdentityObject', identityType: 'emailAddress', hashed: false, identityHash: 'a@example.com' },
    ]);
  });

  it('refuses a candidate with neither DID nor email', async () => {
    const error = await recipientOf({}).catch((e: unknown) => e);
    expect(isMicrocredError(error, 'ERR_FIELD_INVALID')).toBe(true);
  });
});
