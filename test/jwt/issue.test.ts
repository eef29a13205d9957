// Issuing VC-JWTs in the OB 3.0 encoding with EdDSA, ES256 and RS256 (issueCredential with format
// 'jwt'): what microcred signs, jose verifies; invalid input is refused before signing.
import * as jose from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DocumentLoader,
  didWebDocument,
  exportKey,
  generateKey,
  importKey,
  issueCredential,
  verifyCredential,
  type Key,
} from '../../src/index.js';
import { NOW, check, unsignedCredential } from '../helpers/credential.js';
import { newRegistry, published } from '../status/helpers.js';
import { rejection } from '../helpers/errors.js';
import { decodePart, partsOf } from './helpers.js';

const DOMAIN = 'pd.example.org';
const DID = 'did:web:pd.example.org';

let ed25519: Key<'ed25519'>;
let p256: Key<'p256'>;
let rsa: Key<'rsa'>;
let loader: DocumentLoader;

beforeAll(async () => {
  [ed25519, p256, rsa] = await Promise.all([
    generateKey(),
    generateKey({ type: 'p256' }),
    generateKey({ type: 'rsa', controller: DID }),
  ]);
  loader = new DocumentLoader({ documents: { [DID]: didWebDocument(DOMAIN, [rsa]) } });
});

/** The public key jose verifies with, taken from microcred's public export (no secret in it). */
async function joseKeyOf(key: Key): Promise<jose.CryptoKey> {
  const jwk = await exportKey(key, { format: 'jwk' });
  expect(jwk).not.toHaveProperty('d');
  const { kid: _kid, alg, ...publicJwk } = jwk;
  return (await jose.importJWK(publicJwk as jose.JWK, alg)) as jose.CryptoKey;
}

describe("issueCredential(draft, { key, format: 'jwt' })", () => {
  it.each([
    ['EdDSA', () => ed25519],
    ['ES256', () => p256],
    ['RS256', () => rsa],
  ] as const)('signs with %s: jose verifies it, and so does microcred', async (alg, keyOf) => {
    const key = keyOf();
    const credential = unsignedCredential({ controller: key.controller } as Key<'ed25519'>, {
      validUntil: '2027-01-15T09:00:00Z',
    });
    const jwt = await issueCredential(credential, { key, format: 'jwt', now: NOW });

    const { payload, protectedHeader } = await jose.jwtVerify(jwt, await joseKeyOf(key), {
      algorithms: [alg],
      typ: 'JWT',
      issuer: key.controller as string,
      currentDate: NOW,
    });
    expect(protectedHeader).toEqual({ alg, typ: 'JWT', kid: key.id });
    expect(payload).toMatchObject({
      iss: key.controller,
      sub: 'did:example:teacher-42',
      nbf: Date.parse('2026-01-15T09:00:00Z') / 1000,
      exp: Date.parse('2027-01-15T09:00:00Z') / 1000,
      jti: expect.stringMatching(/^urn:uuid:/),
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      name: credential.name,
      issuer: credential.issuer,
    });
    expect(payload.jti).toBe(payload.id);

    const report = await verifyCredential(jwt, { now: NOW, loader });
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report).toMatchObject({
      verified: true,
      format: 'vc-jwt',
      credential: { proof: { type: 'VC-JWT', alg, verificationMethod: key.id } },
    });
  });

  it('puts the public key in a jwk header for an RSA key without an id (bound once the issuer lists it)', async () => {
    const bare = await generateKey({ type: 'rsa' });
    expect(bare.id).toBeUndefined();
    const jwt = await issueCredential(unsignedCredential({ controller: DID }), { key: bare, format: 'jwt', now: NOW });
    const header = decodePart(partsOf(jwt)[0]);
    expect(header).toEqual({ alg: 'RS256', typ: 'JWT', jwk: bare.publicJwk });
    await expect(jose.jwtVerify(jwt, jose.EmbeddedJWK, { currentDate: NOW })).resolves.toBeDefined();

    const listing = new DocumentLoader({ documents: { [DID]: didWebDocument(DOMAIN, [bare]) } });
    expect(await verifyCredential(jwt, { now: NOW, loader: listing })).toMatchObject({ verified: true });
    expect(await verifyCredential(jwt, { now: NOW })).toMatchObject({ authentic: false, summary: 'could-not-check' });
  });

  it('signs with an Ed25519 key of a did:web, found as a Multikey in its DID document', async () => {
    const webKey = ed25519.withController(DID);
    const jwt = await issueCredential(unsignedCredential(webKey), { key: webKey, format: 'jwt', now: NOW });
    expect(decodePart(partsOf(jwt)[0]).kid).toBe(`${DID}#${ed25519.publicKeyMultibase}`);
    const documents = { [DID]: didWebDocument(DOMAIN, [ed25519, rsa]) };
    expect(await verifyCredential(jwt, { now: NOW, loader: new DocumentLoader({ documents }) })).toMatchObject({
      verified: true,
    });
  });

  it('carries status entries from a StatusRegistry; a revoked VC-JWT is authentic but fails ERR_REVOKED', async () => {
    const { key, registry } = await newRegistry();
    await registry.createLists();
    const jwt = await issueCredential(unsignedCredential(key), { key, format: 'jwt', now: NOW, status: registry });
    const { credentialStatus, jti } = decodePart(partsOf(jwt)[1]);
    expect(credentialStatus).toHaveLength(2);
    expect(await verifyCredential(jwt, { now: NOW, loader: published(...(await registry.publish())) })).toMatchObject({
      verified: true,
    });
    await registry.revoke(jti as string);
    const revoked = await verifyCredential(jwt, { now: NOW, loader: published(...(await registry.publish())) });
    expect(check(revoked, 'status')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_REVOKED' } });
    expect(revoked).toMatchObject({ authentic: true, verified: false });
  });

  it('fills in id and validFrom, and omits sub and exp when the credential has no subject id or validUntil', async () => {
    const credential = unsignedCredential(ed25519);
    delete (credential as Record<string, unknown>).validFrom;
    credential.credentialSubject = {
      ...credential.credentialSubject,
      id: undefined,
      identifier: [
        { type: 'IdentityObject', identityHash: 'sha256$00', identityType: 'emailAddress', hashed: true, salt: 's' },
      ],
    };
    delete credential.credentialSubject.id;
    const payload = decodePart(
      partsOf(await issueCredential(credential, { key: ed25519, format: 'jwt', now: NOW }))[1],
    );
    expect(payload.validFrom).toBe('2026-06-01T12:00:00Z');
    expect(payload.nbf).toBe(NOW.getTime() / 1000);
    expect(payload).not.toHaveProperty('sub');
    expect(payload).not.toHaveProperty('exp');
  });

  it('refuses invalid input before signing, naming the field, as issueCredential does', async () => {
    const noName = { ...unsignedCredential(ed25519), name: '' };
    const error = await rejection(
      issueCredential(noName, { key: ed25519, format: 'jwt', now: NOW }),
      'ERR_FIELD_REQUIRED',
    );
    expect(error.details.path).toBe('name');
    const otherIssuer = unsignedCredential({ controller: 'did:example:someone-else' });
    expect(
      (await rejection(issueCredential(otherIssuer, { key: p256, format: 'jwt', now: NOW }), 'ERR_ISSUER_MISMATCH'))
        .details.path,
    ).toBe('issuer.id');
    const badDate = unsignedCredential(ed25519, { validUntil: 'next year' });
    expect(
      (await rejection(issueCredential(badDate, { key: ed25519, format: 'jwt', now: NOW }), 'ERR_DATE_INVALID')).details
        .path,
    ).toBe('validUntil');
    const undefinedTerm = unsignedCredential(ed25519, { favouriteColour: 'blue' });
    expect(
      (await rejection(issueCredential(undefinedTerm, { key: ed25519, format: 'jwt', now: NOW }), 'ERR_TERM_UNDEFINED'))
        .details.path,
    ).toBe('favouriteColour');
  });

  it('refuses a key that cannot sign', async () => {
    const publicOnly = await importKey(await exportKey(p256));
    expect(publicOnly.canSign).toBe(false);
    await rejection(issueCredential(unsignedCredential(p256), { key: publicOnly, format: 'jwt' }), 'ERR_KEY_INVALID');
    await rejection(issueCredential(unsignedCredential(ed25519), { key: {} as Key, format: 'jwt' }), 'ERR_KEY_INVALID');
  });

  it('refuses a Data Integrity suite with format jwt, and an unknown format, before anything is checked (ERR_FIELD_INVALID)', async () => {
    const suite = await rejection(
      issueCredential(unsignedCredential(ed25519), { key: ed25519, format: 'jwt', suite: 'eddsa-rdfc-2022' } as never),
      'ERR_FIELD_INVALID',
    );
    expect(suite.details.path).toBe('suite');
    const format = await rejection(
      issueCredential(unsignedCredential(ed25519), { key: ed25519, format: 'cbor' } as never),
      'ERR_FIELD_INVALID',
    );
    expect(format.details.path).toBe('format');
  });
});
