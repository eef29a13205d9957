// A credential with several proofs: each is verified on its own and reported as a part of the
// signature check. The check passes when every proof of a supported suite verifies; one that fails
// fails it, one whose key cannot be found makes it "could not check", and a proof of a suite
// microcred does not verify is a warning part that counts neither way.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKey, issueCredential, verifyCredential, type Key } from '../../src/index.js';
import { NOW, check, clone, fixture, unsignedCredential } from '../helpers/credential.js';

let key: Key<'ed25519'>;
let both: Record<string, unknown> & { proof: Record<string, unknown>[] };

beforeAll(async () => {
  key = await generateKey();
  // The same credential signed twice, as DCC's bothSignatureTypes fixtures are.
  const unsigned = unsignedCredential(key, {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://w3id.org/security/suites/ed25519-2020/v1',
    ],
    id: 'urn:uuid:0b0e2f9c-4a7d-4d4e-8f64-2f0a9e1c7d55',
    validFrom: '2026-01-15T09:00:00Z',
  });
  const eddsa = await issueCredential(unsigned, { key, now: NOW });
  const ed2020 = await issueCredential(unsigned, { key, now: NOW, suite: 'Ed25519Signature2020' });
  both = {
    ...(clone(eddsa) as unknown as Record<string, unknown>),
    proof: [clone(eddsa.proof), clone(ed2020.proof)] as unknown as Record<string, unknown>[],
  };
});

describe('a credential with two proofs', () => {
  it('reports each proof as a part, labelled by type, cryptosuite and key; both verify, so the check passes', async () => {
    const report = await verifyCredential(both, { now: NOW });
    expect(check(report, 'signature')).toEqual({
      id: 'signature',
      title: 'The signature is valid',
      outcome: 'passed',
      parts: [
        { label: `DataIntegrityProof (eddsa-rdfc-2022) by ${key.id}`, outcome: 'passed' },
        { label: `Ed25519Signature2020 by ${key.id}`, outcome: 'passed' },
      ],
    });
    expect(report).toMatchObject({ authentic: true, verified: true, summary: 'verified' });
  });

  it('one proof that does not verify fails the check, and its part names which proof', async () => {
    const doc = clone(both);
    const value = doc.proof[1]!.proofValue as string;
    doc.proof[1]!.proofValue = value.slice(0, -4) + (value.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const report = await verifyCredential(doc, { now: NOW });
    const signature = check(report, 'signature');
    expect(signature).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_SIGNATURE_INVALID', path: 'proof[1]' },
    });
    expect(signature.parts?.map((p) => p.outcome)).toEqual(['passed', 'failed']);
    expect(report).toMatchObject({ authentic: false, verified: false, summary: 'invalid' });
  });

  it('a changed credential fails both parts', async () => {
    const doc = { ...clone(both), name: 'Changed after signing' };
    const signature = check(await verifyCredential(doc, { now: NOW }), 'signature');
    expect(signature.parts?.map((p) => p.problem?.code)).toEqual(['ERR_SIGNATURE_INVALID', 'ERR_SIGNATURE_INVALID']);
  });

  it('a proof whose key cannot be resolved: could not check, though the other verifies', async () => {
    const doc = clone(both);
    doc.proof[0]!.verificationMethod = 'did:web:nobody.example.org#key-1';
    const report = await verifyCredential(doc, { now: NOW });
    const signature = check(report, 'signature');
    expect(signature).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_NETWORK_DISABLED', path: 'proof[0].verificationMethod' },
    });
    expect(signature.parts?.map((p) => [p.label, p.outcome])).toEqual([
      ['DataIntegrityProof (eddsa-rdfc-2022) by did:web:nobody.example.org#key-1', 'could-not-check'],
      [`Ed25519Signature2020 by ${key.id}`, 'passed'],
    ]);
    expect(report).toMatchObject({ authentic: false, summary: 'could-not-check' });
  });

  it('a proof of a suite microcred does not verify is a could-not-check part; the supported ones decide', async () => {
    const doc = clone(both);
    doc.proof.push({ ...clone(doc.proof[0]!), cryptosuite: 'ecdsa-xi-2023' });
    const report = await verifyCredential(doc, { now: NOW });
    const signature = check(report, 'signature');
    expect(signature.outcome).toBe('passed');
    expect(signature.parts?.[2]).toMatchObject({
      label: `DataIntegrityProof (ecdsa-xi-2023) by ${key.id}`,
      outcome: 'could-not-check',
      problem: { code: 'ERR_PROOF_UNSUPPORTED', path: 'proof[2]' },
    });
    expect(report).toMatchObject({ authentic: true, verified: true });
  });

  it('a verificationMethod that is not a URL at all is a defect of the proof (ERR_KEY_INVALID), not a key to look for', async () => {
    const doc = clone(both);
    doc.proof[1]!.verificationMethod = key.publicKeyMultibase;
    const signature = check(await verifyCredential(doc, { now: NOW }), 'signature');
    expect(signature).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_KEY_INVALID', path: 'proof[1].verificationMethod' },
    });
  });
});

describe('a single proof', () => {
  it("has no parts: the check itself is the proof's verdict", async () => {
    const {
      proof: [first],
    } = both;
    const report = await verifyCredential({ ...clone(both), proof: first }, { now: NOW });
    expect(check(report, 'signature')).toEqual({ id: 'signature', title: 'The signature is valid', outcome: 'passed' });
  });
});

describe("DCC's bothSignatureTypes fixtures", () => {
  it('verify proof by proof: Ed25519Signature2020 and DataIntegrityProof eddsa-rdfc-2022 by the same did:key', async () => {
    const credential = fixture(
      'dcc/vc-test-fixtures/verifiableCredentials/v2/bothSignatureTypes/didkey/legacy-noStatus-noExpiry.json',
    );
    const parts = check(await verifyCredential(credential, { now: NOW }), 'signature').parts ?? [];
    expect(parts.map((p) => [p.label.split(' by ')[0], p.outcome])).toEqual([
      ['DataIntegrityProof (eddsa-rdfc-2022)', 'passed'],
      ['Ed25519Signature2020', 'passed'],
    ]);
  });
});
