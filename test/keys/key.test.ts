// One key type: Ed25519, P-256 and RSA keys, bound to a controller, exported and imported as Multikey
// or JWK; the secret leaves only when asked for, and never through logging, JSON or an error message.
// A key makes only the proofs its type can, and says so before any work.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { inspect } from 'node:util';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as jose from 'jose';
import { describe, expect, it } from 'vitest';
import {
  DocumentLoader,
  Key,
  MemoryStatusStore,
  MicrocredError,
  StatusRegistry,
  didKeyOf,
  didWebDocument,
  exportKey,
  generateKey,
  importKey,
  issueCredential,
  verifyCredential,
  type KeyType,
} from '../../src/index.js';
import { NOW, unsignedCredential } from '../helpers/credential.js';
import { rejection } from '../helpers/errors.js';

const TYPES: KeyType[] = ['ed25519', 'p256', 'rsa'];
const FORMATS = ['multikey', 'jwk'] as const;
const DID = 'did:web:pd.example.org';
const base64urlBytes = (text: string) => Buffer.from(text, 'base64url').length;

/** Every secret string of a key's exports (JWK private members, secretKeyMultibase), cut into 8-character runs. */
async function secretRunsOf(key: Key): Promise<string[]> {
  const jwk = (await exportKey(key, { format: 'jwk', includeSecret: true })) as Record<string, unknown>;
  const file = await exportKey(key, { format: 'multikey', includeSecret: true });
  const forms = [...['d', 'p', 'q', 'dp', 'dq', 'qi'].map((m) => jwk[m]), file.secretKeyMultibase].filter(
    (v): v is string => typeof v === 'string',
  );
  forms.push(
    Buffer.from(jwk.d as string, 'base64url').toString('hex'),
    Buffer.from(jwk.d as string, 'base64url').toString('base64'),
  );
  return [...new Set(forms.flatMap((f) => Array.from({ length: f.length - 7 }, (_, i) => f.slice(i, i + 8))))];
}

/** A VC-JWT by `key` for `key`'s controller (or the did:web, for a key with none), and the loader that finds the key. */
async function jwtBy(key: Key): Promise<{ jwt: string; loader: DocumentLoader }> {
  const controller = key.controller ?? DID;
  const jwt = await issueCredential(unsignedCredential({ controller }), { key, format: 'jwt', now: NOW });
  const documents = controller === DID ? { [DID]: didWebDocument('pd.example.org', [key]) } : {};
  return { jwt, loader: new DocumentLoader({ documents }) };
}

describe('generateKey', () => {
  it('makes an Ed25519 key by default, controlled by its did:key, able to make every proof', async () => {
    const key = await generateKey();
    expect(key).toBeInstanceOf(Key);
    expect(key.type).toBe('ed25519');
    expect(key.publicKeyMultibase).toMatch(/^z6Mk/);
    expect(key.publicKey).toHaveLength(32);
    expect(key.controller).toBe(didKeyOf(key.publicKeyMultibase));
    expect(key.id).toBe(`${key.controller}#${key.publicKeyMultibase}`);
    expect([key.canSign, key.proofs, key.jwtAlgorithm]).toEqual([
      true,
      ['eddsa-rdfc-2022', 'Ed25519Signature2020', 'jwt'],
      'EdDSA',
    ]);
  });

  it('makes a P-256 key named by its did:key (zDn…), for ecdsa-rdfc-2019 and ecdsa-sd-2023 proofs and ES256 VC-JWTs', async () => {
    const key = await generateKey({ type: 'p256' });
    expect(key.type).toBe('p256');
    expect(key.publicKeyMultibase).toMatch(/^zDn/);
    expect(key.id).toBe(`did:key:${key.publicKeyMultibase}#${key.publicKeyMultibase}`);
    expect(key.controller).toBe(`did:key:${key.publicKeyMultibase}`);
    expect([key.canSign, key.proofs, key.jwtAlgorithm]).toEqual([
      true,
      ['ecdsa-rdfc-2019', 'ecdsa-sd-2023', 'jwt'],
      'ES256',
    ]);
  });

  it('makes a 2048-bit RSA key with no name unless given a controller, for RS256 VC-JWTs only', async () => {
    const key = await generateKey({ type: 'rsa' });
    expect(key.type).toBe('rsa');
    expect([key.id, key.controller]).toEqual([undefined, undefined]);
    expect(key.publicJwk.kty === 'RSA' && base64urlBytes(key.publicJwk.n)).toBe(256);
    expect([key.canSign, key.proofs, key.jwtAlgorithm]).toEqual([true, ['jwt'], 'RS256']);
  });

  it('binds each type to another controller: #multibase for Ed25519, #thumbprint for P-256 and RSA', async () => {
    const [ed25519, p256, rsa] = await Promise.all(TYPES.map((type) => generateKey({ type, controller: DID })));
    expect([ed25519?.controller, p256?.controller, rsa?.controller]).toEqual([DID, DID, DID]);
    expect(ed25519?.id).toBe(`${DID}#${ed25519?.publicKeyMultibase}`);
    expect(p256?.id).toBe(`${DID}#${p256?.thumbprint}`);
    expect(rsa?.id).toBe(`${DID}#${rsa?.thumbprint}`);
    // The thumbprint is RFC 7638's, as jose computes it.
    expect(rsa?.thumbprint).toBe(await jose.calculateJwkThumbprint(rsa?.publicJwk as jose.JWK));
  });

  it('makes a different key each time, and refuses an unknown type (ERR_FIELD_INVALID)', async () => {
    const [a, b] = await Promise.all([generateKey({ type: 'p256' }), generateKey({ type: 'p256' })]);
    expect(a.publicKeyMultibase).not.toBe(b.publicKeyMultibase);
    expect((await rejection(generateKey({ type: 'secp256k1' as KeyType }), 'ERR_FIELD_INVALID')).details.path).toBe(
      'type',
    );
  });
});

describe('exportKey and importKey: every type, both formats', () => {
  it.each(TYPES.flatMap((type) => FORMATS.map((format) => [type, format] as const)))(
    '%s as %s: round-trips with its secret to a key that signs VC-JWTs that verify',
    async (type, format) => {
      const key = await generateKey({ type, controller: DID });
      const exported = await exportKey(key, { format, includeSecret: true });
      const again = await importKey(JSON.parse(JSON.stringify(exported)));
      expect({
        type: again.type,
        id: again.id,
        controller: again.controller,
        publicKeyMultibase: again.publicKeyMultibase,
        canSign: again.canSign,
      }).toEqual({
        type,
        id: key.id,
        controller: key.controller,
        publicKeyMultibase: key.publicKeyMultibase,
        canSign: true,
      });
      expect(again.publicJwk).toEqual(key.publicJwk);
      // The same secret, whichever format carried it.
      expect(await exportKey(again, { format: 'jwk', includeSecret: true })).toEqual(
        await exportKey(key, { format: 'jwk', includeSecret: true }),
      );
      const { jwt, loader } = await jwtBy(again);
      expect(await verifyCredential(jwt, { now: NOW, loader })).toMatchObject({ verified: true });
    },
  );

  it.each(TYPES.flatMap((type) => FORMATS.map((format) => [type, format] as const)))(
    '%s as %s: without includeSecret, exports no secret and imports a key that cannot sign',
    async (type, format) => {
      const key = await generateKey({ type, controller: DID });
      const exported = (await exportKey(key, { format })) as Record<string, unknown>;
      for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'secretKeyMultibase'])
        expect(exported).not.toHaveProperty(member);
      const publicOnly = await importKey(exported);
      expect([publicOnly.publicKeyMultibase, publicOnly.canSign]).toEqual([key.publicKeyMultibase, false]);
      await rejection(publicOnly.sign(new Uint8Array(1)), 'ERR_KEY_INVALID');
    },
  );

  it('exports each type in the format its verifiers read by default: Multikey for Ed25519, JWK (with alg and kid) for P-256 and RSA', async () => {
    const [ed25519, p256, rsa] = await Promise.all(TYPES.map((type) => generateKey({ type, controller: DID })));
    expect(await exportKey(ed25519 as Key<'ed25519'>)).toEqual({
      '@context': 'https://w3id.org/security/multikey/v1',
      type: 'Multikey',
      id: ed25519?.id,
      controller: DID,
      publicKeyMultibase: ed25519?.publicKeyMultibase,
    });
    expect(Object.keys(await exportKey(p256 as Key<'p256'>)).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'x', 'y']);
    expect(await exportKey(rsa as Key<'rsa'>)).toEqual({ ...rsa?.publicJwk, alg: 'RS256', kid: rsa?.id });
    expect(await exportKey(ed25519 as Key, { format: 'jwk' })).toEqual({
      ...ed25519?.publicJwk,
      alg: 'EdDSA',
      kid: ed25519?.id,
    });
  });

  it('an Ed25519 JWK carries the 32-byte seed as d (what jose and WebCrypto expect), and jose signs with it', async () => {
    const key = await generateKey();
    const jwk = await exportKey(key, { format: 'jwk', includeSecret: true });
    expect(base64urlBytes(jwk.d as string)).toBe(32);
    const { kid: _kid, ...bare } = jwk;
    const token = await new jose.SignJWT({ a: 1 })
      .setProtectedHeader({ alg: 'EdDSA' })
      .sign(await jose.importJWK(bare as jose.JWK, 'EdDSA'));
    await expect(
      jose.jwtVerify(token, await jose.importJWK(key.publicJwk as jose.JWK, 'EdDSA')),
    ).resolves.toBeDefined();
  });

  it('an RSA Multikey holds PKCS #1 DER, as node:crypto reads it (rsa-pub, rsa-priv)', async () => {
    const key = await generateKey({ type: 'rsa' });
    const file = await exportKey(key, { format: 'multikey', includeSecret: true });
    const der = (multibase: string, header: number[]) => {
      const bytes = Buffer.from(base58(multibase.slice(1)));
      expect([...bytes.subarray(0, 2)]).toEqual(header);
      return bytes.subarray(2);
    };
    const publicKey = createPublicKey({
      key: der(file.publicKeyMultibase, [0x85, 0x24]),
      format: 'der',
      type: 'pkcs1',
    });
    expect(publicKey.export({ format: 'jwk' })).toEqual(key.publicJwk);
    const privateKey = createPrivateKey({
      key: der(file.secretKeyMultibase as string, [0x85, 0x26]),
      format: 'der',
      type: 'pkcs1',
    });
    expect(privateKey.export({ format: 'jwk' })).toEqual(
      await exportKey(key, { format: 'jwk', includeSecret: true }).then(({ alg: _a, kid: _k, ...jwk }) => jwk),
    );
  });

  it('a P-256 Multikey is read by @digitalbazaar/ecdsa-multikey, whose signature verifies under the key', async () => {
    const key = await generateKey({ type: 'p256' });
    const file = await exportKey(key, { format: 'multikey', includeSecret: true });
    const pair = await EcdsaMultikey.from({ ...file, '@context': 'https://w3id.org/security/multikey/v1' });
    const data = new TextEncoder().encode('signed elsewhere');
    const signature = await pair.signer().sign({ data });
    const verifier = await globalThis.crypto.subtle.importKey(
      'jwk',
      key.publicJwk,
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    expect(await globalThis.crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, verifier, signature, data)).toBe(
      true,
    );
  });

  it('keeps the name a file gives, or takes it from options (a controller alone re-names the key under it)', async () => {
    const web = await generateKey({ controller: DID });
    expect((await importKey(await exportKey(web))).id).toBe(web.id);
    expect((await importKey(await exportKey(web, { format: 'jwk' }))).id).toBe(web.id);
    const rebound = await importKey(await exportKey(web, { format: 'jwk' }), {
      controller: 'did:web:other.example.org',
    });
    expect(rebound.id).toBe(`did:web:other.example.org#${web.publicKeyMultibase}`);
    const rsa = await generateKey({ type: 'rsa' });
    const named = await importKey(await exportKey(rsa), {
      id: 'https://pd.example.org/keys/1',
      controller: 'https://pd.example.org/issuer',
    });
    expect([named.id, named.controller]).toEqual(['https://pd.example.org/keys/1', 'https://pd.example.org/issuer']);
  });

  it.each(TYPES)(
    'refuses a %s secret that belongs to another key, in either format (ERR_KEY_INVALID)',
    async (type) => {
      const [a, b] = await Promise.all([generateKey({ type }), generateKey({ type })]);
      const [fileA, fileB] = await Promise.all(
        [a, b].map((k) => exportKey(k, { format: 'multikey', includeSecret: true })),
      );
      await rejection(importKey({ ...fileA, secretKeyMultibase: fileB?.secretKeyMultibase }), 'ERR_KEY_INVALID');
      const [jwkA, jwkB] = await Promise.all([a, b].map((k) => exportKey(k, { format: 'jwk', includeSecret: true })));
      const {
        kty: _t,
        alg: _a,
        kid: _k,
        ...publicB
      } = (await exportKey(b, { format: 'jwk' })) as Record<string, unknown>;
      await rejection(importKey({ ...jwkA, ...publicB }), 'ERR_KEY_INVALID');
      await rejection(importKey({ ...jwkA, d: jwkB?.d }), 'ERR_KEY_INVALID');
    },
  );

  it.each<[string, unknown]>([
    ['nothing', undefined],
    ['a string', 'z6Mk'],
    ['an empty object', {}],
    ['a P-256 JWK with short coordinates', { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA' }],
    ['a P-384 JWK', { kty: 'EC', crv: 'P-384', x: 'AAAA', y: 'AAAA' }],
    ['an X25519 JWK', { kty: 'OKP', crv: 'X25519', x: 'AAAA' }],
    ['a JWK with a short x', { kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }],
    [
      'a JWK with a 64-byte d',
      {
        kty: 'OKP',
        crv: 'Ed25519',
        x: Buffer.alloc(32, 1).toString('base64url'),
        d: Buffer.alloc(64, 2).toString('base64url'),
      },
    ],
    ['a JWK with x that is not base64url', { kty: 'OKP', crv: 'Ed25519', x: '!!not base64!!' }],
    ['a symmetric JWK', { kty: 'oct', k: 'c2VjcmV0' }],
    ['a Multikey that is not base58', { publicKeyMultibase: 'z0OIl' }],
    [
      'a Multikey of another curve (secp256k1)',
      { publicKeyMultibase: 'zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme' },
    ],
  ])('refuses %s (ERR_KEY_INVALID)', async (_name, input) => {
    await rejection(importKey(input), 'ERR_KEY_INVALID');
  });

  it("refuses a JWK whose alg is not its type's, an RSA key under 2048 bits, and an id that is not a fragment of its controller", async () => {
    const p256 = await generateKey({ type: 'p256' });
    await rejection(importKey({ ...(await exportKey(p256)), alg: 'RS256' }), 'ERR_KEY_INVALID');
    const { publicKey } = await globalThis.crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]) },
      true,
      ['sign', 'verify'],
    );
    const weak = await rejection(
      importKey(await globalThis.crypto.subtle.exportKey('jwk', publicKey)),
      'ERR_KEY_INVALID',
    );
    expect(weak.message).toContain('2048');
    await rejection(
      importKey({ ...(await exportKey(await generateKey())), id: 'did:key:z6MkSomeoneElse#key-1' }),
      'ERR_KEY_INVALID',
    );
  });
});

describe('a key makes only the proofs its type can, and says so before any work', () => {
  it.each<[KeyType, 'eddsa-rdfc-2022' | 'Ed25519Signature2020', RegExp]>([
    ['p256', 'eddsa-rdfc-2022', /^A P-256 key cannot make an eddsa-rdfc-2022 proof; it makes ecdsa-rdfc-2019 proofs/],
    ['p256', 'Ed25519Signature2020', /^A P-256 key cannot make an Ed25519Signature2020 proof/],
    ['rsa', 'eddsa-rdfc-2022', /^A RSA key cannot make an eddsa-rdfc-2022 proof; it signs VC-JWTs \(RS256\) only/],
    ['rsa', 'Ed25519Signature2020', /^A RSA key cannot make an Ed25519Signature2020 proof/],
  ])(
    'a %s key asked for %s: ERR_KEY_PROOF_UNSUPPORTED naming both, before the draft is read or a status index spent',
    async (type, suite, message) => {
      const key = await generateKey({ type, controller: DID });
      let asked = 0;
      const status = {
        entriesFor: async () => {
          asked++;
          return [];
        },
      };
      // An invalid draft: were it checked first, the error would name its field instead.
      const error = await rejection(
        issueCredential({ ...unsignedCredential(key), name: '' }, { key, suite, status, now: NOW }),
        'ERR_KEY_PROOF_UNSUPPORTED',
      );
      expect(error.message).toMatch(message);
      expect(error.details).toMatchObject({ path: 'key', keyType: type, proof: suite });
      expect(asked).toBe(0);
      if (type === 'rsa') expect(() => key.signer()).toThrow(MicrocredError);
    },
  );

  it('the default (Data Integrity) format with a P-256 key makes ecdsa-rdfc-2019; format jwt signs ES256', async () => {
    const key = await generateKey({ type: 'p256' });
    const signed = await issueCredential(unsignedCredential(key), { key, now: NOW });
    expect(signed.proof).toMatchObject({ cryptosuite: 'ecdsa-rdfc-2019' });
    expect(await verifyCredential(signed, { now: NOW })).toMatchObject({ verified: true });
    const jwt = await issueCredential(unsignedCredential(key), { key, format: 'jwt', now: NOW });
    expect(await verifyCredential(jwt, { now: NOW })).toMatchObject({ verified: true });
  });

  it('an Ed25519 key makes both Data Integrity suites and a VC-JWT, and every one verifies', async () => {
    const key = await generateKey();
    for (const suite of ['eddsa-rdfc-2022', 'Ed25519Signature2020'] as const) {
      expect(
        await verifyCredential(await issueCredential(unsignedCredential(key), { key, suite, now: NOW }), { now: NOW }),
      ).toMatchObject({ verified: true });
    }
    expect(
      await verifyCredential(await issueCredential(unsignedCredential(key), { key, format: 'jwt', now: NOW }), {
        now: NOW,
      }),
    ).toMatchObject({ verified: true });
  });

  it('a StatusRegistry refuses a key that cannot sign its lists (ERR_KEY_PROOF_UNSUPPORTED)', async () => {
    const key = await generateKey({ type: 'rsa', controller: DID });
    expect(() => new StatusRegistry({ store: new MemoryStatusStore(), key })).toThrow(
      expect.objectContaining({ code: 'ERR_KEY_PROOF_UNSUPPORTED' }),
    );
  });
});

describe('the secret stays secret, for every key type', () => {
  it.each(TYPES)(
    '%s: never in JSON.stringify, util.inspect, String(), spread, structuredClone, a DID document or a re-bound key',
    async (type) => {
      const key = await generateKey({ type });
      const secrets = await secretRunsOf(key);
      expect(secrets.length).toBeGreaterThan(0);
      const shown = [
        JSON.stringify(key),
        inspect(key, { depth: 10, showHidden: true, getters: true }),
        String(key),
        JSON.stringify({ ...key }),
        inspect({ nested: { key } }, { depth: 10 }),
        inspect(structuredClone(key), { showHidden: true }),
        JSON.stringify(Object.entries(key)),
        JSON.stringify(didWebDocument('pd.example.org', [key])),
        inspect(key.withController(DID), { showHidden: true }),
        JSON.stringify(await exportKey(key, { format: 'jwk' })),
        JSON.stringify(await exportKey(key, { format: 'multikey' })),
      ];
      for (const text of shown)
        for (const secret of secrets)
          expect(text.includes(secret), `a secret appeared in ${text.slice(0, 120)}`).toBe(false);
      expect(inspect(key)).toContain('secret: [hidden]');
      expect(JSON.parse(JSON.stringify(key))).toEqual(
        await exportKey(key, { format: 'multikey' }).then(({ '@context': _c, ...rest }) => rest),
      );
    },
  );

  it.each(TYPES)(
    '%s: never in the errors importKey raises for a mismatched, truncated or malformed secret',
    async (type) => {
      const [a, b] = await Promise.all([generateKey({ type }), generateKey({ type })]);
      const fileA = await exportKey(a, { format: 'multikey', includeSecret: true });
      const fileB = await exportKey(b, { format: 'multikey', includeSecret: true });
      const jwkB = await exportKey(b, { format: 'jwk', includeSecret: true });
      const {
        kty: _t,
        alg: _a,
        kid: _k,
        ...publicA
      } = (await exportKey(a, { format: 'jwk' })) as Record<string, unknown>;
      const secrets = [...(await secretRunsOf(b)), ...(await secretRunsOf(a))];
      const attempts = [
        () => importKey({ ...fileA, secretKeyMultibase: fileB.secretKeyMultibase }),
        () => importKey({ ...jwkB, ...publicA }),
        () => importKey({ ...fileB, secretKeyMultibase: (fileB.secretKeyMultibase as string).slice(0, -3) }),
        () => importKey({ ...jwkB, d: (jwkB.d as string).slice(0, -2) }),
        () => importKey({ ...fileB, publicKeyMultibase: 'z6Mk-not-a-key' }),
        () => importKey({ secretKeyMultibase: fileB.secretKeyMultibase }),
      ];
      for (const attempt of attempts) {
        const error = await rejection(attempt(), 'ERR_KEY_INVALID');
        const shown = [
          error.message,
          JSON.stringify(error.details),
          inspect(error, { depth: 10 }),
          String(error.cause ?? ''),
        ].join('\n');
        for (const secret of secrets)
          expect(shown.includes(secret), `a secret appeared in ${error.message}`).toBe(false);
      }
    },
  );

  it('a signer made from an Ed25519 key carries only its id and algorithm', async () => {
    const key = await generateKey();
    const signer = key.signer();
    expect(signer).toMatchObject({ id: key.id, algorithm: 'Ed25519' });
    for (const secret of await secretRunsOf(key)) {
      expect(JSON.stringify(signer)).not.toContain(secret);
      expect(inspect(signer, { showHidden: true, depth: 10 })).not.toContain(secret);
    }
  });
});

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58(text: string): Uint8Array {
  let value = 0n;
  for (const c of text) value = value * 58n + BigInt(BASE58.indexOf(c));
  const bytes: number[] = [];
  for (; value > 0n; value /= 256n) bytes.unshift(Number(value % 256n));
  return Uint8Array.from(bytes);
}
