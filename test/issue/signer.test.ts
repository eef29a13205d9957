// Issuing with a key kept elsewhere: externalKey over a KMS in a worker thread (and a WebCrypto key)
// issues every format microcred makes, and status lists, through the same calls as a local key.
// What it signs verifies in microcred and in the plain Digital Bazaar stack, byte for byte as a local
// key would sign it; a signer that is wrong, failing or silent gets no credential out.
import * as vc from '@digitalbazaar/vc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DocumentLoader,
  MemoryStatusStore,
  StatusRegistry,
  didWebDocument,
  exportKey,
  externalKey,
  generateKey,
  issueCredential,
  verifyCredential,
  type ErrorCode,
  type Key,
  type SignedCredential,
  type UnsignedCredential,
} from '../../src/index.js';
import { NOW, check, clone, unsignedCredential } from '../helpers/credential.js';
import {
  digitalBazaarEd25519Signature2020Suite,
  digitalBazaarLoader,
  digitalBazaarSuite,
} from '../helpers/digitalBazaar.js';
import { rejection } from '../helpers/errors.js';
import { startWorkerKms, webCryptoSigner, type KmsMode, type WorkerKms } from '../keys/signerKms.js';

const DOMAIN = 'pd.example.org';
const DID = 'did:web:pd.example.org';
const LIST_BASE = 'https://pd.example.org/status';

let kms: WorkerKms;
let p256Kms: WorkerKms;
let rsaKms: WorkerKms;
let key: Key;

beforeAll(async () => {
  [kms, p256Kms, rsaKms] = await Promise.all([
    startWorkerKms('ed25519'),
    startWorkerKms('p256'),
    startWorkerKms('rsa'),
  ]);
  key = await externalKey({ algorithm: 'Ed25519', publicKey: kms.publicJwk, sign: kms.sign, timeoutMs: 300 });
});
afterAll(async () => {
  await Promise.all([kms.close(), p256Kms.close(), rsaKms.close()]);
});

function draft(issuer: Pick<Key, 'controller'>): UnsignedCredential {
  return unsignedCredential(issuer) as UnsignedCredential;
}

/** The plain Digital Bazaar stack's verdict on a Data Integrity credential (either suite). */
async function digitalBazaarVerifies(signed: SignedCredential): Promise<boolean> {
  const result = await vc.verifyCredential({
    credential: clone(signed),
    suite: [digitalBazaarSuite(), digitalBazaarEd25519Signature2020Suite()],
    documentLoader: digitalBazaarLoader(),
    now: NOW,
  });
  return result.verified === true;
}

describe('a KMS-held key issues every format, verified in microcred and in the plain stack', () => {
  it.each(['eddsa-rdfc-2022', 'Ed25519Signature2020'] as const)(
    '%s: the key never leaves the KMS, and both verifiers accept the proof',
    async (suite) => {
      const signed = await issueCredential(draft(key), { key, suite, now: NOW });
      expect(signed.proof).toMatchObject({ verificationMethod: key.id, proofPurpose: 'assertionMethod' });
      expect(await verifyCredential(signed, { now: NOW })).toMatchObject({ verified: true, summary: 'verified' });
      expect(await digitalBazaarVerifies(signed)).toBe(true);
      // The plain stack really checks: one changed value and it refuses.
      expect(await digitalBazaarVerifies({ ...clone(signed), name: 'Another badge' })).toBe(false);
    },
  );

  it('VC-JWTs signed EdDSA, ES256 (the KMS answers DER) and RS256 (a did:web key) verify in microcred', async () => {
    const es256 = await externalKey({ algorithm: 'ES256', publicKey: p256Kms.publicJwk, sign: p256Kms.sign });
    const rs256 = await externalKey({
      algorithm: 'RS256',
      publicKey: rsaKms.publicJwk,
      sign: rsaKms.sign,
      id: `${DID}#kms-rsa`,
    });
    const loader = new DocumentLoader({ documents: { [DID]: didWebDocument(DOMAIN, [rs256]) } });
    for (const [signer, alg] of [
      [key, 'EdDSA'],
      [es256, 'ES256'],
      [rs256, 'RS256'],
    ] as const) {
      const jwt = await issueCredential(draft(signer), { key: signer, format: 'jwt', now: NOW });
      const report = await verifyCredential(jwt, { now: NOW, loader });
      expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
      expect(report).toMatchObject({
        verified: true,
        format: 'vc-jwt',
        credential: { proof: { alg, verificationMethod: signer.id } },
      });
    }
  });

  it('a WebCrypto signer over a non-extractable key issues a credential both verifiers accept', async () => {
    const webCrypto = await webCryptoSigner();
    const webKey = await externalKey({ algorithm: 'Ed25519', publicKey: webCrypto.publicJwk, sign: webCrypto.sign });
    const signed = await issueCredential(draft(webKey), { key: webKey, now: NOW });
    expect(await verifyCredential(signed, { now: NOW })).toMatchObject({ verified: true });
    expect(await digitalBazaarVerifies(signed)).toBe(true);
  });

  it('a did:web issuer whose key is in the KMS (published as #key-1): verified with its DID document', async () => {
    const webKey = await externalKey({
      id: `${DID}#key-1`,
      algorithm: 'Ed25519',
      publicKey: kms.publicJwk,
      sign: kms.sign,
    });
    const signed = await issueCredential(draft(webKey), { key: webKey, now: NOW });
    const loader = new DocumentLoader({ documents: { [DID]: didWebDocument(DOMAIN, [webKey]) } });
    expect(await verifyCredential(signed, { now: NOW, loader })).toMatchObject({ verified: true });
  });
});

describe('the same key, local or in a KMS, signs the same bytes', () => {
  it('eddsa-rdfc-2022, Ed25519Signature2020 and a VC-JWT are identical for the same key, id and clock', async () => {
    const local = await generateKey();
    const { kty, crv, x, d } = await exportKey(local, { format: 'jwk', includeSecret: true });
    const held = await startWorkerKms('ed25519', { kty, crv, x, d } as Record<string, string>);
    try {
      const remote = await externalKey({ algorithm: 'Ed25519', publicKey: local.publicKeyMultibase, sign: held.sign });
      expect(remote.id).toBe(local.id);
      const fixed = { ...draft(local), id: 'urn:uuid:7d0c5e8e-2f0a-4c7b-9a51-3c1f6b2e9d40' } as UnsignedCredential;
      for (const suite of ['eddsa-rdfc-2022', 'Ed25519Signature2020'] as const) {
        const mine = await issueCredential(fixed, { key: local, suite, now: NOW });
        const theirs = await issueCredential(fixed, { key: remote, suite, now: NOW });
        expect(JSON.stringify(theirs)).toBe(JSON.stringify(mine));
      }
      expect(await issueCredential(fixed, { key: remote, format: 'jwt', now: NOW })).toBe(
        await issueCredential(fixed, { key: local, format: 'jwt', now: NOW }),
      );
      expect(await held.requests()).toBe(3);
    } finally {
      await held.close();
    }
  });
});

describe('status lists signed by a KMS-held key', () => {
  it('a StatusRegistry on an external key signs its lists; the credential verifies, then revoked is ERR_REVOKED', async () => {
    const registry = new StatusRegistry({
      store: new MemoryStatusStore(),
      key,
      listBaseUrl: LIST_BASE,
      clock: () => NOW,
    });
    const signed = await issueCredential(draft(key), { key, now: NOW, status: registry });
    expect(signed.credentialStatus).toHaveLength(2);
    expect(await verifyCredential(signed, { now: NOW, status: registry })).toMatchObject({ verified: true });

    const lists = await registry.publish();
    expect(lists.map((list) => list.proof)).toEqual(
      lists.map(() => expect.objectContaining({ verificationMethod: key.id, cryptosuite: 'eddsa-rdfc-2022' })),
    );
    // The published lists verify in the plain stack too.
    for (const list of lists) expect(await digitalBazaarVerifies(list as unknown as SignedCredential)).toBe(true);

    await registry.revoke(signed.id);
    const revoked = await verifyCredential(signed, { now: NOW, status: registry });
    expect(check(revoked, 'status')).toMatchObject({ outcome: 'failed', problem: { code: 'ERR_REVOKED' } });
  });

  it('a StatusRegistry refuses an ES256 signer: its lists need an Ed25519 Data Integrity proof', async () => {
    const es256 = await externalKey({ algorithm: 'ES256', publicKey: p256Kms.publicJwk, sign: p256Kms.sign });
    expect(() => new StatusRegistry({ store: new MemoryStatusStore(), key: es256, listBaseUrl: LIST_BASE })).toThrow(
      expect.objectContaining({ code: 'ERR_KEY_PROOF_UNSUPPORTED' }),
    );
  });
});

describe('issuing refuses what a local key would, and a signer that misbehaves gets nothing out', () => {
  it('a credential of another issuer: ERR_ISSUER_MISMATCH, and the KMS is never asked', async () => {
    const before = await kms.requests();
    const other = await generateKey();
    const error = await rejection(issueCredential(draft(other), { key, now: NOW }), 'ERR_ISSUER_MISMATCH');
    expect(error.details.path).toBe('issuer.id');
    expect(await kms.requests()).toBe(before);
  });

  it('an ES256 or RS256 signer asked for a Data Integrity proof: ERR_KEY_PROOF_UNSUPPORTED, the KMS never asked', async () => {
    const es256 = await externalKey({ algorithm: 'ES256', publicKey: p256Kms.publicJwk, sign: p256Kms.sign });
    const rs256 = await externalKey({
      algorithm: 'RS256',
      publicKey: rsaKms.publicJwk,
      sign: rsaKms.sign,
      controller: DID,
    });
    const before = [await p256Kms.requests(), await rsaKms.requests()];
    for (const signer of [es256, rs256]) {
      for (const suite of ['eddsa-rdfc-2022', 'Ed25519Signature2020'] as const) {
        const error = await rejection(
          issueCredential(draft(signer), { key: signer, suite, now: NOW }),
          'ERR_KEY_PROOF_UNSUPPORTED',
        );
        expect(error.details).toMatchObject({ path: 'key', keyType: signer.type, proof: suite });
      }
    }
    expect([await p256Kms.requests(), await rsaKms.requests()]).toEqual(before);
  });

  const FAILURES: [string, KmsMode, ErrorCode][] = [
    ['garbage', 'garbage', 'ERR_SIGNER_INVALID_SIGNATURE'],
    ["another key's signature", 'other-key', 'ERR_SIGNER_INVALID_SIGNATURE'],
    ['an error (access denied)', 'throw', 'ERR_SIGNER_FAILED'],
    ['no answer within timeoutMs', 'stall', 'ERR_SIGNER_TIMEOUT'],
  ];

  it.each(FAILURES)(
    'a KMS answering %s (mode %s): %s for every format, and no credential',
    async (_what, mode, code) => {
      kms.setMode(mode);
      try {
        for (const options of [
          { suite: 'eddsa-rdfc-2022' as const },
          { suite: 'Ed25519Signature2020' as const },
          { format: 'jwt' as const },
        ]) {
          const credential = draft(key);
          const before = clone(credential);
          const error = await rejection(issueCredential(credential, { key, now: NOW, ...options } as never), code);
          expect(error.details.keyId).toBe(key.id);
          // The caller's draft is untouched: no proof, no half-made credential.
          expect(credential).toEqual(before);
        }
      } finally {
        kms.setMode('ok');
      }
      // Once the KMS behaves, the same key issues again.
      expect(await verifyCredential(await issueCredential(draft(key), { key, now: NOW }), { now: NOW })).toMatchObject({
        verified: true,
      });
    },
  );

  it.each(FAILURES)(
    'a status list signed by a KMS answering %s (mode %s): %s, from the registry',
    async (_what, mode, code) => {
      const registry = new StatusRegistry({
        store: new MemoryStatusStore(),
        key,
        listBaseUrl: LIST_BASE,
        clock: () => NOW,
      });
      await issueCredential(draft(key), { key, now: NOW, status: registry });
      kms.setMode(mode);
      try {
        await rejection(registry.publish(), code);
      } finally {
        kms.setMode('ok');
      }
      expect(await registry.publish()).toHaveLength(2);
    },
  );
});
