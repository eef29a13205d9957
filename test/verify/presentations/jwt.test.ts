// A teacher's wallet presents badges as a VP-JWT (VC-JWT 1.1 / OpenID4VP): nonce and aud carry the
// verifier's challenge and domain.
import { beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, importJWK } from 'jose';
import {
  exportKey,
  generateKey,
  issueCredential,
  signPresentation,
  verifyCredential,
  verifyPresentation,
  type PresentationReport,
} from '../../../src/index.js';
import { NOW, unsignedCredential } from '../../helpers/credential.js';
import { CHALLENGE, DOMAIN, wallet, type Wallet } from './helpers.js';

let w: Wallet;
let token: string;
const options = { challenge: CHALLENGE, domain: DOMAIN, now: NOW };
const checkOf = (report: PresentationReport, id: string) => report.checks.find((c) => c.id === id);

beforeAll(async () => {
  w = await wallet();
  token = await signPresentation(
    { verifiableCredential: w.badges },
    { key: w.holder, challenge: CHALLENGE, domain: DOMAIN, now: NOW, format: 'jwt' },
  );
});

// The holder's private JWK, for signing tokens with jose directly (an independent encoder).
async function holderSigningKey() {
  const jwk = (await exportKey(w.holder, { format: 'jwk', includeSecret: true })) as Record<string, unknown>;
  return importJWK({ ...jwk, alg: 'EdDSA' } as never, 'EdDSA');
}

describe('verifyPresentation (VP-JWT)', () => {
  it('a VP-JWT of two badges with the right nonce and aud verifies', async () => {
    const report = await verifyPresentation(token, options);
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report.format).toBe('vp-jwt');
    expect(report.holder).toBe(w.holder.controller);
    expect(report.credentials.map((c) => c.verified)).toEqual([true, true]);
    expect(report.verified).toBe(true);
  });

  it('a VP-JWT with a wrong nonce is a replay', async () => {
    const report = await verifyPresentation(token, { ...options, challenge: 'another-request' });
    expect(checkOf(report, 'challenge')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_PRESENTATION_CHALLENGE', path: 'payload.nonce' },
    });
    expect(report.verified).toBe(false);
  });

  it('a VP-JWT signed by jose, carrying VC-JWT badges, with another audience, fails the domain check', async () => {
    const jwtBadge = await issueCredential(
      {
        ...unsignedCredential(w.issuer),
        credentialSubject: {
          ...(unsignedCredential(w.issuer).credentialSubject as object),
          id: w.holder.controller,
        },
      } as never,
      { key: w.issuer, now: NOW, format: 'jwt' },
    );
    const vpJwt = await new SignJWT({
      nonce: CHALLENGE,
      vp: {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiablePresentation'],
        verifiableCredential: [jwtBadge],
      },
    })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: w.holder.id })
      .setIssuer(w.holder.controller as string)
      .setAudience('other.example.com')
      .setIssuedAt(Math.floor(NOW.getTime() / 1000))
      .sign(await holderSigningKey());
    const report = await verifyPresentation(vpJwt, options);
    expect(checkOf(report, 'signature')?.outcome).toBe('passed');
    expect(checkOf(report, 'challenge')?.outcome).toBe('passed');
    expect(checkOf(report, 'domain')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_PRESENTATION_DOMAIN' },
    });
    expect(report.credentials).toHaveLength(1);
    expect(report.credentials[0]).toMatchObject({ verified: true, format: 'vc-jwt' });
    expect(report.verified).toBe(false);
  });

  it('a VP-JWT whose iss is not the key that signed fails the holder check', async () => {
    const stranger = await generateKey();
    const vpJwt = await new SignJWT({
      nonce: CHALLENGE,
      vp: { type: ['VerifiablePresentation'], verifiableCredential: w.badges },
    })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: w.holder.id })
      .setIssuer(stranger.controller as string)
      .setAudience(DOMAIN)
      .sign(await holderSigningKey());
    const report = await verifyPresentation(vpJwt, options);
    expect(checkOf(report, 'holder')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_HOLDER_MISMATCH' } });
    expect(report.credentials).toEqual([]);
    expect(report.verified).toBe(false);
  });

  it('a VP-JWT whose payload was changed after signing fails its signature', async () => {
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    claims.nonce = 'another-request';
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    const report = await verifyPresentation(forged, { ...options, challenge: 'another-request' });
    expect(checkOf(report, 'signature')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_SIGNATURE_INVALID' },
    });
    expect(report.verified).toBe(false);
  });

  it('a VP-JWT past its exp fails', async () => {
    const vpJwt = await new SignJWT({
      nonce: CHALLENGE,
      vp: { type: ['VerifiablePresentation'], verifiableCredential: w.badges },
    })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: w.holder.id })
      .setIssuer(w.holder.controller as string)
      .setAudience(DOMAIN)
      .setExpirationTime(Math.floor(NOW.getTime() / 1000) - 3600)
      .sign(await holderSigningKey());
    const report = await verifyPresentation(vpJwt, options);
    expect(checkOf(report, 'signature')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_EXPIRED' } });
  });

  it('verifyCredential given a VP-JWT says to use verifyPresentation', async () => {
    const report = await verifyCredential(token, { now: NOW });
    expect(report.checks[0]).toMatchObject({
      id: 'parse',
      outcome: 'failed',
      problem: { code: 'ERR_PRESENTATION_GIVEN' },
    });
  });

  it('a P-256 holder key signs VP-JWTs but not Data Integrity presentations', async () => {
    const p256 = await generateKey({ type: 'p256' });
    await expect(
      signPresentation({ verifiableCredential: [] }, { key: p256, challenge: CHALLENGE }),
    ).rejects.toMatchObject({
      code: 'ERR_KEY_PROOF_UNSUPPORTED',
    });
    const vpJwt = await signPresentation(
      { verifiableCredential: [] },
      { key: p256, challenge: CHALLENGE, format: 'jwt' },
    );
    const report = await verifyPresentation(vpJwt, { challenge: CHALLENGE, now: NOW });
    expect(checkOf(report, 'credentials')).toMatchObject({
      outcome: 'warning',
      problem: { code: 'ERR_PRESENTATION_EMPTY' },
    });
    expect(report.holder).toBe(p256.controller);
    expect(report.verified).toBe(true);
  });
});
