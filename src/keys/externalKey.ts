import { MicrocredError, ErrorCode } from '../errors.js';
import { isJsonObject } from '../jsonPath.js';
import { jwsEcdsaSignature } from './ecdsaSignature.js';
import { importKey } from './importKey.js';
import { Key, didKeyOf, keyTypeName, type KeyFile, type KeyType } from './key.js';
import type { PublicJwk } from './jwk.js';
import { publicKeyCheck, type SignatureCheck } from './verifyWithPublicKey.js';

/** The algorithm an external signer signs with: Ed25519 (`EdDSA` is the same), ES256 (P-256) or RS256 (RSA, 2048 bits or more). */
export type ExternalSignerAlgorithm = 'Ed25519' | 'EdDSA' | 'ES256' | 'RS256';

/**
 * A signer whose private key lives outside microcred: a KMS, an HSM, another process. microcred
 * hands it the exact bytes to sign and gets the signature back; the secret never enters its memory.
 */
export interface ExternalSigner {
  /**
   * The verification method id: the proof's `verificationMethod`, the JWT's `kid`, e.g.
   * `did:web:pd.example.org#key-1`. Its DID is the controller, which a credential's `issuer.id`
   * must equal. Default: the key's did:key (Ed25519, P-256).
   */
  id?: string;
  /** The DID or URL that controls the key, when `id` is not a DID URL (an https issuer). */
  controller?: string;
  /** What the signer signs with; it must be the algorithm of `publicKey`'s type. */
  algorithm: ExternalSignerAlgorithm;
  /**
   * The signer's public key: a Multikey value (`z6Mk…`, `zDn…`, `z4MX…`), a Multikey verification
   * method, or a public JWK. Any secret part is refused: it belongs in the signer.
   */
  publicKey: string | KeyFile | PublicJwk | Record<string, unknown>;
  /**
   * Signs `data` (the bytes themselves: the signer hashes them as its algorithm says) and returns the
   * signature: 64 bytes (Ed25519), r ‖ s or DER (ES256), PKCS #1 v1.5 (RS256). `signal` aborts when
   * microcred stops waiting (`timeoutMs`): pass it on to the KMS call.
   */
  sign(data: Uint8Array, options: { signal: AbortSignal }): Promise<Uint8Array | ArrayBuffer>;
  /** How long one signature may take, in milliseconds (default 10,000). */
  timeoutMs?: number;
}

/** How long an external signer may take over one signature unless told otherwise. */
export const DEFAULT_SIGNER_TIMEOUT_MS = 10_000;

const ALGORITHMS: Record<KeyType, readonly ExternalSignerAlgorithm[]> = {
  ed25519: ['Ed25519', 'EdDSA'],
  p256: ['ES256'],
  rsa: ['RS256'],
};

/**
 * A {@link Key} that signs through `signer`, for every issuing path a local key takes:
 * `issueCredential` (Data Integrity and VC-JWT), `issueFromDecision`, `issueStack`, and the status
 * lists of a `StatusRegistry`. The same rules hold: the key's controller must be the credential's
 * issuer, and its type must fit the proof (`ERR_KEY_PROOF_UNSUPPORTED`: an ES256 signer makes VC-JWTs only).
 *
 * Every signature is checked against the public key before it is used, so a signer that answers
 * with another key's signature, or with garbage, is `ERR_SIGNER_INVALID_SIGNATURE` and no credential
 * comes back; a signer that throws is `ERR_SIGNER_FAILED`, one that does not answer within
 * `timeoutMs` is `ERR_SIGNER_TIMEOUT`. A wrong name (`ERR_KEY_INVALID`): an algorithm that is not
 * the public key's, a did:key that is not this key, a public key given with its secret.
 *
 * @example
 * // A key in a KMS: the public key is published in the issuer's did:web document as #key-1.
 * const key = await externalKey({
 *   id: 'did:web:pd.example.org#key-1',
 *   algorithm: 'Ed25519',
 *   publicKey: 'z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvktH',
 *   sign: async (data, { signal }) => kms.sign({ keyId: 'badges-2026', message: data }, { signal }),
 * });
 * const signed = await issueCredential(draft, { key });
 */
export async function externalKey(signer: ExternalSigner): Promise<Key> {
  if (typeof signer !== 'object' || signer === null || typeof signer.sign !== 'function') {
    throw new MicrocredError(
      ErrorCode.KEY_INVALID,
      'externalKey needs a signer: { algorithm, publicKey, sign(data) => Promise<Uint8Array> }, and an id naming the key.',
      { path: 'sign' },
    );
  }
  const timeoutMs = signer.timeoutMs ?? DEFAULT_SIGNER_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new MicrocredError(
      ErrorCode.FIELD_INVALID,
      `timeoutMs must be a positive number of milliseconds; it is ${String(timeoutMs)}.`,
      { path: 'timeoutMs' },
    );
  }
  const publicKey = await importPublicKey(signer);
  const allowed = ALGORITHMS[publicKey.type];
  if (!allowed.includes(signer.algorithm)) {
    throw new MicrocredError(
      ErrorCode.KEY_INVALID,
      `The signer says it signs with ${JSON.stringify(signer.algorithm)}, but its public key is a ${keyTypeName(publicKey.type)} key, which signs with ${allowed[0] as string}.`,
      { path: 'algorithm' },
    );
  }
  assertDidKeyIsThisKey(publicKey);
  const name = publicKey.id ?? publicKey.thumbprint;
  const check = publicKeyCheck(publicKey.type, publicKey.publicJwk);
  const sign = signer.sign.bind(signer);
  return new Key({
    type: publicKey.type,
    id: publicKey.id,
    controller: publicKey.controller,
    publicJwk: publicKey.publicJwk,
    publicKeyMultibase: publicKey.publicKeyMultibase,
    thumbprint: publicKey.thumbprint,
    external: (data) => checkedSignature(sign, data, { name, type: publicKey.type, check, timeoutMs }),
  });
}

async function importPublicKey(signer: ExternalSigner): Promise<Key> {
  const given: unknown =
    typeof signer.publicKey === 'string' ? { publicKeyMultibase: signer.publicKey } : signer.publicKey;
  if (isJsonObject(given) && (given.d !== undefined || given.secretKeyMultibase !== undefined)) {
    throw new MicrocredError(
      ErrorCode.KEY_INVALID,
      'The signer\'s publicKey holds a secret part ("d" or "secretKeyMultibase"); give the public key only: the secret stays in the signer.',
      { path: 'publicKey' },
    );
  }
  try {
    return await importKey(given, {
      ...(signer.id !== undefined ? { id: signer.id } : {}),
      ...(signer.controller !== undefined ? { controller: signer.controller } : {}),
    });
  } catch (error) {
    if (error instanceof MicrocredError && error.details.path === undefined) error.details.path = 'publicKey';
    throw error;
  }
}

// A did:key names its one key: the signer's key under another did:key would make proofs no one can verify.
function assertDidKeyIsThisKey(key: Key): void {
  const controller = key.controller;
  if (controller?.startsWith('did:key:') && controller !== didKeyOf(key.publicKeyMultibase)) {
    throw new MicrocredError(
      ErrorCode.KEY_INVALID,
      `The signer is named ${key.id ?? controller}, but its public key is did:key:${key.publicKeyMultibase}: a did:key controls only its own key. Name the signer by its own did:key, or publish its key in the issuer's DID document.`,
      { path: 'id', keyId: key.id ?? controller },
    );
  }
}

/**
 * One signature from the external signer, bounded by `timeoutMs` and checked against the public
 * key: the signer's answer is used only when it verifies. The signer gets its own copy of the bytes.
 */
async function checkedSignature(
  sign: ExternalSigner['sign'],
  data: Uint8Array,
  key: { name: string; type: KeyType; check: SignatureCheck; timeoutMs: number },
): Promise<Uint8Array> {
  const answer = await withinDeadline(sign, data, key.name, key.timeoutMs);
  const bytes = answer instanceof Uint8Array ? answer : answer instanceof ArrayBuffer ? new Uint8Array(answer) : null;
  if (bytes === null) {
    throw new MicrocredError(
      ErrorCode.SIGNER_INVALID_SIGNATURE,
      `The external signer for key ${key.name} answered with ${describe(answer)}, not the signature's bytes (a Uint8Array).`,
      { path: 'sign', keyId: key.name },
    );
  }
  const signature = key.type === 'p256' ? jwsEcdsaSignature(bytes) : bytes;
  if (!(await key.check(data, signature))) {
    throw new MicrocredError(
      ErrorCode.SIGNER_INVALID_SIGNATURE,
      `The external signer for key ${key.name} returned ${bytes.length} bytes that are not a ${keyTypeName(key.type)} signature by that key's public key: it signs with another key, or the public key given to externalKey is not the signer's. Nothing was issued.`,
      { path: 'sign', keyId: key.name },
    );
  }
  return signature;
}

async function withinDeadline(
  sign: ExternalSigner['sign'],
  data: Uint8Array,
  name: string,
  timeoutMs: number,
): Promise<unknown> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new MicrocredError(
        ErrorCode.SIGNER_TIMEOUT,
        `The external signer for key ${name} did not answer within ${timeoutMs} ms; nothing was issued. Check the KMS, or give a longer timeoutMs.`,
        { keyId: name, timeoutMs, path: 'sign' },
      );
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    // A signer that throws before returning a promise is a failure like one that rejects.
    const answer = Promise.resolve().then(() => sign(data.slice(), { signal: controller.signal }));
    return await Promise.race([answer, deadline]);
  } catch (error) {
    if (error instanceof MicrocredError && error.code === ErrorCode.SIGNER_TIMEOUT) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new MicrocredError(
      ErrorCode.SIGNER_FAILED,
      `The external signer for key ${name} failed: ${reason.slice(0, 300)}. Nothing was issued.`,
      { path: 'sign', keyId: name },
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'object') return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
  return String(value);
}
