// Issuing throws before it signs: every refusal names its code and the JSON path to fix, the
// caller's object is never changed, and each issue makes a new credential with its own proof.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DocumentLoader,
  MicrocredError,
  generateKey,
  importKey,
  exportKey,
  issueCredential,
  verifyCredential,
  type ErrorCode,
  type Key,
  type UnsignedCredential,
} from '../../src/index.js';
import { NOW, clone, unsignedCredential, type CredentialDraft } from '../helpers/credential.js';

let key: Key<'ed25519'>;
beforeAll(async () => {
  key = await generateKey();
});

async function refusal(
  credential: unknown,
  options: { key?: Key; loader?: DocumentLoader } = {},
): Promise<MicrocredError> {
  const before = clone(credential);
  const error = await issueCredential(credential as UnsignedCredential, {
    key: options.key ?? key,
    now: NOW,
    ...(options.loader ? { loader: options.loader } : {}),
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MicrocredError);
  // A refused credential is left exactly as it was given.
  expect(credential).toEqual(before);
  return error as MicrocredError;
}

function expectRefused(error: MicrocredError, code: ErrorCode, path: string): void {
  expect({ code: error.code, path: error.details.path }).toEqual({ code, path });
  expect(error.message).toMatch(/\w{3,}/);
  // Data problems come as a list (code and path each); a caller's mistake (key, proof) as one error.
  if (error.details.problems) expect(error.details.problems[0]).toMatchObject({ code, path });
}

type Mutable = CredentialDraft;
const variant = (change: (c: Mutable) => void) => () => {
  const c = clone(unsignedCredential(key)) as Mutable;
  change(c);
  return c;
};

describe('issueCredential refuses, before signing,', () => {
  it.each<[string, () => unknown, ErrorCode, string]>([
    [
      'a missing type',
      variant((c) => {
        delete (c as Partial<Mutable>).type;
      }),
      'ERR_TYPE_INVALID',
      'type',
    ],
    [
      'a type without OpenBadgeCredential',
      variant((c) => {
        c.type = ['VerifiableCredential'];
      }),
      'ERR_TYPE_INVALID',
      'type',
    ],
    [
      'a type without VerifiableCredential',
      variant((c) => {
        c.type = ['OpenBadgeCredential'];
      }),
      'ERR_TYPE_INVALID',
      'type',
    ],
    [
      'a type that is a string',
      variant((c) => {
        (c as Record<string, unknown>).type = 'OpenBadgeCredential';
      }),
      'ERR_TYPE_INVALID',
      'type',
    ],
    [
      "an issuer id that is not the key's controller",
      variant((c) => {
        c.issuer.id = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
      }),
      'ERR_ISSUER_MISMATCH',
      'issuer.id',
    ],
    [
      'an issuer without id',
      variant((c) => {
        delete (c.issuer as Partial<typeof c.issuer>).id;
      }),
      'ERR_FIELD_REQUIRED',
      'issuer.id',
    ],
    [
      'an issuer that is not a Profile',
      variant((c) => {
        c.issuer.type = ['Organization'];
      }),
      'ERR_TYPE_INVALID',
      'issuer.type',
    ],
    [
      'a missing name',
      variant((c) => {
        delete (c as Partial<Mutable>).name;
      }),
      'ERR_FIELD_REQUIRED',
      'name',
    ],
    [
      'a validFrom without timezone',
      variant((c) => {
        c.validFrom = '2026-01-15T09:00:00';
      }),
      'ERR_DATE_INVALID',
      'validFrom',
    ],
    [
      'a validFrom that is a date only',
      variant((c) => {
        c.validFrom = '2026-01-15';
      }),
      'ERR_DATE_INVALID',
      'validFrom',
    ],
    [
      'a validFrom with text around a date',
      variant((c) => {
        c.validFrom = 'garbage 2024-05-01T12:00:00Z trailing';
      }),
      'ERR_DATE_INVALID',
      'validFrom',
    ],
    [
      'an impossible date',
      variant((c) => {
        c.validFrom = '2026-13-45T09:00:00Z';
      }),
      'ERR_DATE_INVALID',
      'validFrom',
    ],
    [
      'the 30th of February',
      variant((c) => {
        c.validFrom = '2026-02-30T09:00:00Z';
      }),
      'ERR_DATE_INVALID',
      'validFrom',
    ],
    [
      'a validUntil without timezone',
      variant((c) => {
        c.validUntil = '2027-01-15T09:00:00';
      }),
      'ERR_DATE_INVALID',
      'validUntil',
    ],
    [
      'a validUntil before validFrom',
      variant((c) => {
        c.validUntil = '2025-01-15T09:00:00Z';
      }),
      'ERR_DATE_INVALID',
      'validUntil',
    ],
    [
      'a validUntil equal to validFrom',
      variant((c) => {
        c.validUntil = c.validFrom as string;
      }),
      'ERR_DATE_INVALID',
      'validUntil',
    ],
    [
      'an awardedDate that is not a date-time',
      variant((c) => {
        c.awardedDate = 'yesterday';
      }),
      'ERR_DATE_INVALID',
      'awardedDate',
    ],
    [
      'a subject with neither id nor identifier',
      variant((c) => {
        delete c.credentialSubject.id;
      }),
      'ERR_FIELD_REQUIRED',
      'credentialSubject.id',
    ],
    [
      'a subject with an empty identifier list',
      variant((c) => {
        delete c.credentialSubject.id;
        c.credentialSubject.identifier = [];
      }),
      'ERR_FIELD_REQUIRED',
      'credentialSubject.id',
    ],
    [
      'a subject id that is not a URI',
      variant((c) => {
        c.credentialSubject.id = 'teacher 42';
      }),
      'ERR_FIELD_INVALID',
      'credentialSubject.id',
    ],
    [
      'a subject that is not an AchievementSubject',
      variant((c) => {
        c.credentialSubject.type = ['Person'];
      }),
      'ERR_TYPE_INVALID',
      'credentialSubject.type',
    ],
    [
      'a missing achievement',
      variant((c) => {
        delete (c.credentialSubject as Partial<typeof c.credentialSubject>).achievement;
      }),
      'ERR_ACHIEVEMENT_INVALID',
      'credentialSubject.achievement',
    ],
    [
      'an achievement without id',
      variant((c) => {
        delete (c.credentialSubject.achievement as Partial<typeof c.credentialSubject.achievement>).id;
      }),
      'ERR_ACHIEVEMENT_INVALID',
      'credentialSubject.achievement.id',
    ],
    [
      'an achievement without name',
      variant((c) => {
        delete (c.credentialSubject.achievement as Partial<typeof c.credentialSubject.achievement>).name;
      }),
      'ERR_ACHIEVEMENT_INVALID',
      'credentialSubject.achievement.name',
    ],
    [
      'an achievement with a blank name',
      variant((c) => {
        c.credentialSubject.achievement.name = '   ';
      }),
      'ERR_ACHIEVEMENT_INVALID',
      'credentialSubject.achievement.name',
    ],
    [
      'an achievement without description',
      variant((c) => {
        delete (c.credentialSubject.achievement as Partial<typeof c.credentialSubject.achievement>).description;
      }),
      'ERR_ACHIEVEMENT_INVALID',
      'credentialSubject.achievement.description',
    ],
    [
      'an achievement without criteria',
      variant((c) => {
        delete (c.credentialSubject.achievement as Partial<typeof c.credentialSubject.achievement>).criteria;
      }),
      'ERR_ACHIEVEMENT_INVALID',
      'credentialSubject.achievement.criteria',
    ],
    [
      'criteria with neither narrative nor id',
      variant((c) => {
        c.credentialSubject.achievement.criteria = {};
      }),
      'ERR_ACHIEVEMENT_INVALID',
      'credentialSubject.achievement.criteria',
    ],
    [
      'an achievement that is not an Achievement',
      variant((c) => {
        c.credentialSubject.achievement.type = ['Badge'];
      }),
      'ERR_ACHIEVEMENT_INVALID',
      'credentialSubject.achievement.type',
    ],
    [
      'an undefined term at the top',
      variant((c) => {
        c.favouriteColour = 'blue';
      }),
      'ERR_TERM_UNDEFINED',
      'favouriteColour',
    ],
    [
      'an undefined term inside the achievement',
      variant((c) => {
        c.credentialSubject.achievement.secretLevel = 'gold';
      }),
      'ERR_TERM_UNDEFINED',
      'credentialSubject.achievement.secretLevel',
    ],
    [
      'an unknown context',
      variant((c) => {
        c['@context'] = [...(c['@context'] as string[]), 'https://contexts.example.org/unknown.jsonld'];
      }),
      'ERR_CONTEXT_UNKNOWN',
      '@context[2]',
    ],
    [
      'the VC context not first',
      variant((c) => {
        c['@context'] = [...(c['@context'] as string[])].reverse();
      }),
      'ERR_CONTEXT_ORDER',
      '@context[0]',
    ],
    [
      'a VC 1.1 context',
      variant((c) => {
        c['@context'] = [
          'https://www.w3.org/2018/credentials/v1',
          'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        ];
      }),
      'ERR_CONTEXT_ORDER',
      '@context[0]',
    ],
    [
      'no Open Badges context',
      variant((c) => {
        c['@context'] = ['https://www.w3.org/ns/credentials/v2'];
      }),
      'ERR_CONTEXT_MISSING',
      '@context',
    ],
    [
      'an empty @context',
      variant((c) => {
        c['@context'] = [];
      }),
      'ERR_CONTEXT_MISSING',
      '@context',
    ],
    [
      'an id that is not a URI',
      variant((c) => {
        c.id = 'not a uri';
      }),
      'ERR_FIELD_INVALID',
      'id',
    ],
    [
      'a credential that already has a proof',
      variant((c) => {
        c.proof = {
          type: 'DataIntegrityProof',
          verificationMethod: key.id,
          proofPurpose: 'assertionMethod',
          proofValue: 'z123',
        };
      }),
      'ERR_FIELD_INVALID',
      'proof',
    ],
  ])('%s', async (_name, make, code, path) => {
    expectRefused(await refusal(make()), code, path);
  });

  it('lists every problem in details.problems, each with its path', async () => {
    const error = await refusal(
      variant((c) => {
        c.validFrom = '2026-01-15';
        delete (c.credentialSubject.achievement as Partial<typeof c.credentialSubject.achievement>).criteria;
      })(),
    );
    expect(error.details.problems?.map((p) => p.path)).toEqual(
      expect.arrayContaining(['validFrom', 'credentialSubject.achievement.criteria']),
    );
    expect(error.details.problems?.length).toBeGreaterThanOrEqual(2);
  });

  it('a key without its secret (ERR_KEY_INVALID at key)', async () => {
    const publicOnly = await importKey(await exportKey(key));
    expect(publicOnly.canSign).toBe(false);
    expectRefused(await refusal(unsignedCredential(publicOnly), { key: publicOnly }), 'ERR_KEY_INVALID', 'key');
  });

  it('no key at all (ERR_KEY_INVALID)', async () => {
    const error = await issueCredential(unsignedCredential(key), {} as { key: Key<'ed25519'> }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MicrocredError);
    expect((error as MicrocredError).code).toBe('ERR_KEY_INVALID');
  });

  it.each([
    ['null', null],
    ['a list', []],
    ['a string', 'credential'],
  ])('input that is %s (ERR_INPUT_NOT_OBJECT)', async (_name, input) => {
    const error = await issueCredential(input as unknown as UnsignedCredential, { key, now: NOW }).catch(
      (e: unknown) => e,
    );
    expect((error as MicrocredError).code).toBe('ERR_INPUT_NOT_OBJECT');
  });

  it.each<[string, () => unknown, string]>([
    ['a function', () => ({ ...unsignedCredential(key), name: () => 'x' }), 'name'],
    [
      'a cycle',
      variant((c) => {
        c.credentialSubject.achievement.self = c.credentialSubject.achievement;
      }),
      'credentialSubject.achievement.self',
    ],
    [
      'a Date instead of a date string',
      () => ({ ...unsignedCredential(key), validFrom: new Date('2026-01-01T00:00:00Z') }),
      'validFrom',
    ],
    [
      'a bigint',
      variant((c) => {
        c.credentialSubject.achievement.creditsAvailable = 3n as unknown as number;
      }),
      'credentialSubject.achievement.creditsAvailable',
    ],
  ])('input holding %s (ERR_INPUT_NOT_OBJECT naming the path)', async (_name, make, path) => {
    const input = make();
    const error = await issueCredential(input as UnsignedCredential, { key, now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MicrocredError);
    expect({ code: (error as MicrocredError).code, path: (error as MicrocredError).details.path }).toEqual({
      code: 'ERR_INPUT_NOT_OBJECT',
      path,
    });
  });
});

describe('issueCredential, when it signs,', () => {
  it('never changes the input, and fills @context, id and validFrom only in its result', async () => {
    const input = unsignedCredential(key);
    delete input['@context'];
    delete input.validFrom;
    const before = clone(input);
    const signed = await issueCredential(input, { key, now: NOW });
    expect(input).toEqual(before);
    expect(signed['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(signed.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(signed.validFrom).toBe('2026-06-01T12:00:00Z');
    expect((await verifyCredential(signed, { now: NOW })).verified).toBe(true);
  });

  it('makes a DataIntegrityProof (eddsa-rdfc-2022) for assertionMethod, created at now, by the key', async () => {
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW });
    expect(signed.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      verificationMethod: key.id,
      created: '2026-06-01T12:00:00Z',
    });
    expect(signed.proof.proofValue).toMatch(/^z[1-9A-HJ-NP-Za-km-z]+$/);
  });

  it('gives two issues of the same input two different ids and independent proofs', async () => {
    const input = unsignedCredential(key);
    const first = await issueCredential(input, { key, now: NOW });
    const second = await issueCredential(input, { key, now: NOW });
    expect(first.id).not.toBe(second.id);
    expect(first.proof.proofValue).not.toBe(second.proof.proofValue);
    expect(first.proof).not.toBe(second.proof);
    expect('proof' in input).toBe(false);
    // Each proof belongs to its own credential only.
    expect((await verifyCredential({ ...clone(first), proof: clone(second.proof) }, { now: NOW })).authentic).toBe(
      false,
    );
    for (const signed of [first, second]) expect((await verifyCredential(signed, { now: NOW })).verified).toBe(true);
  });

  it('keeps an id the caller gives', async () => {
    const signed = await issueCredential(
      { ...unsignedCredential(key), id: 'https://pd.example.org/credentials/1' },
      { key, now: NOW },
    );
    expect(signed.id).toBe('https://pd.example.org/credentials/1');
  });

  it('accepts a subject identified by a hashed identifier instead of an id', async () => {
    const input = unsignedCredential(key);
    delete input.credentialSubject.id;
    input.credentialSubject.identifier = [
      {
        type: 'IdentityObject',
        identityType: 'emailAddress',
        hashed: true,
        identityHash: 'sha256$0d5c1b3e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c',
        salt: 'pepper',
      },
    ];
    const signed = await issueCredential(input, { key, now: NOW });
    expect((await verifyCredential(signed, { now: NOW })).verified).toBe(true);
  });

  it('reuses a loader the caller holds', async () => {
    const loader = new DocumentLoader();
    const signed = await issueCredential(unsignedCredential(key), { key, loader, now: NOW });
    expect((await verifyCredential(signed, { loader, now: NOW })).verified).toBe(true);
  });
});
