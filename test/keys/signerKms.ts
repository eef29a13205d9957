// Stand-ins for a key kept elsewhere, shared by the external-signer tests. A "KMS" in a worker
// thread: its private key is made (or received) inside the worker and never crosses back; only
// signatures do, as they would from a remote KMS. And a WebCrypto signer over a non-extractable key.
import { Worker } from 'node:worker_threads';
import type { ExternalSigner, PublicJwk } from '../../src/index.js';

/** How the worker KMS answers a sign request: correctly, or in one of the ways a KMS goes wrong. */
export type KmsMode = 'ok' | 'throw' | 'stall' | 'garbage' | 'other-key' | 'not-bytes';

/** The kind of key the worker KMS holds. */
export type KmsKeyType = 'ed25519' | 'p256' | 'rsa';

// Runs in the worker (CommonJS, eval): holds the key, signs with node:crypto, answers by message.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const { type, seedJwk } = workerData;
const generate = (t) =>
  t === 'ed25519' ? crypto.generateKeyPairSync('ed25519')
  : t === 'p256' ? crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' })
  : crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const pair = seedJwk
  ? { privateKey: crypto.createPrivateKey({ key: seedJwk, format: 'jwk' }) }
  : generate(type);
const publicKey = crypto.createPublicKey(pair.privateKey);
const other = generate(type).privateKey;
// ES256 as AWS KMS and Google Cloud KMS answer it: a DER Ecdsa-Sig-Value, not r || s.
const signWith = (key, data) =>
  type === 'ed25519' ? crypto.sign(null, data, key)
  : type === 'p256' ? crypto.sign('sha256', data, { key, dsaEncoding: 'der' })
  : crypto.sign('sha256', data, key);
let mode = 'ok';
let requests = 0;
parentPort.on('message', (message) => {
  if (message.kind === 'mode') { mode = message.mode; return; }
  if (message.kind === 'count') { parentPort.postMessage({ id: message.id, count: requests }); return; }
  requests++;
  const data = Buffer.from(message.data);
  if (mode === 'stall') return;
  if (mode === 'throw') { parentPort.postMessage({ id: message.id, error: 'AccessDeniedException: not authorized to use key' }); return; }
  if (mode === 'garbage') { parentPort.postMessage({ id: message.id, signature: crypto.randomBytes(type === 'rsa' ? 256 : 64) }); return; }
  if (mode === 'not-bytes') { parentPort.postMessage({ id: message.id, signature: 'c2lnbmF0dXJl' }); return; }
  const signature = signWith(mode === 'other-key' ? other : pair.privateKey, data);
  parentPort.postMessage({ id: message.id, signature: new Uint8Array(signature) });
});
parentPort.postMessage({ ready: publicKey.export({ format: 'jwk' }) });
`;

/** What the worker answers a request with. */
interface KmsAnswer {
  signature?: unknown;
  error?: string;
  count?: number;
}

/** A KMS in a worker thread: its public key, a signer for externalKey, and controls for the tests. */
export interface WorkerKms {
  publicJwk: PublicJwk;
  /** The `sign` of an {@link ExternalSigner}: one message to the worker and its answer. */
  sign: ExternalSigner['sign'];
  /** Makes the KMS misbehave from now on. */
  setMode(mode: KmsMode): void;
  /** How many sign requests the KMS received. */
  requests(): Promise<number>;
  /** The AbortSignals the signer was handed, in order. */
  signals: AbortSignal[];
  close(): Promise<number>;
}

/**
 * Starts a worker KMS holding a new key of `type`, or (for the byte-identity test) the Ed25519 key
 * whose private JWK is `seedJwk`.
 */
export async function startWorkerKms(type: KmsKeyType, seedJwk?: Record<string, string>): Promise<WorkerKms> {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { type, seedJwk } });
  worker.unref();
  const pending = new Map<number, (message: KmsAnswer) => void>();
  let next = 0;
  const publicJwk = await new Promise<PublicJwk>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message: KmsAnswer & { ready?: PublicJwk; id?: number }) => {
      if (message.ready) resolve(message.ready);
      else if (message.id !== undefined) {
        pending.get(message.id)?.(message);
        pending.delete(message.id);
      }
    });
  });
  const ask = (request: Record<string, unknown>) =>
    new Promise<KmsAnswer>((resolve) => {
      const id = next++;
      pending.set(id, resolve);
      worker.postMessage({ ...request, id });
    });
  const signals: AbortSignal[] = [];
  return {
    publicJwk,
    signals,
    async sign(data, { signal }) {
      signals.push(signal);
      const answer = await ask({ kind: 'sign', data });
      if (answer.error !== undefined) throw new Error(answer.error);
      return answer.signature as Uint8Array;
    },
    setMode: (mode) => worker.postMessage({ kind: 'mode', mode }),
    requests: async () => (await ask({ kind: 'count' })).count as number,
    close: () => worker.terminate(),
  };
}

/** An Ed25519 signer over a WebCrypto key generated non-extractable: no one can read its secret, not even this test. */
export async function webCryptoSigner(): Promise<{ publicJwk: PublicJwk; sign: ExternalSigner['sign'] }> {
  const pair = (await globalThis.crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as {
    privateKey: Parameters<typeof globalThis.crypto.subtle.sign>[1];
    publicKey: Parameters<typeof globalThis.crypto.subtle.exportKey>[1];
  };
  const { kty, crv, x } = (await globalThis.crypto.subtle.exportKey('jwk', pair.publicKey)) as Record<string, string>;
  return {
    publicJwk: { kty, crv, x } as PublicJwk,
    // WebCrypto answers with an ArrayBuffer: externalKey takes it as it is.
    sign: async (data) =>
      globalThis.crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, data as Uint8Array<ArrayBuffer>),
  };
}
