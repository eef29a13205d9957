// ecdsa-rdfc-2019 (VC-DI-ECDSA §3.2): credentials signed here by the plain Digital Bazaar stack with
// P-256 and P-384 did:keys verify; a changed name, another key and an expired badge are told apart;
// microcred issues the suite with a P-256 key, by default or when asked.
import { describe, expect, it } from 'vitest';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { generateKey, issueCredential, verifyCredential } from '../../../src/index.js';
import { check, NOW, unsignedCredential } from '../../helpers/credential.js';
import {
  badgeOf,
  DIGITAL_BAZAAR_SIGNED_AT,
  ecdsaPair,
  EXPIRED,
  issueWithPlainStack,
  plainLoader,
  type PlainPair,
} from './plainStack.js';

const sign = (doc: Record<string, unknown>, pair: PlainPair) =>
  issueWithPlainStack(
    doc,
    new DataIntegrityProof({ signer: pair.signer(), cryptosuite, date: DIGITAL_BAZAAR_SIGNED_AT }),
  );

describe.each(['P-256', 'P-384'] as const)('ecdsa-rdfc-2019 with a %s did:key', (curve) => {
  it('a credential signed by the plain stack verifies', async () => {
    const pair = await ecdsaPair(curve);
    expect(pair.publicKeyMultibase.slice(0, 3)).toBe(curve === 'P-256' ? 'zDn' : 'z82');
    const signed = await sign(badgeOf(pair), pair);
    expect(signed.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'ecdsa-rdfc-2019' });
    const report = await verifyCredential(signed, { now: NOW });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(report).toMatchObject({ verified: true, authentic: true });
  });

  it('a changed name fails the signature (ERR_SIGNATURE_INVALID)', async () => {
    const pair = await ecdsaPair(curve);
    const signed = await sign(badgeOf(pair), pair);
    const report = await verifyCredential({ ...signed, name: 'Changed after signing' }, { now: NOW });
    expect(check(report, 'signature')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_SIGNATURE_INVALID' } });
    expect(report.authentic).toBe(false);
  });

  it('a proof that names another key of the same curve than the one that signed fails', async () => {
    const [signer, other] = [await ecdsaPair(curve), await ecdsaPair(curve)];
    const signed = await sign(badgeOf(other), signer);
    // Claim the other key made it: the issuer and verificationMethod agree, the signature does not.
    const forged = { ...signed, proof: { ...(signed.proof as object), verificationMethod: other.id } };
    const report = await verifyCredential(forged, { now: NOW });
    expect(check(report, 'signature')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_SIGNATURE_INVALID' } });
  });

  it('an expired badge is authentic and shown as expired', async () => {
    const pair = await ecdsaPair(curve);
    const report = await verifyCredential(await sign(badgeOf(pair, EXPIRED), pair), { now: NOW });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(check(report, 'validity').problem?.code).toBe('ERR_EXPIRED');
    expect(report).toMatchObject({ authentic: true, verified: false });
  });
});

describe('issuing ecdsa-rdfc-2019', () => {
  it('a P-256 key signs ecdsa-rdfc-2019 by default, and the plain stack verifies it', async () => {
    const key = await generateKey({ type: 'p256' });
    const signed = (await issueCredential(unsignedCredential(key), { key, now: NOW })) as Record<string, unknown>;
    expect(signed.proof).toMatchObject({ cryptosuite: 'ecdsa-rdfc-2019', verificationMethod: key.id });
    expect((await verifyCredential(signed, { now: NOW })).verified).toBe(true);
    const plain = await vc.verifyCredential({
      credential: signed,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader: plainLoader(),
      now: NOW,
    });
    expect(plain.verified).toBe(true);
  });

  it('an explicit suite option gives the same proof; an Ed25519 key asked for it is refused', async () => {
    const key = await generateKey({ type: 'p256' });
    const signed = (await issueCredential(unsignedCredential(key), {
      key,
      now: NOW,
      suite: 'ecdsa-rdfc-2019',
    })) as Record<string, unknown>;
    expect(signed.proof).toMatchObject({ cryptosuite: 'ecdsa-rdfc-2019' });
    const ed = await generateKey();
    await expect(issueCredential(unsignedCredential(ed), { key: ed, suite: 'ecdsa-rdfc-2019' })).rejects.toMatchObject({
      code: 'ERR_KEY_PROOF_UNSUPPORTED',
    });
  });
});
