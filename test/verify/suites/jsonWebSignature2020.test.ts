// JsonWebSignature2020, the legacy suite of Gaia-X, Catena-X and Transmute credentials (a detached
// JWS over the RDF dataset, keys as JsonWebKey2020): credentials signed here by an independent signer
// (jsonld + jose, ./jwsSigner.ts) verify with Ed25519, P-256 and P-384 did:keys and with secp256k1,
// RSA and Ed25519 keys of a did:web document; a changed value, another key, another DID's key, an
// expired badge and each way the JWS header can be wrong are told apart; it takes its part in a proof
// set; credentials signed by the field's package (fixtures/) verify. Verified, never issued.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  generateKey,
  issueCredential,
  signPresentation,
  verifyCredential,
  verifyPresentation,
} from '../../../src/index.js';
import { check, NOW, unsignedCredential } from '../../helpers/credential.js';
import {
  didDocumentOf,
  didKeyJwsKey,
  didWebJwsKey,
  JWS_2020_CONTEXT,
  jsonWebKey2020,
  signJws2020,
  type JwsKey,
  type JwsSignOptions,
  withUnreducedS,
} from './jwsSigner.js';

type Doc = Record<string, unknown>;
const DID = 'did:web:pd.example.org';

/** An Open Badge of `issuer` under VC 2.0, OB 3.0.3 and the suite's context. */
function badge(issuer: string, overrides: Doc = {}): Doc {
  const draft = unsignedCredential({ controller: issuer } as never, {
    id: `urn:uuid:${globalThis.crypto.randomUUID()}`,
    ...overrides,
  }) as Doc;
  return { ...draft, '@context': [...(draft['@context'] as string[]), JWS_2020_CONTEXT] };
}

const signed = (key: JwsKey, overrides: Doc = {}, options: JwsSignOptions = {}) =>
  signJws2020(badge(key.controller, overrides), key, options);

/** The did:web document listing `keys`, as the caller's documents option holds it. */
const documentsOf = (keys: JwsKey[], relationship?: string) => ({ [DID]: didDocumentOf(DID, keys, relationship) });

describe.each(['Ed25519', 'P-256', 'P-384'] as const)('JsonWebSignature2020 with a %s did:key', (kind) => {
  it('a credential signed by an independent signer verifies', async () => {
    const key = didKeyJwsKey(kind);
    const credential = await signed(key);
    expect((credential.proof as Doc).jws).toMatch(/^eyJ[^.]+\.\.[^.]+$/);
    const report = await verifyCredential(credential, { now: NOW });
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report).toMatchObject({ verified: true, authentic: true });
  });

  it('a changed name fails the signature (ERR_SIGNATURE_INVALID)', async () => {
    const key = didKeyJwsKey(kind);
    const report = await verifyCredential({ ...(await signed(key)), name: 'Changed after signing' }, { now: NOW });
    expect(check(report, 'signature')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_SIGNATURE_INVALID' } });
    expect(report.authentic).toBe(false);
  });

  it('a proof that names another key of the same kind than the one that signed fails', async () => {
    const [signer, other] = [didKeyJwsKey(kind), didKeyJwsKey(kind)];
    const credential = await signJws2020(badge(other.controller), signer);
    // The issuer and the verificationMethod agree; the signature is by another key.
    const forged = { ...credential, proof: { ...(credential.proof as Doc), verificationMethod: other.id } };
    const report = await verifyCredential(forged, { now: NOW });
    expect(check(report, 'signature')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_SIGNATURE_INVALID' } });
  });
});

describe('JsonWebSignature2020: what is signed, and whose key', () => {
  it('the proof options are signed too: a changed created date fails', async () => {
    const key = didKeyJwsKey('Ed25519');
    const credential = await signed(key);
    const moved = { ...credential, proof: { ...(credential.proof as Doc), created: '2026-01-16T09:00:00Z' } };
    const report = await verifyCredential(moved, { now: NOW });
    expect(check(report, 'signature')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_SIGNATURE_INVALID' } });
  });

  it("a genuine proof by another DID's key verifies, and the issuer check says whose key it is (ERR_ISSUER_MISMATCH)", async () => {
    const [issuer, someoneElse] = [didKeyJwsKey('Ed25519'), didKeyJwsKey('Ed25519')];
    const credential = await signJws2020(badge(issuer.controller), someoneElse);
    const report = await verifyCredential(credential, { now: NOW });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(check(report, 'issuer')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_ISSUER_MISMATCH' } });
    expect(check(report, 'issuer').problem?.detail).toContain(someoneElse.controller);
    expect(report).toMatchObject({ authentic: false, verified: false });
  });

  it('an expired badge is authentic and shown as expired', async () => {
    const key = didKeyJwsKey('P-256');
    const report = await verifyCredential(await signed(key, { validUntil: '2026-03-01T00:00:00Z' }), { now: NOW });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(check(report, 'validity').problem?.code).toBe('ERR_EXPIRED');
    expect(report).toMatchObject({ authentic: true, verified: false });
  });

  it('a VC 1.1 badge (credentials/v1, issuanceDate), as the suite was mostly used, verifies', async () => {
    const key = didKeyJwsKey('Ed25519');
    const { validFrom: _from, ...draft } = badge(key.controller, { issuanceDate: '2026-01-15T09:00:00Z' });
    const legacy = {
      ...draft,
      '@context': ['https://www.w3.org/2018/credentials/v1', ...(draft['@context'] as string[]).slice(1)],
    };
    const report = await verifyCredential(await signJws2020(legacy, key), { now: NOW });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(report.authentic).toBe(true);
  });
});

describe('JsonWebSignature2020 in a proof set', () => {
  it("beside the issuer's eddsa-rdfc-2022 proof, a JsonWebSignature2020 proof by another DID is a part of its own: also signed by", async () => {
    const issuer = await generateKey();
    const witness = didKeyJwsKey('P-256');
    const draft = badge(issuer.controller as string);
    const own = (await issueCredential(draft as never, { key: issuer, now: NOW })) as unknown as Doc;
    const theirs = await signJws2020(draft, witness);
    const report = await verifyCredential({ ...own, proof: [own.proof, theirs.proof] }, { now: NOW });
    expect(check(report, 'signature').parts?.map((p) => [p.label, p.outcome, p.problem?.code])).toEqual([
      [`DataIntegrityProof (eddsa-rdfc-2022) by ${issuer.id}`, 'passed', undefined],
      [`JsonWebSignature2020 by ${witness.id}`, 'warning', 'ERR_PROOF_NOT_BY_ISSUER'],
    ]);
    expect(report).toMatchObject({ verified: true, authentic: true });
  });
});

describe('JsonWebSignature2020 badges in a presentation', () => {
  it("a teacher's presentation of a JsonWebSignature2020 badge verifies, the badge with its own full report", async () => {
    const [issuer, teacher] = [didKeyJwsKey('P-256'), await generateKey()];
    const subject = { ...(badge(issuer.controller).credentialSubject as Doc), id: teacher.controller };
    const earned = await signed(issuer, { credentialSubject: subject });
    const options = { challenge: 'c-8f2e', domain: 'https://verifier.example.org' };
    const vp = await signPresentation({ verifiableCredential: [earned] }, { key: teacher, ...options, now: NOW });
    const report = await verifyPresentation(vp, { ...options, now: NOW });
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report.credentials.map((c) => [c.verified, c.checks.find((x) => x.id === 'signature')?.outcome])).toEqual([
      [true, 'passed'],
    ]);
  });
});

describe('JsonWebSignature2020 needs its context', () => {
  it("without https://w3id.org/security/suites/jws-2020/v1 the proof's terms are undefined, and the message names the context", async () => {
    const key = didKeyJwsKey('Ed25519');
    const credential = await signed(key);
    const without = { ...credential, '@context': (credential['@context'] as string[]).slice(0, -1) };
    const report = await verifyCredential(without, { now: NOW });
    expect(check(report, 'jsonld')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_TERM_UNDEFINED' } });
    expect(check(report, 'jsonld').problem?.path).toMatch(/^proof\./);
    expect(check(report, 'jsonld').problem?.detail).toContain(
      `JsonWebSignature2020 proof's terms are defined by ${JWS_2020_CONTEXT}`,
    );
  });
});

describe('JsonWebSignature2020 with a did:web issuer whose document lists JsonWebKey2020 methods', () => {
  it.each(['Ed25519', 'P-256', 'secp256k1', 'RSA'] as const)(
    '%s: a JsonWebKey2020 of this kind verifies',
    async (kind) => {
      const key = didWebJwsKey(DID, 'key-1', kind);
      const report = await verifyCredential(await signed(key), { documents: documentsOf([key]), now: NOW });
      expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
      expect(report).toMatchObject({ verified: true, authentic: true });
    },
  );

  it('the document must list the key for assertionMethod: one for authentication only is ERR_KEY_NOT_AUTHORIZED', async () => {
    const key = didWebJwsKey(DID, 'auth', 'P-256');
    const report = await verifyCredential(await signed(key), {
      documents: documentsOf([key], 'authentication'),
      now: NOW,
    });
    expect(check(report, 'signature')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_KEY_NOT_AUTHORIZED' },
    });
  });

  it('a published secp256k1 key that carries its private part is never trusted (ERR_KEY_INVALID)', async () => {
    const key = didWebJwsKey(DID, 'key-1', 'secp256k1');
    const leaked = { ...jsonWebKey2020(key), publicKeyJwk: key.privateKey.export({ format: 'jwk' }) };
    const document = { ...didDocumentOf(DID, [key]), verificationMethod: [leaked] };
    const report = await verifyCredential(await signed(key), { documents: { [DID]: document }, now: NOW });
    expect(check(report, 'signature')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_KEY_INVALID', path: 'proof.verificationMethod' },
    });
    expect(check(report, 'signature').problem?.detail).toContain('private key material');
  });

  it.each([
    ['expired (ERR_KEY_EXPIRED)', { expires: '2026-03-01T00:00:00Z' }, 'ERR_KEY_EXPIRED'],
    ['revoked (ERR_KEY_INVALID)', { revoked: '2026-03-01T00:00:00Z' }, 'ERR_KEY_INVALID'],
  ])('a key its controller says has %s no longer verifies', async (_name, lifecycle, code) => {
    const key = didWebJwsKey(DID, 'key-1', 'P-256');
    const document = { ...didDocumentOf(DID, [key]), verificationMethod: [{ ...jsonWebKey2020(key), ...lifecycle }] };
    const report = await verifyCredential(await signed(key), { documents: { [DID]: document }, now: NOW });
    expect(check(report, 'signature')).toMatchObject({ outcome: 'failed', problem: { code } });
  });

  it('offline, without the DID document, the key could not be checked (not a failure)', async () => {
    const key = didWebJwsKey(DID, 'key-1', 'Ed25519');
    const report = await verifyCredential(await signed(key), { now: NOW });
    expect(check(report, 'signature').outcome).toBe('could-not-check');
    expect(report.checks.some((c) => c.outcome === 'failed')).toBe(false);
  });
});

describe("JsonWebSignature2020: the JWS header is the suite's, and fits the key", () => {
  // Each JWS below is genuinely signed by the issuer's key over the right verify data: only the header differs.
  it.each([
    ['b64 true (an encoded payload)', { b64: true }],
    ['no b64', { b64: undefined, crit: undefined }],
    ['no crit', { crit: undefined }],
    ['crit naming another extension too', { crit: ['b64', 'exp'] }],
    ['alg none', { alg: 'none' }],
    ['a shared-secret MAC (HS256)', { alg: 'HS256' }],
  ])('%s: failed, ERR_JWS_INVALID', async (_name, header) => {
    const key = didKeyJwsKey('Ed25519');
    const report = await verifyCredential(await signed(key, {}, { header }), { now: NOW });
    expect(check(report, 'signature')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_JWS_INVALID', path: 'proof.jws' },
    });
    expect(report.authentic).toBe(false);
  });

  it('an attached payload, or no jws at all, is not the detached JWS of the suite (ERR_JWS_INVALID)', async () => {
    const key = didKeyJwsKey('Ed25519');
    const credential = await signed(key);
    const proof = credential.proof as Doc;
    const [head, , signature] = String(proof.jws).split('.');
    for (const changed of [
      { ...proof, jws: `${head}.e30.${signature}` },
      { ...proof, jws: undefined },
    ]) {
      const report = await verifyCredential({ ...credential, proof: changed }, { now: NOW });
      expect(check(report, 'signature')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_JWS_INVALID' } });
    }
  });

  it('an alg that does not fit the key (ES256 over an Ed25519 key): ERR_JWS_KEY_ALG_MISMATCH', async () => {
    const key = didKeyJwsKey('Ed25519');
    const report = await verifyCredential(await signed(key, {}, { header: { alg: 'ES256' } }), { now: NOW });
    expect(check(report, 'signature')).toMatchObject({
      outcome: 'failed',
      problem: { code: 'ERR_JWS_KEY_ALG_MISMATCH', path: 'proof.jws' },
    });
    expect(check(report, 'signature').problem?.detail).toContain('Ed25519');
  });

  it('an algorithm the suite does not define (ES512, P-521) could not be checked: ERR_JWS_ALG_UNSUPPORTED naming it', async () => {
    const key = didWebJwsKey(DID, 'key-521', 'P-521');
    const report = await verifyCredential(await signed(key), { documents: documentsOf([key]), now: NOW });
    expect(check(report, 'signature')).toMatchObject({
      outcome: 'could-not-check',
      problem: { code: 'ERR_JWS_ALG_UNSUPPORTED', path: 'proof.jws' },
    });
    expect(check(report, 'signature').problem?.detail).toContain('ES512');
    expect(report.checks.some((c) => c.outcome === 'failed')).toBe(false);
  });
});

describe('JsonWebSignature2020: an Ed25519 signature has one encoding', () => {
  it('the same signature with S + L (not reduced, RFC 8032 §5.1.7) fails: ERR_SIGNATURE_INVALID', async () => {
    const key = didKeyJwsKey('Ed25519');
    const credential = await signed(key);
    const proof = credential.proof as Doc;
    expect((await verifyCredential(credential, { now: NOW })).authentic).toBe(true);
    const report = await verifyCredential(
      { ...credential, proof: { ...proof, jws: withUnreducedS(String(proof.jws)) } },
      { now: NOW },
    );
    expect(check(report, 'signature')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_SIGNATURE_INVALID' } });
    expect(check(report, 'signature').problem?.detail).toContain('not reduced');
  });
});

// Signed once by @transmute/json-web-signature 0.7.0-unstable.82, the field's implementation
// (fixtures/README.md says how): microcred reads what the field writes.
describe('JsonWebSignature2020 credentials signed by the field’s package', () => {
  const { documents, credentials } = JSON.parse(
    readFileSync(new URL('./fixtures/transmute-jws2020.json', import.meta.url), 'utf8'),
  ) as { documents: Record<string, Doc>; credentials: Record<string, Doc> };

  it.each(Object.keys(credentials))('%s: verifies as signed; a changed name does not', async (name) => {
    const credential = credentials[name] as Doc;
    const report = await verifyCredential(credential, { documents, now: NOW });
    expect(check(report, 'signature').outcome).toBe('passed');
    expect(check(report, 'issuer').outcome).toBe('passed');
    expect(report).toMatchObject({ authentic: true, verified: true });
    const changed = await verifyCredential({ ...credential, name: 'Changed after signing' }, { documents, now: NOW });
    expect(check(changed, 'signature').problem?.code).toBe('ERR_SIGNATURE_INVALID');
  });
});
