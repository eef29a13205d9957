// bbs-2023 (VC-DI-BBS): the issuer signs a base proof with a BLS12-381 G2 key for the holder; the
// holder derives an unlinkable disclosure (here: the badge without its evidence list), and that is
// what a verifier checks. Signed and derived in the test with the plain Digital Bazaar packages.
import { describe, expect, it } from 'vitest';
import * as Bbs2023 from '@digitalbazaar/bbs-2023-cryptosuite';
import * as Bls12381Multikey from '@digitalbazaar/bls12-381-multikey';
import { verifyCredential } from '../../../src/index.js';
import { check, NOW } from '../../helpers/credential.js';
import { EXPIRED, selectiveDisclosure, type PlainPair } from './plainStack.js';

const MANDATORY = ['/issuer', '/validFrom', '/name', '/credentialSubject'];
const EVIDENCE = [{ type: ['Evidence'], name: 'Lesson plan', narrative: 'Reviewed lesson plan, grade 7 math.' }];

/** A fresh BLS12-381 G2 key pair bound to its did:key (`zUC7…`). */
async function blsPair(): Promise<PlainPair> {
  const pair = (await Bls12381Multikey.generateBbsKeyPair({
    algorithm: Bls12381Multikey.ALGORITHMS.BBS_BLS12381_SHA256 as string,
  })) as unknown as PlainPair;
  pair.controller = `did:key:${pair.publicKeyMultibase}`;
  pair.id = `${pair.controller}#${pair.publicKeyMultibase}`;
  return pair;
}

const { baseSigned, derived } = selectiveDisclosure(Bbs2023, MANDATORY, EVIDENCE);

describe('bbs-2023', () => {
  it('a derived credential that leaves out the evidence verifies; one that discloses it verifies too', async () => {
    const pair = await blsPair();
    expect(pair.publicKeyMultibase.startsWith('zUC7')).toBe(true);
    const base = await baseSigned(pair);
    const withoutEvidence = await derived(base);
    expect(withoutEvidence.evidence).toBeUndefined();
    const report = await verifyCredential(withoutEvidence, { now: NOW });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(report).toMatchObject({ verified: true, authentic: true });
    const withEvidence = await derived(base, ['/evidence']);
    expect(withEvidence.evidence).toEqual(EVIDENCE);
    expect((await verifyCredential(withEvidence, { now: NOW })).verified).toBe(true);
  });

  it('a base proof is for the holder: ERR_PROOF_BASE_FOR_HOLDER, could not check, not a bad signature', async () => {
    const report = await verifyCredential(await baseSigned(await blsPair()), { now: NOW });
    expect(check(report, 'signature')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_PROOF_BASE_FOR_HOLDER', path: 'proof.proofValue' },
    });
    expect(check(report, 'signature').problem?.detail).toContain('bbs-2023');
    expect(report).toMatchObject({ authentic: false, summary: 'could-not-check' });
  });

  it('a changed name, or evidence added back, in a derived credential fails the signature', async () => {
    const disclosed = await derived(await baseSigned(await blsPair()));
    for (const changed of [
      { ...disclosed, name: 'Changed after signing' },
      { ...disclosed, evidence: EVIDENCE },
    ]) {
      const report = await verifyCredential(changed, { now: NOW });
      expect(check(report, 'signature')).toMatchObject({
        outcome: 'failed',
        problem: { code: 'ERR_SIGNATURE_INVALID' },
      });
    }
  });

  it('a derived proof that names another BLS key than the one that signed fails', async () => {
    const [signer, other] = [await blsPair(), await blsPair()];
    const disclosed = await derived(await baseSigned(signer, {}, other));
    const forged = { ...disclosed, proof: { ...(disclosed.proof as object), verificationMethod: other.id } };
    const report = await verifyCredential(forged, { now: NOW });
    expect(check(report, 'signature')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_SIGNATURE_INVALID' } });
  });

  it('an expired badge, derived, is authentic and shown as expired', async () => {
    const disclosed = await derived(await baseSigned(await blsPair(), EXPIRED), ['/validUntil']);
    const report = await verifyCredential(disclosed, { now: NOW });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(check(report, 'validity').problem?.code).toBe('ERR_EXPIRED');
    expect(report).toMatchObject({ authentic: true, verified: false });
  });

  it('a did:key that claims a BLS key but holds a short one is ERR_KEY_INVALID', async () => {
    const disclosed = await derived(await baseSigned(await blsPair()));
    const short = 'did:key:zUC7' + 'L'.repeat(20);
    const report = await verifyCredential(
      { ...disclosed, proof: { ...(disclosed.proof as object), verificationMethod: `${short}#key` } },
      { now: NOW },
    );
    expect(report.authentic).toBe(false);
    expect(check(report, 'signature').problem?.code).toBe('ERR_KEY_INVALID');
  });
});
