// Every way a VC-JWT can be forged, damaged or mis-made fails with its own code, at the check that
// owns it; the checks after a fatal one are skipped, and nothing here is ever "authentic".
import * as jose from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyCredential, type CheckId, type VerificationReport } from '../../src/index.js';
import { NOW, check } from '../helpers/credential.js';
import {
  DID_WEB,
  controllerDocument,
  decodePart,
  didKeyMethod,
  encodePart,
  loaderWith,
  obCredential,
  partsOf,
  signByHand,
  signJwt,
  tampered,
  testKey,
  vc11Credential,
  type TestKey,
} from './helpers.js';

let p256: TestKey;
let ed25519: TestKey;
let rsa: TestKey;
let jwt: string;

beforeAll(async () => {
  [p256, ed25519, rsa] = await Promise.all([testKey('ES256'), testKey('EdDSA'), testKey('RS256')]);
  jwt = await signJwt(obCredential(p256.didKey as string), p256, { kid: didKeyMethod(p256.didKey as string) });
});

/** The report fails at `id` with `code` (and `path`), is not authentic, and skips the fatal check's followers. */
function expectFailure(report: VerificationReport, id: CheckId, code: string, path?: string, outcome = 'failed'): void {
  expect(check(report, id)).toMatchObject({ outcome, problem: { code, ...(path ? { path } : {}) } });
  expect(report.authentic).toBe(false);
  expect(report.verified).toBe(false);
}

describe('a tampered VC-JWT', () => {
  it('verifies untouched (the baseline the cases below change)', async () => {
    expect(await verifyCredential(jwt, { now: NOW })).toMatchObject({ verified: true });
  });

  it('fails with ERR_SIGNATURE_INVALID when the payload is changed', async () => {
    const forged = tampered(jwt, 'payload', (p) => {
      p.name = 'Advanced Formative Assessment';
    });
    const report = await verifyCredential(forged, { now: NOW });
    expectFailure(report, 'signature', 'ERR_SIGNATURE_INVALID', 'signature');
    for (const id of ['claims', 'issuer', 'validity'] as const) expect(check(report, id).outcome).toBe('skipped');
    expect(report.summary).toBe('invalid');
  });

  it('fails with ERR_SIGNATURE_INVALID when a claim is changed to match a changed credential', async () => {
    const forged = tampered(jwt, 'payload', (p) => {
      p.credentialSubject = { ...(p.credentialSubject as object), id: 'did:example:mallory' };
      p.sub = 'did:example:mallory';
    });
    expectFailure(await verifyCredential(forged, { now: NOW }), 'signature', 'ERR_SIGNATURE_INVALID');
  });

  it('fails with ERR_SIGNATURE_INVALID when the signature bytes are flipped', async () => {
    const [header, payload, signature] = partsOf(jwt);
    const bytes = jose.base64url.decode(signature);
    bytes[10] = (bytes[10] as number) ^ 0x01;
    expectFailure(
      await verifyCredential(`${header}.${payload}.${jose.base64url.encode(bytes)}`, { now: NOW }),
      'signature',
      'ERR_SIGNATURE_INVALID',
    );
  });

  it("fails with ERR_SIGNATURE_INVALID when another key signed it but it names the issuer's key", async () => {
    const other = await testKey('ES256');
    const forged = await signJwt(obCredential(p256.didKey as string), other, {
      kid: didKeyMethod(p256.didKey as string),
    });
    expectFailure(await verifyCredential(forged, { now: NOW }), 'signature', 'ERR_SIGNATURE_INVALID');
  });

  it('fails with ERR_JWT_KEY_ALG_MISMATCH when alg is swapped for one the key does not take', async () => {
    for (const alg of ['EdDSA', 'RS256']) {
      const forged = tampered(jwt, 'header', (h) => {
        h.alg = alg;
      });
      expectFailure(
        await verifyCredential(forged, { now: NOW }),
        'signature',
        'ERR_JWT_KEY_ALG_MISMATCH',
        'header.alg',
      );
    }
    // And when a jwk header carries a key of another kind than alg says.
    const mixed = await signJwt(obCredential(DID_WEB), rsa, { jwk: p256.publicJwk }, { header: { alg: 'RS256' } });
    expectFailure(await verifyCredential(mixed, { now: NOW }), 'signature', 'ERR_JWT_KEY_ALG_MISMATCH');
  });

  it('fails with ERR_SIGNATURE_INVALID when another header member is changed', async () => {
    const forged = tampered(jwt, 'header', (h) => {
      h.typ = 'vc+jwt';
    });
    expectFailure(await verifyCredential(forged, { now: NOW }), 'signature', 'ERR_SIGNATURE_INVALID');
  });

  it('fails with ERR_JWT_ALG_NONE for an unsigned JWT (alg "none"), in any letter case', async () => {
    const unsecured = new jose.UnsecuredJWT({ ...obCredential(p256.didKey as string), iss: p256.didKey }).encode();
    const report = await verifyCredential(unsecured, { now: NOW });
    expectFailure(report, 'proof', 'ERR_JWT_ALG_NONE', 'header.alg');
    expect(check(report, 'signature').outcome).toBe('skipped');
    const shouting = tampered(jwt, 'header', (h) => {
      h.alg = 'NONE';
    });
    expectFailure(
      await verifyCredential(`${partsOf(shouting).slice(0, 2).join('.')}.`, { now: NOW }),
      'proof',
      'ERR_JWT_ALG_NONE',
    );
  });

  it("fails with ERR_JWT_ALG_SYMMETRIC for an HMAC (HS256), even when its kid names the issuer's key", async () => {
    const secret = new TextEncoder().encode('a shared secret that anyone who verifies also holds');
    const hmac = await new jose.SignJWT(obCredential(p256.didKey as string))
      .setProtectedHeader({ alg: 'HS256', kid: didKeyMethod(p256.didKey as string) })
      .sign(secret);
    expectFailure(await verifyCredential(hmac, { now: NOW }), 'proof', 'ERR_JWT_ALG_SYMMETRIC', 'header.alg');
  });

  it('fails with ERR_JWT_JWK_PRIVATE when the header jwk carries d, and never repeats it', async () => {
    const leaked = await signJwt(obCredential(DID_WEB), p256, { jwk: p256.privateJwk });
    const report = await verifyCredential(leaked, {
      now: NOW,
      loader: loaderWith({ [DID_WEB]: controllerDocument(DID_WEB, [p256]) }),
    });
    expectFailure(report, 'proof', 'ERR_JWT_JWK_PRIVATE', 'header.jwk.d');
    expect(JSON.stringify(report)).not.toContain(p256.privateJwk.d);
  });

  it('is could-not-check (ERR_JWT_ALG_UNSUPPORTED) for a real algorithm microcred does not verify', async () => {
    const { privateKey } = await jose.generateKeyPair('ES512');
    const es512 = await new jose.SignJWT(obCredential(DID_WEB))
      .setProtectedHeader({ alg: 'ES512', kid: `${DID_WEB}#key-1` })
      .sign(privateKey);
    const report = await verifyCredential(es512, { now: NOW });
    expectFailure(report, 'proof', 'ERR_JWT_ALG_UNSUPPORTED', 'header.alg', 'could-not-check');
    expect(report.summary).toBe('could-not-check');
  });

  it('fails with ERR_JWT_TYP_UNSUPPORTED for a presentation or other typ', async () => {
    const vp = await signJwt(
      obCredential(p256.didKey as string),
      p256,
      { kid: didKeyMethod(p256.didKey as string) },
      { header: { typ: 'vp+jwt' } },
    );
    expectFailure(await verifyCredential(vp, { now: NOW }), 'proof', 'ERR_JWT_TYP_UNSUPPORTED', 'header.typ');
  });

  it('fails with ERR_JWT_CRIT_UNSUPPORTED for a critical header extension', async () => {
    // Made by hand: jose itself refuses to sign with an extension it does not know.
    const crit = await signByHand(
      {
        alg: 'ES256',
        kid: didKeyMethod(p256.didKey as string),
        crit: ['urn:example:policy'],
        'urn:example:policy': 'strict',
      },
      decodePart(partsOf(jwt)[1]),
      p256,
    );
    expectFailure(await verifyCredential(crit, { now: NOW }), 'proof', 'ERR_JWT_CRIT_UNSUPPORTED', 'header.crit');
  });

  it('fails with ERR_JWT_KEY_MISSING when the header has neither kid nor jwk', async () => {
    const bare = await new jose.SignJWT(obCredential(DID_WEB))
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
      .sign(p256.privateKey);
    expectFailure(await verifyCredential(bare, { now: NOW }), 'proof', 'ERR_JWT_KEY_MISSING', 'header');
  });
});

describe('claims that disagree with the credential', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['iss', { iss: 'did:example:someone-else' }, 'iss vs issuer.id'],
    ['sub', { sub: 'did:example:mallory' }, 'sub vs credentialSubject.id'],
    ['jti', { jti: 'urn:uuid:00000000-0000-4000-8000-000000000000' }, 'jti vs id'],
    ['nbf', { nbf: Date.parse('2025-01-15T09:00:00Z') / 1000 }, 'nbf vs validFrom'],
    ['exp', { exp: Date.parse('2030-01-01T00:00:00Z') / 1000 }, 'exp vs validUntil'],
  ];

  it.each(cases)(
    'fail with ERR_JWT_CLAIM_MISMATCH when %s disagrees (signed that way by the key)',
    async (_claim, claims, path) => {
      const disagreeing = await signJwt(
        obCredential(p256.didKey as string),
        p256,
        { kid: didKeyMethod(p256.didKey as string) },
        { claims },
      );
      const report = await verifyCredential(disagreeing, { now: NOW });
      expect(check(report, 'signature').outcome).toBe('passed');
      expectFailure(report, 'claims', 'ERR_JWT_CLAIM_MISMATCH', path);
      expect(report.summary).toBe('invalid');
    },
  );

  it('name the property inside the vc claim for a VC-JWT 1.1, and list every disagreement', async () => {
    // A vc that keeps its own id and issuanceDate, next to claims that say otherwise.
    const vc = vc11Credential(ed25519.didKey as string);
    const disagreeing = await signJwt(
      vc,
      ed25519,
      { kid: didKeyMethod(ed25519.didKey as string) },
      {
        encoding: 'vc11',
        claims: {
          vc,
          jti: 'urn:uuid:11111111-1111-4111-8111-111111111111',
          nbf: Date.parse('2026-01-16T09:00:00Z') / 1000,
        },
      },
    );
    const claims = check(await verifyCredential(disagreeing, { now: NOW }), 'claims');
    expect(claims.outcome).toBe('failed');
    expect(claims.problems?.map((p) => [p.code, p.path])).toEqual([
      ['ERR_JWT_CLAIM_MISMATCH', 'jti vs vc.id'],
      ['ERR_JWT_CLAIM_MISMATCH', 'nbf vs vc.issuanceDate'],
    ]);
  });

  it('fail with ERR_JWT_CLAIM_INVALID when a claim is not of its type', async () => {
    const wrong = await signJwt(
      obCredential(p256.didKey as string),
      p256,
      { kid: didKeyMethod(p256.didKey as string) },
      { claims: { nbf: '2026-01-15T09:00:00Z' } },
    );
    expectFailure(await verifyCredential(wrong, { now: NOW }), 'claims', 'ERR_JWT_CLAIM_INVALID', 'nbf');
  });

  it('agree to the second: a validFrom with milliseconds matches its whole-second nbf', async () => {
    const precise = await signJwt(
      obCredential(p256.didKey as string, { validFrom: '2026-01-15T09:00:00.750Z' }),
      p256,
      { kid: didKeyMethod(p256.didKey as string) },
      {
        claims: { nbf: Date.parse('2026-01-15T09:00:00Z') / 1000 },
      },
    );
    expect(await verifyCredential(precise, { now: NOW })).toMatchObject({ verified: true });
  });
});

describe('a malformed JWT', () => {
  const payload = () => partsOf(jwt)[1];
  const header = () => partsOf(jwt)[0];
  const cases: [string, () => string, string][] = [
    ['two parts', () => partsOf(jwt).slice(0, 2).join('.'), ''],
    ['four parts', () => `${jwt}.AAAA`, ''],
    ['bad base64 in the header', () => `ey!J*.${payload()}.c2ln`, 'header'],
    ['bad base64 in the signature', () => `${header()}.${payload()}.c2ln+/==`, 'signature'],
    ['a payload that is not JSON', () => `${header()}.${jose.base64url.encode('not json {')}.c2ln`, 'payload'],
    ['a payload that is a list', () => `${header()}.${encodePart([obCredential('did:example:x')])}.c2ln`, 'payload'],
    ['a header that is not an object', () => `${encodePart('ES256')}.${payload()}.c2ln`, 'header'],
    [
      'a payload that is not UTF-8',
      () => `${header()}.${jose.base64url.encode(Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]))}.c2ln`,
      'payload',
    ],
    [
      'a vc claim that is not an object',
      () => `${header()}.${encodePart({ vc: 'a credential', iss: 'did:example:x' })}.c2ln`,
      'payload.vc',
    ],
  ];

  it.each(cases)('fails parse with ERR_JWT_MALFORMED: %s', async (_name, make, path) => {
    const report = await verifyCredential(make(), { now: NOW });
    expect(check(report, 'parse')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_JWT_MALFORMED', ...(path ? { path } : {}) },
    });
    expect(report.checks.slice(1).every((c) => c.outcome === 'skipped')).toBe(true);
    expect(report).toMatchObject({ authentic: false, verified: false, summary: 'invalid' });
    expect(report.format).toBeUndefined();
  });

  it('says that an encrypted JWT (JWE) is not a signed one', async () => {
    const report = await verifyCredential(`${header()}.AAAA.AAAA.AAAA.AAAA`, { now: NOW });
    expect(check(report, 'parse').problem?.detail).toMatch(/encrypted JWT/);
  });

  it('still reads JSON that is not a JWT as JSON', async () => {
    expect(check(await verifyCredential('1.5', { now: NOW }), 'parse').problem?.code).toBe('ERR_INPUT_NOT_OBJECT');
    expect(check(await verifyCredential('{"a": ', { now: NOW }), 'parse').problem?.code).toBe('ERR_INPUT_NOT_JSON');
  });
});
