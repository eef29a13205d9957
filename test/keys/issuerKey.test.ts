// Issuer keys: Ed25519, bound to a controller DID, exported and imported as Multikey or JWK; the
// secret leaves only when asked for, and never through logging, JSON or an error message.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MicrocredError, didKeyOf, exportKey, generateKey, importKey, issueCredential, verifyCredential, type Key } from '../../src/index.js';
import { NOW, unsignedCredential } from '../helpers/credential.js';
import { rejection } from '../helpers/errors.js';

const base64urlBytes = (text: string) => Buffer.from(text, 'base64url').length;

async function secretOf(key: Key<'ed25519'>): Promise<{ multibase: string; d: string }> {
  const file = await exportKey(key, { includeSecret: true });
  const jwk = await exportKey(key, { format: 'jwk', includeSecret: true });
  return { multibase: file.secretKeyMultibase as string, d: jwk.d as string };
}

async function expectKeyError(promise: Promise<unknown>): Promise<MicrocredError> {
  return rejection(promise, 'ERR_KEY_INVALID');
}

describe('generateKey', () => {
  it('makes an Ed25519 key controlled by its did:key, able to sign', async () => {
    const key = await generateKey();
    expect(key.publicKeyMultibase).toMatch(/^z6Mk/);
    expect(key.publicKey).toHaveLength(32);
    expect(key.controller).toBe(didKeyOf(key.publicKeyMultibase));
    expect(key.id).toBe(`${key.controller}#${key.publicKeyMultibase}`);
    expect(key.canSign).toBe(true);
  });

  it('makes a different key each time', async () => {
    const [a, b] = await Promise.all([generateKey(), generateKey()]);
    expect(a.publicKeyMultibase).not.toBe(b.publicKeyMultibase);
  });

  it('binds the key to another controller when asked', async () => {
    const key = await generateKey({ controller: 'did:web:pd.example.org' });
    expect(key.controller).toBe('did:web:pd.example.org');
    expect(key.id).toBe(`did:web:pd.example.org#${key.publicKeyMultibase}`);
  });
});

describe('exportKey and importKey', () => {
  it('exports a public Multikey by default, without the secret', async () => {
    const key = await generateKey();
    const file = await exportKey(key);
    expect(file).toEqual({ '@context': 'https://w3id.org/security/multikey/v1', type: 'Multikey', id: key.id, controller: key.controller, publicKeyMultibase: key.publicKeyMultibase });
  });

  it('exports the secret as secretKeyMultibase only with includeSecret', async () => {
    const key = await generateKey();
    const file = await exportKey(key, { includeSecret: true });
    expect(file.secretKeyMultibase).toMatch(/^z/);
  });

  it('exports a JWK with a 32-byte d (the seed jose and WebCrypto expect) only with includeSecret', async () => {
    const key = await generateKey();
    const publicJwk = await exportKey(key, { format: 'jwk' });
    expect(publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: key.id });
    expect('d' in publicJwk).toBe(false);
    expect(base64urlBytes(publicJwk.x)).toBe(32);
    const secretJwk = await exportKey(key, { format: 'jwk', includeSecret: true });
    expect(base64urlBytes(secretJwk.d as string)).toBe(32);
  });

  it('round-trips through Multikey with its secret: the imported key signs credentials that verify', async () => {
    const key = await generateKey();
    const again = await importKey(await exportKey(key, { includeSecret: true }));
    expect({ id: again.id, controller: again.controller, publicKeyMultibase: again.publicKeyMultibase, canSign: again.canSign }).toEqual({ id: key.id, controller: key.controller, publicKeyMultibase: key.publicKeyMultibase, canSign: true });
    const signed = await issueCredential(unsignedCredential(again), { key: again, now: NOW });
    expect((await verifyCredential(signed, { now: NOW })).verified).toBe(true);
  });

  it('round-trips through JWK with its secret, to the same public key and secret', async () => {
    const key = await generateKey();
    const again = await importKey(await exportKey(key, { format: 'jwk', includeSecret: true }));
    expect(again.publicKeyMultibase).toBe(key.publicKeyMultibase);
    expect(again.canSign).toBe(true);
    expect(await secretOf(again)).toEqual(await secretOf(key));
  });

  it('imports a public-only key that cannot sign', async () => {
    const key = await generateKey();
    for (const exported of [await exportKey(key), await exportKey(key, { format: 'jwk' })]) {
      const publicOnly = await importKey(exported);
      expect(publicOnly.publicKeyMultibase).toBe(key.publicKeyMultibase);
      expect(publicOnly.canSign).toBe(false);
      expect(() => publicOnly.signer()).toThrow(MicrocredError);
    }
  });

  it('keeps the controller and id of a Multikey file, or takes them from options', async () => {
    const web = await generateKey({ controller: 'did:web:pd.example.org' });
    expect((await importKey(await exportKey(web))).id).toBe(web.id);
    const rebound = await importKey(await exportKey(web, { format: 'jwk' }), { controller: 'did:web:other.example.org' });
    expect(rebound.id).toBe(`did:web:other.example.org#${web.publicKeyMultibase}`);
  });

  it('refuses a secret that does not belong to the public key (ERR_KEY_INVALID)', async () => {
    const [a, b] = await Promise.all([generateKey(), generateKey()]);
    const fileA = await exportKey(a, { includeSecret: true });
    const fileB = await exportKey(b, { includeSecret: true });
    await expectKeyError(importKey({ ...fileA, secretKeyMultibase: fileB.secretKeyMultibase }));
    const jwkA = await exportKey(a, { format: 'jwk', includeSecret: true });
    const jwkB = await exportKey(b, { format: 'jwk', includeSecret: true });
    await expectKeyError(importKey({ ...jwkA, d: jwkB.d }));
  });

  it.each<[string, unknown]>([
    ['nothing', undefined],
    ['a string', 'z6Mk'],
    ['an empty object', {}],
    ['a P-256 JWK', { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA' }],
    ['an X25519 JWK', { kty: 'OKP', crv: 'X25519', x: 'AAAA' }],
    ['a JWK with a short x', { kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }],
    ['a JWK with a 64-byte d', { kty: 'OKP', crv: 'Ed25519', x: Buffer.alloc(32, 1).toString('base64url'), d: Buffer.alloc(64, 2).toString('base64url') }],
    ['a JWK with x that is not base64url', { kty: 'OKP', crv: 'Ed25519', x: '!!not base64!!' }],
    ['a Multikey that is not base58', { publicKeyMultibase: 'z0OIl' }],
    ['a Multikey of another curve', { publicKeyMultibase: 'zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169' }],
  ])('refuses %s (ERR_KEY_INVALID)', async (_name, input) => {
    await expectKeyError(importKey(input));
  });

  it('refuses an id that is not a fragment of its controller', async () => {
    const key = await generateKey();
    const file = await exportKey(key);
    await expectKeyError(importKey({ ...file, id: 'did:key:z6MkSomeoneElse#key-1' }));
  });
});

describe('the secret stays secret', () => {
  it('never appears in JSON.stringify, util.inspect, String() or the enumerable properties of a key', async () => {
    const key = await generateKey();
    const { multibase, d } = await secretOf(key);
    const seedHex = Buffer.from(d, 'base64url').toString('hex');
    const seedBase64 = Buffer.from(d, 'base64url').toString('base64');
    for (const shown of [JSON.stringify(key), inspect(key, { depth: 10, showHidden: true }), String(key), JSON.stringify({ ...key }), inspect({ nested: { key } }, { depth: 10 })]) {
      for (const secret of [multibase, d, seedHex, seedBase64]) expect(shown).not.toContain(secret);
    }
    expect(JSON.parse(JSON.stringify(key))).toEqual(await exportKey(key).then(({ '@context': _c, ...rest }) => rest));
  });

  it('never appears in the errors importKey raises', async () => {
    const [a, b] = await Promise.all([generateKey(), generateKey()]);
    const fileA = await exportKey(a, { includeSecret: true });
    const secretB = await secretOf(b);
    const attempts = [
      importKey({ ...fileA, secretKeyMultibase: secretB.multibase }),
      importKey({ kty: 'OKP', crv: 'Ed25519', x: (await exportKey(a, { format: 'jwk' })).x, d: secretB.d }),
      importKey({ publicKeyMultibase: 'z6Mk-not-a-key', secretKeyMultibase: secretB.multibase }),
      importKey({ kty: 'OKP', crv: 'Ed25519', x: 'short', d: secretB.d }),
    ];
    for (const attempt of attempts) {
      const error = await expectKeyError(attempt);
      const shown = [error.message, JSON.stringify(error.details), inspect(error, { depth: 10 }), String(error.cause ?? '')].join('\n');
      for (const secret of [secretB.multibase, secretB.d, fileA.secretKeyMultibase as string]) expect(shown).not.toContain(secret);
    }
  });

  it('a signer made from the key carries only its id and algorithm', async () => {
    const key = await generateKey();
    const { d } = await secretOf(key);
    const signer = key.signer();
    expect(signer).toMatchObject({ id: key.id, algorithm: 'Ed25519' });
    expect(JSON.stringify(signer)).not.toContain(d);
    expect(inspect(signer, { showHidden: true, depth: 10 })).not.toContain(d);
  });
});
