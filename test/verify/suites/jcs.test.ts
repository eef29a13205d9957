// eddsa-jcs-2022 and ecdsa-jcs-2019: credentials signed in the test by an independent JCS signer
// (jcsSigner.ts: node:crypto and RFC 8785, no microcred code) verify; a changed name, another key,
// a changed proof option and an expired badge are told apart.
import { describe, expect, it } from 'vitest';
import { verifyCredential } from '../../../src/index.js';
import { check, NOW, unsignedCredential } from '../../helpers/credential.js';
import { EXPIRED } from './plainStack.js';
import { jcsKey, signJcs, type JcsKey } from './jcsSigner.js';

const badge = (key: JcsKey, overrides: Record<string, unknown> = {}) =>
  unsignedCredential(key, { id: `urn:uuid:${globalThis.crypto.randomUUID()}`, ...overrides }) as Record<
    string,
    unknown
  >;

describe.each([
  ['eddsa-jcs-2022', 'Ed25519'],
  ['ecdsa-jcs-2019', 'P-256'],
  ['ecdsa-jcs-2019', 'P-384'],
] as const)('%s with a %s did:key', (cryptosuite, curve) => {
  it('a credential signed by an independent JCS signer verifies', async () => {
    const key = jcsKey(curve);
    const signed = signJcs(badge(key), key);
    expect(signed.proof).toMatchObject({ cryptosuite });
    const report = await verifyCredential(signed, { now: NOW });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(report).toMatchObject({ verified: true, authentic: true });
  });

  it('a changed name fails the signature (ERR_SIGNATURE_INVALID)', async () => {
    const key = jcsKey(curve);
    const signed = signJcs(badge(key), key);
    const report = await verifyCredential({ ...signed, name: 'Changed after signing' }, { now: NOW });
    expect(check(report, 'signature')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_SIGNATURE_INVALID' } });
  });

  it('a changed proof option (its created date) fails: the proof configuration is signed too', async () => {
    const key = jcsKey(curve);
    const signed = signJcs(badge(key), key);
    const proof = { ...(signed.proof as object), created: '2026-01-16T09:00:00Z' };
    const report = await verifyCredential({ ...signed, proof }, { now: NOW });
    expect(check(report, 'signature')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_SIGNATURE_INVALID' } });
  });

  it('a proof that names another key than the one that signed fails', async () => {
    const [signer, other] = [jcsKey(curve), jcsKey(curve)];
    const signed = signJcs(badge(other), signer, { verificationMethod: other.id });
    const report = await verifyCredential(signed, { now: NOW });
    expect(check(report, 'signature')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_SIGNATURE_INVALID' } });
  });

  it('an expired badge is authentic and shown as expired', async () => {
    const key = jcsKey(curve);
    const report = await verifyCredential(signJcs(badge(key, EXPIRED), key), { now: NOW });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(check(report, 'validity').problem?.code).toBe('ERR_EXPIRED');
    expect(report).toMatchObject({ authentic: true, verified: false });
  });
});

describe('JCS signs the JSON, not the graph', () => {
  it('reordering members changes nothing (RFC 8785 sorts them); an added member the context ignores still fails', async () => {
    const key = jcsKey('Ed25519');
    const signed = signJcs(badge(key), key);
    const reordered = Object.fromEntries(Object.entries(signed).reverse());
    expect((await verifyCredential(reordered, { now: NOW })).verified).toBe(true);
    const subject = { ...(signed.credentialSubject as object), narrative: 'Added after signing.' };
    const report = await verifyCredential({ ...signed, credentialSubject: subject }, { now: NOW });
    expect(check(report, 'signature').problem?.code).toBe('ERR_SIGNATURE_INVALID');
  });
});
