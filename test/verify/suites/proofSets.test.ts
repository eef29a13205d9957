// Several proofs on one credential (VC Data Integrity §2.1.1 proof sets, §2.1.2 chains): each proof
// is reported on its own line; a proof that follows another (previousProof) verifies only over the
// credential together with that proof, and fails when it was removed; a suite microcred does not
// implement is "could not check", never a failed signature.
import { describe, expect, it } from 'vitest';
import jsigs from 'jsonld-signatures';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsa } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { cryptosuite as ecdsa } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import { verifyCredential } from '../../../src/index.js';
import { check, NOW } from '../../helpers/credential.js';
import {
  badgeOf,
  DIGITAL_BAZAAR_SIGNED_AT,
  ecdsaPair,
  ed25519Pair,
  issueWithPlainStack,
  plainLoader,
  type PlainPair,
} from './plainStack.js';

type Doc = Record<string, unknown>;
type Proof = Record<string, unknown>;

const FIRST = 'urn:uuid:4a9c6a9e-0c4b-4f0b-9a43-3d3a4c1f0001';
const SECOND = 'urn:uuid:4a9c6a9e-0c4b-4f0b-9a43-3d3a4c1f0002';

/** A suite of the plain stack whose proof carries `options` (an id, a previousProof) and is made at `date`. */
function suite(pair: PlainPair, options: Proof, curve: 'ed25519' | 'ecdsa', date = DIGITAL_BAZAAR_SIGNED_AT) {
  const made = new DataIntegrityProof({
    signer: pair.signer(),
    cryptosuite: curve === 'ed25519' ? eddsa : ecdsa,
    date,
  }) as { proof?: Proof; createProof(options: { document: Doc }): Promise<Proof> };
  made.proof = options;
  return made;
}

/**
 * Adds to `signed` a proof by `pair` that follows `previous` (§4.4 "Add Proof Set/Chain": the new proof
 * signs the credential with the proofs it names as its `proof`). The plain stack has no chains, so the
 * proofs are handed to its suite here, as the spec's algorithm says.
 */
async function chain(signed: Doc, pair: PlainPair, previous: Proof[]): Promise<Doc> {
  const next = suite(pair, { id: SECOND, previousProof: previous.map((p) => p.id as string) }, 'ecdsa');
  const createProof = next.createProof.bind(next);
  next.createProof = (options) => createProof({ ...options, document: { ...options.document, proof: previous } });
  return jsigs.sign(structuredClone(signed), {
    suite: next,
    purpose: new jsigs.purposes.AssertionProofPurpose(),
    documentLoader: plainLoader(),
  });
}

async function issuerAndWitness() {
  const issuer = await ed25519Pair();
  const witness = await ecdsaPair('P-256');
  const signed = await issueWithPlainStack(badgeOf(issuer), suite(issuer, { id: FIRST }, 'ed25519'));
  return { issuer, witness, signed };
}

describe('proof sets', () => {
  it('two proofs by two keys of two suites: each is a part of the signature check, the issuer decides', async () => {
    const { issuer, witness, signed } = await issuerAndWitness();
    const other = await issueWithPlainStack(badgeOf(issuer, { id: signed.id as string }), suite(witness, {}, 'ecdsa'));
    const both = { ...signed, proof: [signed.proof, other.proof] };
    // The same credential signed twice: the witness's proof covers the same statements.
    expect({ ...other, proof: undefined }).toEqual({ ...signed, proof: undefined });
    const report = await verifyCredential(both, { now: NOW });
    const signature = check(report, 'signature');
    expect(signature.outcome).toBe('passed');
    expect(signature.parts?.map((p) => [p.label, p.outcome, p.problem?.code])).toEqual([
      [`DataIntegrityProof (eddsa-rdfc-2022) by ${issuer.id}`, 'passed', undefined],
      [`DataIntegrityProof (ecdsa-rdfc-2019) by ${witness.id}`, 'warning', 'ERR_PROOF_NOT_BY_ISSUER'],
    ]);
    expect(report).toMatchObject({ verified: true, authentic: true });
  });

  it('a proof of a suite microcred does not implement, beside a verified one, names the suite and is not a failure', async () => {
    const { issuer, signed } = await issuerAndWitness();
    const unknown = { ...(signed.proof as Proof), cryptosuite: 'ecdsa-xi-2023', proofValue: 'u2V0ChVhA' };
    const report = await verifyCredential({ ...signed, proof: [signed.proof, unknown] }, { now: NOW });
    const part = check(report, 'signature').parts?.[1];
    expect(part).toMatchObject({
      label: `DataIntegrityProof (ecdsa-xi-2023) by ${issuer.id}`,
      outcome: 'could-not-check',
      problem: { code: 'ERR_PROOF_UNSUPPORTED', path: 'proof[1]' },
    });
    expect(part?.problem?.detail).toContain('DataIntegrityProof (ecdsa-rdfc-2019)');
    expect(report).toMatchObject({ verified: true, authentic: true });
  });

  it('a credential whose only proof is of such a suite could not be checked (ERR_PROOF_UNSUPPORTED naming it): no signature was found wrong', async () => {
    const { signed } = await issuerAndWitness();
    const unknown = { ...(signed.proof as Proof), cryptosuite: 'ecdsa-xi-2023' };
    const report = await verifyCredential({ ...signed, proof: unknown }, { now: NOW });
    const proof = check(report, 'proof');
    expect(proof).toMatchObject({ outcome: 'could-not-check', problem: { code: 'ERR_PROOF_UNSUPPORTED' } });
    expect(proof.problem?.detail).toContain('DataIntegrityProof / ecdsa-xi-2023');
    expect(report.checks.some((c) => c.outcome === 'failed')).toBe(false);
    expect(report.summary).toBe('could-not-check');
  });
});

describe('proof chains (previousProof)', () => {
  it("a proof that follows the issuer's verifies over the credential with it; both are reported", async () => {
    const { issuer, witness, signed } = await issuerAndWitness();
    const chained = await chain(signed, witness, [signed.proof as Proof]);
    const proofs = chained.proof as Proof[];
    expect(proofs.map((p) => [p.id, p.previousProof])).toEqual([
      [FIRST, undefined],
      [SECOND, [FIRST]],
    ]);
    const report = await verifyCredential(chained, { now: NOW });
    expect(check(report, 'signature').parts?.map((p) => [p.label, p.outcome])).toEqual([
      [`DataIntegrityProof (eddsa-rdfc-2022) by ${issuer.id}`, 'passed'],
      [`DataIntegrityProof (ecdsa-rdfc-2019) by ${witness.id}`, 'warning'],
    ]);
    expect(report).toMatchObject({ verified: true, authentic: true });
  });

  it('the chained proof signed the proof it follows: verified without it (as a plain set would be), it fails', async () => {
    const { witness, signed } = await issuerAndWitness();
    const chained = await chain(signed, witness, [signed.proof as Proof]);
    const [first, second] = chained.proof as Proof[];
    // The same two proofs with the chain link dropped from the second: no longer what was signed.
    const unlinked = { ...chained, proof: [first, { ...second, previousProof: undefined }] };
    const report = await verifyCredential(JSON.parse(JSON.stringify(unlinked)), { now: NOW });
    expect(check(report, 'signature')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_SIGNATURE_INVALID', path: 'proof[1]' },
    });
  });

  it('the proof a chained proof names was removed: ERR_PROOF_CHAIN_BROKEN, a failure', async () => {
    const { witness, signed } = await issuerAndWitness();
    const chained = await chain(signed, witness, [signed.proof as Proof]);
    const [, second] = chained.proof as Proof[];
    const report = await verifyCredential({ ...chained, proof: [second] }, { now: NOW });
    expect(check(report, 'signature')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_PROOF_CHAIN_BROKEN', path: 'proof[0].previousProof' },
    });
    expect(check(report, 'signature').problem?.detail).toContain(FIRST);
  });

  it('the proof it follows replaced by another valid proof of the issuer under the same id: the chained proof fails', async () => {
    const { issuer, witness, signed } = await issuerAndWitness();
    const chained = await chain(signed, witness, [signed.proof as Proof]);
    const resigned = await issueWithPlainStack(
      badgeOf(issuer, { id: signed.id as string }),
      suite(issuer, { id: FIRST }, 'ed25519', '2026-02-01T09:00:00Z'),
    );
    const report = await verifyCredential(
      { ...chained, proof: [resigned.proof, (chained.proof as Proof[])[1]] },
      { now: NOW },
    );
    const signature = check(report, 'signature');
    expect(signature.parts?.map((p) => [p.outcome, p.problem?.code])).toEqual([
      ['passed', undefined],
      ['failed', 'ERR_SIGNATURE_INVALID'],
    ]);
    expect(report.authentic).toBe(false);
  });
});
