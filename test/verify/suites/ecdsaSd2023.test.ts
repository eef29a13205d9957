// ecdsa-sd-2023 (VC-DI-ECDSA §3.4): the issuer signs a base proof for the holder; the holder derives
// a credential that discloses only some statements (here: the badge without its evidence list), and
// that is what a verifier checks. Signed and derived in the test with the plain Digital Bazaar stack.
import { describe, expect, it } from 'vitest';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as EcdsaSd2023 from '@digitalbazaar/ecdsa-sd-2023-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { deriveCredential, generateKey, issueCredential, verifyCredential } from '../../../src/index.js';
import { check, NOW, unsignedCredential } from '../../helpers/credential.js';
import { ecdsaPair, EXPIRED, plainLoader, selectiveDisclosure } from './plainStack.js';

// What every disclosure keeps: all an Open Badge needs; the evidence is left to the holder.
const MANDATORY = ['/issuer', '/validFrom', '/name', '/credentialSubject'];
const EVIDENCE = [{ type: ['Evidence'], name: 'Lesson plan', narrative: 'Reviewed lesson plan, grade 7 math.' }];

const { baseSigned, derived } = selectiveDisclosure(EcdsaSd2023, MANDATORY, EVIDENCE);

describe('ecdsa-sd-2023', () => {
  it('a derived credential that leaves out the evidence verifies; one that discloses it verifies too', async () => {
    const pair = await ecdsaPair('P-256');
    const base = await baseSigned(pair);
    const withoutEvidence = await derived(base);
    expect(withoutEvidence.evidence).toBeUndefined();
    expect(withoutEvidence.name).toBe(base.name);
    const report = await verifyCredential(withoutEvidence, { now: NOW });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(report).toMatchObject({ verified: true, authentic: true });
    const withEvidence = await derived(base, ['/evidence']);
    expect(withEvidence.evidence).toEqual(EVIDENCE);
    expect((await verifyCredential(withEvidence, { now: NOW })).verified).toBe(true);
  });

  it('a base proof is for the holder, not for verifiers: ERR_PROOF_BASE_FOR_HOLDER, could not check, not a bad signature', async () => {
    const pair = await ecdsaPair('P-256');
    const report = await verifyCredential(await baseSigned(pair), { now: NOW });
    expect(check(report, 'signature')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_PROOF_BASE_FOR_HOLDER', path: 'proof.proofValue' },
    });
    expect(report).toMatchObject({ authentic: false, summary: 'could-not-check' });
  });

  it('a changed name in a derived credential fails the signature (ERR_SIGNATURE_INVALID)', async () => {
    const pair = await ecdsaPair('P-256');
    const disclosed = await derived(await baseSigned(pair));
    const report = await verifyCredential({ ...disclosed, name: 'Changed after signing' }, { now: NOW });
    expect(check(report, 'signature')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_SIGNATURE_INVALID' } });
  });

  it('evidence added to a derived credential that left it out fails: it was not disclosed from what was signed', async () => {
    const pair = await ecdsaPair('P-256');
    const disclosed = await derived(await baseSigned(pair));
    const report = await verifyCredential({ ...disclosed, evidence: EVIDENCE }, { now: NOW });
    expect(check(report, 'signature').problem?.code).toBe('ERR_SIGNATURE_INVALID');
  });

  it('a derived proof that names another P-256 key than the issuer signed with fails', async () => {
    const [signer, other] = [await ecdsaPair('P-256'), await ecdsaPair('P-256')];
    const base = await baseSigned(signer, {}, other);
    const disclosed = await derived(base);
    const forged = { ...disclosed, proof: { ...(disclosed.proof as object), verificationMethod: other.id } };
    const report = await verifyCredential(forged, { now: NOW });
    expect(check(report, 'signature')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_SIGNATURE_INVALID' } });
  });

  it('an expired badge, derived, is authentic and shown as expired', async () => {
    const pair = await ecdsaPair('P-256');
    const base = await baseSigned(pair, EXPIRED);
    const disclosed = await derived(base, ['/validUntil']);
    const report = await verifyCredential(disclosed, { now: NOW });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(check(report, 'validity').problem?.code).toBe('ERR_EXPIRED');
    expect(report).toMatchObject({ authentic: true, verified: false });
  });
});

describe('issuing ecdsa-sd-2023 and deriving a disclosure with microcred', () => {
  const draft = async () => {
    const key = await generateKey({ type: 'p256' });
    const credential = unsignedCredential(key, {
      id: `urn:uuid:${globalThis.crypto.randomUUID()}`,
      evidence: EVIDENCE,
      validUntil: '2027-01-15T09:00:00Z',
    });
    const signed = (await issueCredential(credential, { key, now: NOW, suite: 'ecdsa-sd-2023' })) as unknown as Record<
      string,
      unknown
    >;
    return { key, signed };
  };

  it("the signed credential carries a base proof, which the verifier refuses as the holder's", async () => {
    const { key, signed } = await draft();
    expect(signed.proof).toMatchObject({ cryptosuite: 'ecdsa-sd-2023', verificationMethod: key.id });
    const report = await verifyCredential(signed, { now: NOW });
    expect(check(report, 'signature').problem?.code).toBe('ERR_PROOF_BASE_FOR_HOLDER');
  });

  it('a teacher shares the badge without its evidence: it verifies, here and in the plain stack; the dates cannot be hidden', async () => {
    const { signed } = await draft();
    const shared = await deriveCredential(signed, { reveal: [] });
    expect(shared.evidence).toBeUndefined();
    expect(shared.validUntil).toBe('2027-01-15T09:00:00Z');
    expect((await verifyCredential(shared, { now: NOW })).verified).toBe(true);
    const plain = await vc.verifyCredential({
      credential: shared,
      suite: new DataIntegrityProof({ cryptosuite: EcdsaSd2023.createVerifyCryptosuite() }),
      documentLoader: plainLoader(),
      now: NOW,
    });
    expect(plain.verified).toBe(true);
    const withEvidence = await deriveCredential(signed, { reveal: ['/evidence'] });
    expect(withEvidence.evidence).toEqual(EVIDENCE);
    expect((await verifyCredential(withEvidence, { now: NOW })).verified).toBe(true);
  });

  it('refuses a credential with no base proof (ERR_PROOF_UNSUPPORTED) and a pointer that names nothing (ERR_FIELD_INVALID)', async () => {
    const { signed } = await draft();
    const shared = await deriveCredential(signed, { reveal: [] });
    await expect(deriveCredential(shared, { reveal: [] })).rejects.toMatchObject({ code: 'ERR_PROOF_UNSUPPORTED' });
    await expect(deriveCredential(signed, { reveal: ['/nothing'] })).rejects.toMatchObject({
      code: 'ERR_FIELD_INVALID',
      details: { path: 'reveal[0]' },
    });
    await expect(deriveCredential(signed, { reveal: ['evidence'] })).rejects.toMatchObject({
      code: 'ERR_FIELD_INVALID',
    });
  });
});
