// VC-JWTs signed with the algorithms other issuers use beside EdDSA, ES256 and RS256: PS256 and
// ES384 (signed here with jose) and ES256K (secp256k1, signed here with node:crypto: jose has no
// secp256k1). The issuer is a did:jwk, the key in the identifier itself. Valid, tampered, another
// key and expired are told apart.
import { describe, expect, it } from 'vitest';
import { generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import * as jose from 'jose';
import { DocumentLoader, verifyCredential } from '../../../src/index.js';
import { check, NOW } from '../../helpers/credential.js';
import { obCredential } from '../../jwt/helpers.js';
import { didKeyOfEcJwk } from './jcsSigner.js';

type Alg = 'PS256' | 'ES384' | 'ES256K';

interface Issuer {
  did: string;
  publicJwk: Record<string, unknown>;
  kid: string;
  sign(header: Record<string, unknown>, payload: Record<string, unknown>): Promise<string>;
}

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function issuer(alg: Alg): Promise<Issuer> {
  let publicJwk: Record<string, unknown>;
  let signInput: (input: string) => Promise<Buffer>;
  if (alg === 'ES256K') {
    const pair = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    publicJwk = pair.publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
    signInput = async (input) =>
      nodeSign('sha256', Buffer.from(input), { key: pair.privateKey, dsaEncoding: 'ieee-p1363' });
  } else {
    const pair = await jose.generateKeyPair(alg, { extractable: true });
    publicJwk = (await jose.exportJWK(pair.publicKey)) as Record<string, unknown>;
    signInput = async (input) => {
      const [h, p] = input.split('.');
      const jws = await new jose.CompactSign(Buffer.from(p as string, 'base64url'))
        .setProtectedHeader(JSON.parse(Buffer.from(h as string, 'base64url').toString()))
        .sign(pair.privateKey);
      return Buffer.from(jws.split('.')[2] as string, 'base64url');
    };
  }
  const did = `did:jwk:${part(publicJwk)}`;
  return {
    did,
    publicJwk,
    kid: `${did}#0`,
    async sign(header, payload) {
      const input = `${part(header)}.${part(payload)}`;
      return `${input}.${(await signInput(input)).toString('base64url')}`;
    },
  };
}

/** The OB 3.0 VC-JWT payload: the credential and the claims that repeat it. */
function payloadOf(credential: Record<string, unknown>): Record<string, unknown> {
  const until = credential.validUntil as string | undefined;
  return {
    ...credential,
    iss: (credential.issuer as { id: string }).id,
    jti: credential.id,
    sub: (credential.credentialSubject as { id: string }).id,
    nbf: Date.parse(credential.validFrom as string) / 1000,
    ...(until ? { exp: Date.parse(until) / 1000 } : {}),
  };
}

describe.each(['PS256', 'ES384', 'ES256K'] as const)('a VC-JWT signed with %s', (alg) => {
  const token = async (by: Issuer, kid = by.kid, overrides: Record<string, unknown> = {}, issuerId = by.did) =>
    by.sign({ alg, typ: 'JWT', kid }, payloadOf(obCredential(issuerId, overrides)));

  it('verifies under the did:jwk key its kid names', async () => {
    const by = await issuer(alg);
    const report = await verifyCredential(await token(by), { now: NOW });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(report).toMatchObject({ verified: true, authentic: true, format: 'vc-jwt' });
  });

  it('a changed name in the payload fails the signature (ERR_SIGNATURE_INVALID)', async () => {
    const by = await issuer(alg);
    const [header, payload, signature] = (await token(by)).split('.') as [string, string, string];
    const changed = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), name: 'Changed after signing' };
    const report = await verifyCredential(`${header}.${part(changed)}.${signature}`, { now: NOW });
    expect(check(report, 'signature')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_SIGNATURE_INVALID' } });
  });

  it('a token whose kid names another key of the same kind than the one that signed fails', async () => {
    const [signer, other] = [await issuer(alg), await issuer(alg)];
    const report = await verifyCredential(await token(signer, other.kid, {}, other.did), { now: NOW });
    expect(check(report, 'signature')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_SIGNATURE_INVALID' } });
  });

  it('an expired credential is authentic and shown as expired', async () => {
    const by = await issuer(alg);
    const report = await verifyCredential(await token(by, by.kid, { validUntil: '2026-03-01T00:00:00Z' }), {
      now: NOW,
    });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(check(report, 'validity').problem?.code).toBe('ERR_EXPIRED');
    expect(report).toMatchObject({ authentic: true, verified: false });
  });
});

describe('the algorithm must fit the key', () => {
  it('an ES384 header over a secp256k1 key is refused before any signature is checked (ERR_JWT_KEY_ALG_MISMATCH)', async () => {
    const by = await issuer('ES256K');
    const forged = await by.sign({ alg: 'ES384', typ: 'JWT', kid: by.kid }, payloadOf(obCredential(by.did)));
    const report = await verifyCredential(forged, { now: NOW });
    expect(check(report, 'signature').problem?.code).toBe('ERR_JWT_KEY_ALG_MISMATCH');
  });
});

describe('an ES256K issuer that publishes its key in a did:web document', () => {
  it('verifies under the JsonWebKey its DID document lists for assertion, and fails when the key listed is another', async () => {
    const by = await issuer('ES256K');
    const other = await issuer('ES256K');
    const did = 'did:web:pd.example.org';
    const documentOf = (jwk: Record<string, unknown>) => ({
      '@context': ['https://www.w3.org/ns/did/v1'],
      id: did,
      verificationMethod: [{ id: `${did}#key-1`, type: 'JsonWebKey', controller: did, publicKeyJwk: jwk }],
      assertionMethod: [`${did}#key-1`],
    });
    const token = await by.sign({ alg: 'ES256K', typ: 'JWT', kid: `${did}#key-1` }, payloadOf(obCredential(did)));
    const good = await verifyCredential(token, {
      now: NOW,
      loader: new DocumentLoader({ documents: { [did]: documentOf(by.publicJwk) } }),
    });
    expect(good).toMatchObject({ verified: true, authentic: true });
    const bad = await verifyCredential(token, {
      now: NOW,
      loader: new DocumentLoader({ documents: { [did]: documentOf(other.publicJwk) } }),
    });
    expect(check(bad, 'signature').problem?.code).toBe('ERR_SIGNATURE_INVALID');
  });
});

describe.each(['ES384', 'ES256K'] as const)('an %s issuer named by its did:key', (alg) => {
  it('verifies under the key its did:key encodes (P-384 z82…, secp256k1 zQ3s…); another did:key fails', async () => {
    const [by, other] = [await issuer(alg), await issuer(alg)];
    const did = didKeyOfEcJwk(by.publicJwk);
    expect(did).toMatch(alg === 'ES384' ? /^did:key:z82/ : /^did:key:zQ3s/);
    const kid = `${did}#${did.slice('did:key:'.length)}`;
    const token = await by.sign({ alg, typ: 'JWT', kid }, payloadOf(obCredential(did)));
    expect(await verifyCredential(token, { now: NOW })).toMatchObject({ verified: true, authentic: true });
    const otherDid = didKeyOfEcJwk(other.publicJwk);
    const otherKid = `${otherDid}#${otherDid.slice('did:key:'.length)}`;
    const forged = await by.sign({ alg, typ: 'JWT', kid: otherKid }, payloadOf(obCredential(otherDid)));
    expect(check(await verifyCredential(forged, { now: NOW }), 'signature').problem?.code).toBe(
      'ERR_SIGNATURE_INVALID',
    );
  });
});
