// Issuing VC-JWTs in the OB 3.0 encoding with EdDSA, ES256 and RS256: what microcred signs, jose
// verifies (and the other way round); invalid input is refused before signing; secrets stay secret.
import { inspect } from 'node:util';
import * as jose from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DocumentLoader, Key, JwtKey, MicrocredError, didWebDocument, didWebKey, exportKey, generateJwtKey, generateKey, importJwtKey, issueCredentialJwt, verifyCredential,
} from '../../src/index.js';
import { NOW, check, unsignedCredential } from '../helpers/credential.js';
import { newRegistry, published } from '../status/helpers.js';
import { rejection } from '../helpers/errors.js';
import { decodePart, partsOf } from './helpers.js';

const DOMAIN = 'pd.example.org';
const DID = 'did:web:pd.example.org';

let ed25519: Key<'ed25519'>;
let p256: JwtKey;
let rsa: JwtKey;
let loader: DocumentLoader;

beforeAll(async () => {
  [ed25519, p256, rsa] = await Promise.all([generateKey(), generateJwtKey({ alg: 'ES256' }), generateJwtKey({ alg: 'RS256' })]);
  rsa = didWebKey(DID, rsa);
  loader = new DocumentLoader({ documents: { [DID]: didWebDocument(DOMAIN, [rsa]) } });
});

/** The public key jose verifies with, taken from microcred's public export (no secret in it). */
async function joseKeyOf(key: Key<'ed25519'> | JwtKey): Promise<jose.CryptoKey> {
  const jwk = key instanceof JwtKey ? await exportKey(key) : await exportKey(key, { format: 'jwk' });
  expect(jwk).not.toHaveProperty('d');
  const { kid: _kid, alg: _alg, ...publicJwk } = jwk as Record<string, unknown>;
  return (await jose.importJWK(publicJwk as jose.JWK, key instanceof JwtKey ? key.alg : 'EdDSA')) as jose.CryptoKey;
}

describe('issueCredentialJwt', () => {
  it.each([['EdDSA', () => ed25519], ['ES256', () => p256], ['RS256', () => rsa]] as const)('signs with %s: jose verifies it, and so does microcred', async (alg, keyOf) => {
    const key = keyOf();
    const credential = unsignedCredential({ controller: key.controller } as Key<'ed25519'>, { validUntil: '2027-01-15T09:00:00Z' });
    const jwt = await issueCredentialJwt(credential, { key, now: NOW });

    const { payload, protectedHeader } = await jose.jwtVerify(jwt, await joseKeyOf(key), { algorithms: [alg], typ: 'JWT', issuer: key.controller as string, currentDate: NOW });
    expect(protectedHeader).toEqual({ alg, typ: 'JWT', kid: key.id });
    expect(payload).toMatchObject({
      iss: key.controller,
      sub: 'did:example:teacher-42',
      nbf: Date.parse('2026-01-15T09:00:00Z') / 1000,
      exp: Date.parse('2027-01-15T09:00:00Z') / 1000,
      jti: expect.stringMatching(/^urn:uuid:/),
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      name: credential.name,
      issuer: credential.issuer,
    });
    expect(payload.jti).toBe(payload.id);

    const report = await verifyCredential(jwt, { now: NOW, loader });
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report).toMatchObject({ verified: true, format: 'vc-jwt', credential: { proof: { type: 'VC-JWT', alg, verificationMethod: key.id } } });
  });

  it('puts the public key in a jwk header for an RSA key without an id (bound once the issuer lists it)', async () => {
    const bare = await generateJwtKey({ alg: 'RS256' });
    expect(bare.id).toBeUndefined();
    const jwt = await issueCredentialJwt(unsignedCredential({ controller: DID }), { key: bare, now: NOW });
    const header = decodePart(partsOf(jwt)[0]);
    expect(header).toEqual({ alg: 'RS256', typ: 'JWT', jwk: bare.publicJwk });
    await expect(jose.jwtVerify(jwt, jose.EmbeddedJWK, { currentDate: NOW })).resolves.toBeDefined();

    const listing = new DocumentLoader({ documents: { [DID]: didWebDocument(DOMAIN, [bare]) } });
    expect(await verifyCredential(jwt, { now: NOW, loader: listing })).toMatchObject({ verified: true });
    expect(await verifyCredential(jwt, { now: NOW })).toMatchObject({ authentic: false, summary: 'could-not-check' });
  });

  it('signs with an Ed25519 key of a did:web, found as a Multikey in its DID document', async () => {
    const webKey = ed25519.withController(DID);
    const jwt = await issueCredentialJwt(unsignedCredential(webKey), { key: webKey, now: NOW });
    expect(decodePart(partsOf(jwt)[0]).kid).toBe(`${DID}#${ed25519.publicKeyMultibase}`);
    const documents = { [DID]: didWebDocument(DOMAIN, [ed25519, rsa]) };
    expect(await verifyCredential(jwt, { now: NOW, loader: new DocumentLoader({ documents }) })).toMatchObject({ verified: true });
  });

  it('carries status entries from a StatusRegistry; a revoked VC-JWT is authentic but fails ERR_REVOKED', async () => {
    const { key, registry } = await newRegistry();
    await registry.createLists();
    const jwt = await issueCredentialJwt(unsignedCredential(key), { key, now: NOW, status: registry });
    const { credentialStatus, jti } = decodePart(partsOf(jwt)[1]);
    expect(credentialStatus).toHaveLength(2);
    expect(await verifyCredential(jwt, { now: NOW, loader: published(...(await registry.publish())) })).toMatchObject({ verified: true });
    await registry.revoke(jti as string);
    const revoked = await verifyCredential(jwt, { now: NOW, loader: published(...(await registry.publish())) });
    expect(check(revoked, 'status')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_REVOKED' } });
    expect(revoked).toMatchObject({ authentic: true, verified: false });
  });

  it('fills in id and validFrom, and omits sub and exp when the credential has no subject id or validUntil', async () => {
    const credential = unsignedCredential(ed25519);
    delete (credential as Record<string, unknown>).validFrom;
    credential.credentialSubject = { ...credential.credentialSubject, id: undefined, identifier: [{ type: 'IdentityObject', identityHash: 'sha256$00', identityType: 'emailAddress', hashed: true, salt: 's' }] };
    delete credential.credentialSubject.id;
    const payload = decodePart(partsOf(await issueCredentialJwt(credential, { key: ed25519, now: NOW }))[1]);
    expect(payload.validFrom).toBe('2026-06-01T12:00:00Z');
    expect(payload.nbf).toBe(NOW.getTime() / 1000);
    expect(payload).not.toHaveProperty('sub');
    expect(payload).not.toHaveProperty('exp');
  });

  it('refuses invalid input before signing, naming the field, as issueCredential does', async () => {
    const noName = { ...unsignedCredential(ed25519), name: '' };
    const error = await rejection(issueCredentialJwt(noName, { key: ed25519, now: NOW }), 'ERR_FIELD_REQUIRED');
    expect(error.details.path).toBe('name');
    const otherIssuer = unsignedCredential({ controller: 'did:example:someone-else' });
    expect((await rejection(issueCredentialJwt(otherIssuer, { key: p256, now: NOW }), 'ERR_ISSUER_MISMATCH')).details.path).toBe('issuer.id');
    const badDate = unsignedCredential(ed25519, { validUntil: 'next year' });
    expect((await rejection(issueCredentialJwt(badDate, { key: ed25519, now: NOW }), 'ERR_DATE_INVALID')).details.path).toBe('validUntil');
    const undefinedTerm = unsignedCredential(ed25519, { favouriteColour: 'blue' });
    expect((await rejection(issueCredentialJwt(undefinedTerm, { key: ed25519, now: NOW }), 'ERR_TERM_UNDEFINED')).details.path).toBe('favouriteColour');
  });

  it('refuses a key that cannot sign', async () => {
    const publicOnly = await importJwtKey(await exportKey(p256));
    expect(publicOnly.canSign).toBe(false);
    await rejection(issueCredentialJwt(unsignedCredential({ controller: p256.controller }), { key: publicOnly }), 'ERR_KEY_INVALID');
    await rejection(issueCredentialJwt(unsignedCredential(ed25519), { key: {} as Key<'ed25519'> }), 'ERR_KEY_INVALID');
  });
});

describe('JwtKey', () => {
  it('names a P-256 key by its did:key (zDn…) and an RSA key by nothing unless told', async () => {
    expect(p256.id).toMatch(/^did:key:zDn[1-9A-HJ-NP-Za-km-z]+#zDn/);
    expect(p256.controller).toBe(p256.id?.split('#')[0]);
    expect(rsa.id).toBe(`${DID}#${rsa.thumbprint}`);
    expect(rsa.controller).toBe(DID);
    const named = await generateJwtKey({ alg: 'RS256', id: 'https://pd.example.org/keys/1', controller: 'https://pd.example.org/issuer' });
    expect([named.id, named.controller]).toEqual(['https://pd.example.org/keys/1', 'https://pd.example.org/issuer']);
  });

  it('exports and imports as a JWK, with the secret only when asked, and signs the same after a round trip', async () => {
    for (const key of [p256, rsa]) {
      const publicOnly = await exportKey(key);
      expect(Object.keys(publicOnly).sort()).toEqual(key.alg === 'ES256' ? ['alg', 'crv', 'kid', 'kty', 'x', 'y'] : ['alg', 'e', 'kid', 'kty', 'n']);
      const backup = await exportKey(key, { includeSecret: true });
      expect(backup).toHaveProperty('d');
      const restored = await importJwtKey(JSON.parse(JSON.stringify(backup)));
      expect([restored.id, restored.controller, restored.alg, restored.canSign]).toEqual([key.id, key.controller, key.alg, true]);
      const jwt = await issueCredentialJwt(unsignedCredential({ controller: key.controller }), { key: restored, now: NOW });
      expect(await verifyCredential(jwt, { now: NOW, loader })).toMatchObject({ verified: true });
    }
  });

  it('refuses a private part that is not the public key\'s, and keys of other kinds, without quoting them', async () => {
    const other = await exportKey(await generateJwtKey({ alg: 'ES256' }), { includeSecret: true });
    const mixed = { ...(await exportKey(p256)), d: other.d };
    const error = await rejection(importJwtKey(mixed), 'ERR_KEY_INVALID');
    expect(error.message).not.toContain(other.d as string);
    await rejection(importJwtKey({ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }), 'ERR_KEY_INVALID');
    await rejection(importJwtKey({ kty: 'EC', crv: 'P-384', x: 'AAAA', y: 'AAAA' }), 'ERR_KEY_INVALID');
    await rejection(importJwtKey({ ...(await exportKey(p256)), alg: 'RS256' }), 'ERR_KEY_INVALID');
    await rejection(generateJwtKey({ alg: 'HS256' as 'ES256' }), 'ERR_FIELD_INVALID');
  });

  it('never shows its secret in JSON, inspect output or errors', async () => {
    for (const key of [p256, rsa]) {
      const { d, p, q } = (await exportKey(key, { includeSecret: true })) as Record<string, string | undefined>;
      const secrets = [d, p, q].filter((s): s is string => s !== undefined);
      expect(secrets.length).toBeGreaterThan(0);
      const shown = [JSON.stringify(key), inspect(key), inspect(key, { showHidden: true, depth: 10 }), String(key), JSON.stringify(didWebDocument(DOMAIN, [key]))];
      const publicOnly = await importJwtKey(await exportKey(key));
      const failure = await publicOnly.sign(new Uint8Array(1)).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(MicrocredError);
      shown.push((failure as MicrocredError).message, JSON.stringify(failure));
      for (const text of shown) for (const secret of secrets) expect(text).not.toContain(secret);
      expect(inspect(key)).toContain('secret: [hidden]');
    }
  });
});
