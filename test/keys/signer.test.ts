// externalKey: a Key over a signer kept elsewhere (a KMS in a worker thread, a WebCrypto key). It is
// named and checked like any key; every signature it hands back is checked against its public key,
// bounded in time, and a signer's failure is a MicrocredError with its own code. No secret is held.
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_SIGNER_TIMEOUT_MS,
  Key,
  exportKey,
  externalKey,
  generateKey,
  type ExternalSigner,
} from '../../src/index.js';
import { rejection } from '../helpers/errors.js';
import { startWorkerKms, webCryptoSigner, type WorkerKms } from './signerKms.js';

const DID = 'did:web:pd.example.org';
const DATA = new TextEncoder().encode('the bytes a proof signs');

let ed25519: WorkerKms;
let p256: WorkerKms;
let rsa: WorkerKms;

beforeAll(async () => {
  [ed25519, p256, rsa] = await Promise.all([startWorkerKms('ed25519'), startWorkerKms('p256'), startWorkerKms('rsa')]);
});
afterAll(async () => {
  await Promise.all([ed25519.close(), p256.close(), rsa.close()]);
});

/** Verifies `signature` over `data` with `kms`'s public key, independently of microcred. */
async function verifiesWith(kms: WorkerKms, algorithm: 'Ed25519' | 'ES256' | 'RS256', signature: Uint8Array) {
  const params = {
    Ed25519: [{ name: 'Ed25519' }, { name: 'Ed25519' }],
    ES256: [
      { name: 'ECDSA', namedCurve: 'P-256' },
      { name: 'ECDSA', hash: 'SHA-256' },
    ],
    RS256: [{ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, { name: 'RSASSA-PKCS1-v1_5' }],
  }[algorithm];
  const key = await crypto.subtle.importKey('jwk', kms.publicJwk, params[0] as never, false, ['verify']);
  return crypto.subtle.verify(params[1] as never, key, signature as Uint8Array<ArrayBuffer>, DATA);
}

function signerOf(kms: WorkerKms, overrides: Partial<ExternalSigner> = {}): ExternalSigner {
  return { algorithm: 'Ed25519', publicKey: kms.publicJwk, sign: kms.sign, ...overrides };
}

describe('externalKey: a Key whose secret stays in the signer', () => {
  it('an Ed25519 signer is a Key named by its did:key, which can sign all three proofs', async () => {
    const key = await externalKey(signerOf(ed25519));
    expect(key).toBeInstanceOf(Key);
    expect(key.type).toBe('ed25519');
    expect(key.controller).toBe(`did:key:${key.publicKeyMultibase}`);
    expect(key.id).toBe(`${key.controller}#${key.publicKeyMultibase}`);
    expect([key.canSign, key.signsElsewhere, key.proofs]).toEqual([
      true,
      true,
      ['eddsa-rdfc-2022', 'Ed25519Signature2020', 'jwt'],
    ]);
    expect(await verifiesWith(ed25519, 'Ed25519', await key.sign(DATA))).toBe(true);
  });

  it('a P-256 signer that answers in DER (as AWS and Google Cloud KMS do) gives the JWS form r ‖ s, 64 bytes', async () => {
    const key = await externalKey(signerOf(p256, { algorithm: 'ES256', id: `${DID}#kms-p256` }));
    expect([key.type, key.id, key.controller, key.jwtAlgorithm]).toEqual(['p256', `${DID}#kms-p256`, DID, 'ES256']);
    const signature = await key.sign(DATA);
    expect(signature.length).toBe(64);
    expect(await verifiesWith(p256, 'ES256', signature)).toBe(true);
  });

  it('an RSA signer signs RS256 and makes VC-JWTs only', async () => {
    const key = await externalKey(signerOf(rsa, { algorithm: 'RS256', controller: DID }));
    expect([key.type, key.controller, key.proofs]).toEqual(['rsa', DID, ['jwt']]);
    expect(await verifiesWith(rsa, 'RS256', await key.sign(DATA))).toBe(true);
    expect(() => key.assertCanMake('eddsa-rdfc-2022')).toThrow(
      expect.objectContaining({ code: 'ERR_KEY_PROOF_UNSUPPORTED' }),
    );
  });

  it('a WebCrypto signer over a non-extractable key, answering with an ArrayBuffer, and a Multikey public key', async () => {
    const webCrypto = await webCryptoSigner();
    const jwkKey = await externalKey({ algorithm: 'EdDSA', publicKey: webCrypto.publicJwk, sign: webCrypto.sign });
    const multikey = await externalKey({
      algorithm: 'Ed25519',
      publicKey: jwkKey.publicKeyMultibase,
      sign: webCrypto.sign,
    });
    expect(multikey.id).toBe(jwkKey.id);
    const signature = await multikey.sign(DATA);
    expect(signature).toBeInstanceOf(Uint8Array);
    expect(signature.length).toBe(64);
  });

  it('holds no secret: export with includeSecret gives the public key only, and inspect says the signer is external', async () => {
    const key = await externalKey(signerOf(ed25519));
    expect(Key.secretOf(key)).toBeUndefined();
    const exported = await exportKey(key, { format: 'jwk', includeSecret: true });
    expect(exported).not.toHaveProperty('d');
    expect(await exportKey(key, { includeSecret: true })).not.toHaveProperty('secretKeyMultibase');
    expect(inspect(key)).toContain('signer: [external]');
    expect(inspect(key)).not.toContain('secret');
    // Re-named under another controller, it still signs through the same signer.
    const renamed = key.withController(DID, 'key-1');
    expect([renamed.id, renamed.signsElsewhere]).toEqual([`${DID}#key-1`, true]);
    expect(await verifiesWith(ed25519, 'Ed25519', await renamed.sign(DATA))).toBe(true);
  });
});

describe('externalKey refuses a signer it cannot name or trust, before any signature', () => {
  it('an algorithm that is not the public key\'s (ERR_KEY_INVALID, path "algorithm")', async () => {
    const before = await ed25519.requests();
    for (const [kms, algorithm] of [
      [ed25519, 'ES256'],
      [p256, 'Ed25519'],
      [rsa, 'ES256'],
      [ed25519, 'HS256'],
    ] as const) {
      const error = await rejection(
        externalKey(signerOf(kms, { algorithm: algorithm as 'ES256', controller: DID })),
        'ERR_KEY_INVALID',
      );
      expect(error.details.path).toBe('algorithm');
    }
    expect(await ed25519.requests()).toBe(before);
  });

  it('a did:key id that names another key: such proofs could never verify', async () => {
    const other = await generateKey();
    const error = await rejection(externalKey(signerOf(ed25519, { id: other.id })), 'ERR_KEY_INVALID');
    expect(error.message).toContain('a did:key controls only its own key');
  });

  it('a public key given with its secret: the secret belongs in the signer', async () => {
    const local = await generateKey();
    const withSecret = await exportKey(local, { format: 'jwk', includeSecret: true });
    const error = await rejection(externalKey({ ...signerOf(ed25519), publicKey: withSecret }), 'ERR_KEY_INVALID');
    expect(error.details.path).toBe('publicKey');
    expect(error.message).not.toContain(withSecret.d as string);
    await rejection(
      externalKey({ ...signerOf(ed25519), publicKey: await exportKey(local, { includeSecret: true }) }),
      'ERR_KEY_INVALID',
    );
  });

  it('no sign function, an unreadable public key, a timeout that is not a positive number', async () => {
    await rejection(externalKey({ algorithm: 'Ed25519', publicKey: ed25519.publicJwk } as never), 'ERR_KEY_INVALID');
    expect((await rejection(externalKey(signerOf(ed25519, { publicKey: 'z6Mk-not-a-key' })))).details.path).toBe(
      'publicKey',
    );
    for (const timeoutMs of [0, -1, Number.NaN, Infinity])
      await rejection(externalKey(signerOf(ed25519, { timeoutMs })), 'ERR_FIELD_INVALID');
  });
});

describe('every signature is checked, and a failing signer is a MicrocredError', () => {
  it.each([
    ['garbage bytes', 'garbage', 'ERR_SIGNER_INVALID_SIGNATURE'],
    ["another key's signature", 'other-key', 'ERR_SIGNER_INVALID_SIGNATURE'],
    ['a string, not bytes', 'not-bytes', 'ERR_SIGNER_INVALID_SIGNATURE'],
    ['a thrown error', 'throw', 'ERR_SIGNER_FAILED'],
  ] as const)('%s: %s', async (_what, mode, code) => {
    for (const [kms, algorithm] of [
      [ed25519, 'Ed25519'],
      [p256, 'ES256'],
      [rsa, 'RS256'],
    ] as const) {
      const key = await externalKey(signerOf(kms, { algorithm, controller: DID }));
      kms.setMode(mode);
      try {
        const error = await rejection(key.sign(DATA), code);
        expect(error.details).toMatchObject({ path: 'sign', keyId: key.id });
        if (code === 'ERR_SIGNER_FAILED') {
          expect(error.message).toContain('AccessDeniedException');
          expect(error.cause).toBeInstanceOf(Error);
        }
      } finally {
        kms.setMode('ok');
      }
      // The same key signs again once the signer behaves.
      expect(await verifiesWith(kms, algorithm, await key.sign(DATA))).toBe(true);
    }
  });

  it('a signer that throws synchronously is ERR_SIGNER_FAILED too', async () => {
    const key = await externalKey({
      ...signerOf(ed25519),
      sign: () => {
        throw new TypeError('kms client not configured');
      },
    });
    expect((await rejection(key.sign(DATA), 'ERR_SIGNER_FAILED')).message).toContain('kms client not configured');
  });

  it('a signer that never answers is ERR_SIGNER_TIMEOUT after timeoutMs, and its AbortSignal fires', async () => {
    const key = await externalKey(signerOf(ed25519, { timeoutMs: 150 }));
    ed25519.setMode('stall');
    const started = performance.now();
    try {
      const error = await rejection(key.sign(DATA), 'ERR_SIGNER_TIMEOUT');
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(140);
      expect(elapsed).toBeLessThan(150 + 2000);
      expect(error.details).toMatchObject({ timeoutMs: 150, keyId: key.id });
      const signal = ed25519.signals.at(-1) as AbortSignal;
      expect(signal.aborted).toBe(true);
      expect(signal.reason).toBe(error);
    } finally {
      ed25519.setMode('ok');
    }
  });

  it('the default timeout is 10 s; a signer that answers leaves its signal un-aborted', async () => {
    expect(DEFAULT_SIGNER_TIMEOUT_MS).toBe(10_000);
    const key = await externalKey(signerOf(ed25519));
    await key.sign(DATA);
    expect((ed25519.signals.at(-1) as AbortSignal).aborted).toBe(false);
  });

  it('the signer gets its own copy of the bytes: changing them cannot change what is checked', async () => {
    const key = await externalKey({
      ...signerOf(ed25519),
      sign: async (data, options) => {
        const signature = await ed25519.sign(data, options);
        data.fill(0);
        return signature;
      },
    });
    const data = DATA.slice();
    expect(await verifiesWith(ed25519, 'Ed25519', await key.sign(data))).toBe(true);
    expect(data).toEqual(DATA);
  });
});
