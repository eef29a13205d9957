import { createEd25519Sign } from '#runtime';
import { MicrocredError, ErrorCode } from '../errors.js';
import { fromBase58btc, fromBase64Url } from '../encoding.js';
import type { PublicJwk } from './jwk.js';
import type { DidVerificationMethod } from './didWeb.js';

/** The kinds of key microcred signs with: Ed25519 (the default), P-256 and RSA (2048 bits or more). */
export type KeyType = 'ed25519' | 'p256' | 'rsa';

/**
 * The proofs a key can make: the Data Integrity suites `eddsa-rdfc-2022` and `Ed25519Signature2020`
 * (Ed25519 keys) or `ecdsa-rdfc-2019` and `ecdsa-sd-2023` (P-256 keys), and a VC-JWT (`jwt`: EdDSA, ES256 or RS256 by key type).
 */
export type KeyProof = 'eddsa-rdfc-2022' | 'Ed25519Signature2020' | 'ecdsa-rdfc-2019' | 'ecdsa-sd-2023' | 'jwt';

/** The JWS algorithm each key type signs VC-JWTs with. */
export type KeyJwtAlgorithm = 'EdDSA' | 'ES256' | 'RS256';

/**
 * A key as a file: a Multikey verification method (Controlled Identifiers §2.2.2), with
 * `secretKeyMultibase` only when exported with its secret. `id` and `controller` are absent only for
 * a key that has none (an RSA key generated without a controller).
 */
export interface KeyFile {
  '@context'?: string | string[];
  type: 'Multikey';
  id?: string;
  controller?: string;
  publicKeyMultibase: string;
  secretKeyMultibase?: string;
}

/**
 * A key as a JWK (RFC 7517), with its `alg` and `kid`: `crv` and `x` (Ed25519), `crv`, `x` and `y`
 * (P-256) or `n` and `e` (RSA); the private members (`d`, and for RSA `p`, `q`, `dp`, `dq`, `qi`) only
 * when exported with the secret.
 */
export type KeyJwk = {
  kty: 'OKP' | 'EC' | 'RSA';
  crv?: 'Ed25519' | 'P-256';
  x?: string;
  y?: string;
  n?: string;
  e?: string;
  alg: KeyJwtAlgorithm;
  kid?: string;
  d?: string;
  p?: string;
  q?: string;
  dp?: string;
  dq?: string;
  qi?: string;
};

/** What a Data Integrity suite needs to sign: the method id, the algorithm and a sign function. */
export interface Signer {
  id: string;
  /** `Ed25519` for the EdDSA suites, `P-256` for ecdsa-rdfc-2019 (the signature then r ‖ s over SHA-256). */
  algorithm: 'Ed25519' | 'P-256';
  sign(input: { data: Uint8Array }): Promise<Uint8Array>;
}

/** The part of a key's identity that only some key types may lack: an RSA key may have no id or controller. */
type Named<T extends KeyType> = T extends 'rsa' ? string | undefined : string;

const PROOFS: Record<KeyType, readonly KeyProof[]> = {
  ed25519: ['eddsa-rdfc-2022', 'Ed25519Signature2020', 'jwt'],
  p256: ['ecdsa-rdfc-2019', 'ecdsa-sd-2023', 'jwt'],
  rsa: ['jwt'],
};
const JWT_ALGORITHMS: Record<KeyType, KeyJwtAlgorithm> = { ed25519: 'EdDSA', p256: 'ES256', rsa: 'RS256' };
const TYPE_NAMES: Record<KeyType, string> = { ed25519: 'Ed25519', p256: 'P-256', rsa: 'RSA' };

// WebCrypto's types, named through the global object (src/keys may not import node:crypto).
type Subtle = typeof globalThis.crypto.subtle;
type SignFunction = (data: Uint8Array) => Promise<Uint8Array>;
const WEBCRYPTO: Record<
  'p256' | 'rsa',
  { import: Parameters<Subtle['importKey']>[2]; sign: Parameters<Subtle['sign']>[0] }
> = {
  p256: { import: { name: 'ECDSA', namedCurve: 'P-256' }, sign: { name: 'ECDSA', hash: 'SHA-256' } },
  rsa: { import: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, sign: { name: 'RSASSA-PKCS1-v1_5' } },
};

const inspect = Symbol.for('nodejs.util.inspect.custom');

/**
 * A signing key: Ed25519, P-256 or RSA, bound to the DID or URL that controls it. Make one with
 * {@link generateKey} or {@link importKey}, or over a key kept in a KMS or HSM with {@link externalKey};
 * save it with {@link exportKey}. Hold one across calls:
 * its private key is imported once, on the first signature.
 *
 * The secret is kept in a private field: `JSON.stringify`, logging and error messages see only the
 * public key. A key knows which proofs it can make ({@link Key.proofs}); asking it for another is
 * `ERR_KEY_PROOF_UNSUPPORTED`, before anything is signed.
 *
 * @example
 * const key = await generateKey();                  // Ed25519, did:key
 * const signed = await issueCredential(draft, { key });
 * const jwt = await issueCredential(draft, { key, format: 'jwt' });
 */
export class Key<T extends KeyType = KeyType> {
  /** `ed25519`, `p256` or `rsa`. */
  readonly type: T;
  /**
   * The verification method id, e.g. `did:key:z6Mk…#z6Mk…` or `did:web:pd.example.org#key-1`: the
   * proof's `verificationMethod`, the JWT's `kid`. An RSA key may have none: its JWTs then carry the
   * public key in a `jwk` header.
   */
  readonly id: Named<T>;
  /** The DID (or URL) that controls the key; a credential's `issuer.id` must equal it. */
  readonly controller: Named<T>;
  /** The public key as a JWK (no `kid`, no `alg`). */
  readonly publicJwk: PublicJwk;
  /** The public key as a Multikey value: `z6Mk…` (Ed25519), `zDn…` (P-256), `z4MX…` (RSA). */
  readonly publicKeyMultibase: string;
  /** The RFC 7638 SHA-256 thumbprint of the public key (base64url): a stable name for it, e.g. a DID URL fragment. */
  readonly thumbprint: string;
  readonly #secret: Readonly<Record<string, string>> | undefined;
  // A signer kept elsewhere (see externalKey): already bounded in time and checked against the public key.
  readonly #external: SignFunction | undefined;
  #sign: Promise<SignFunction> | undefined;

  /** @internal use {@link generateKey}, {@link importKey} or {@link externalKey}. */
  constructor(parts: {
    type: T;
    id: Named<T>;
    controller: Named<T>;
    publicJwk: PublicJwk;
    publicKeyMultibase: string;
    thumbprint: string;
    secret?: Record<string, string> | undefined;
    external?: SignFunction | undefined;
  }) {
    this.type = parts.type;
    this.id = parts.id;
    this.controller = parts.controller;
    this.publicJwk = parts.publicJwk;
    this.publicKeyMultibase = parts.publicKeyMultibase;
    this.thumbprint = parts.thumbprint;
    this.#secret = parts.secret ? Object.freeze({ ...parts.secret }) : undefined;
    this.#external = parts.secret ? undefined : parts.external;
  }

  /** True when this key can sign: it holds its secret, or signs through an external signer. */
  get canSign(): boolean {
    return this.#secret !== undefined || this.#external !== undefined;
  }

  /** True when this key signs through an external signer (a KMS, an HSM): its secret is never in this process's memory. */
  get signsElsewhere(): boolean {
    return this.#external !== undefined;
  }

  /** The proofs this key can make: Ed25519 its three; P-256 ecdsa-rdfc-2019, ecdsa-sd-2023 and VC-JWTs; RSA VC-JWTs only. */
  get proofs(): readonly KeyProof[] {
    return PROOFS[this.type];
  }

  /** The JWS algorithm of this key's VC-JWTs: EdDSA (Ed25519), ES256 (P-256) or RS256 (RSA). */
  get jwtAlgorithm(): KeyJwtAlgorithm {
    return JWT_ALGORITHMS[this.type];
  }

  /** The raw public key as its Multikey encodes it: 32 bytes (Ed25519), a 33-byte compressed point (P-256), PKCS #1 DER (RSA). */
  get publicKey(): Uint8Array {
    return fromBase58btc(this.publicKeyMultibase.slice(1)).slice(2);
  }

  /** True when this key can make `proof`. */
  canMake(proof: KeyProof): boolean {
    return this.proofs.includes(proof);
  }

  /**
   * Throws `ERR_KEY_PROOF_UNSUPPORTED` (naming the key type and the proof) when this key cannot make
   * `proof`, and `ERR_KEY_INVALID` when it holds no secret.
   */
  assertCanMake(proof: KeyProof): void {
    if (!this.canMake(proof)) {
      const name = TYPE_NAMES[this.type];
      const can =
        this.type === 'ed25519'
          ? ''
          : this.type === 'p256'
            ? ` it makes ecdsa-rdfc-2019 proofs (the default for a P-256 key) and ES256 VC-JWTs; for ${proof}, sign with an Ed25519 key (generateKey()).`
            : ` it signs VC-JWTs (${this.jwtAlgorithm}) only: issue with format "jwt", or sign with an Ed25519 key (generateKey()).`;
      throw new MicrocredError(
        ErrorCode.KEY_PROOF_UNSUPPORTED,
        `A ${name} key cannot make ${proof === 'jwt' ? 'a VC-JWT' : `an ${proof} proof`};${can}`,
        { path: 'key', keyType: this.type, proof },
      );
    }
    if (!this.canSign) throw noSecret(this);
  }

  /** A signer for the Data Integrity suites (Ed25519 and P-256 keys), over the once-imported private key. */
  signer(): Signer {
    this.assertCanMake(this.type === 'p256' ? 'ecdsa-rdfc-2019' : 'eddsa-rdfc-2022');
    const sign = this.#signFunction();
    const algorithm = this.type === 'p256' ? 'P-256' : 'Ed25519';
    return { id: this.id as string, algorithm, sign: async ({ data }) => (await sign)(data) };
  }

  /** Signs `data` (e.g. a JWS signing input) with this key's algorithm and returns the signature bytes (for ES256, r ‖ s as JWS wants). */
  async sign(data: Uint8Array): Promise<Uint8Array> {
    return (await this.#signFunction())(data);
  }

  /**
   * The same key under another controller, as `controller#fragment`: by default its multibase value
   * (Ed25519, as did:key does) or its thumbprint (P-256, RSA). A key already named under that controller is returned as it is.
   */
  withController(controller: string, fragment?: string): Key<T> {
    const id = `${controller}#${fragment ?? (this.type === 'ed25519' ? this.publicKeyMultibase : this.thumbprint)}`;
    if (fragment === undefined && this.controller === controller && this.id?.startsWith(`${controller}#`)) return this;
    return new Key<T>({ ...this.#parts(), id: id as Named<T>, controller: controller as Named<T> });
  }

  /**
   * The public verification method, as a DID document lists it: a Multikey (Ed25519) or a
   * JsonWebKey (P-256, RSA). `ERR_KEY_INVALID` for a key with no id.
   */
  verificationMethod(): DidVerificationMethod {
    const { id, controller } = this;
    if (id === undefined || controller === undefined) {
      throw new MicrocredError(
        ErrorCode.KEY_INVALID,
        `This ${TYPE_NAMES[this.type]} key has no id or controller; name it first (key.withController(did)).`,
        { path: 'key' },
      );
    }
    if (this.type === 'ed25519')
      return { id, type: 'Multikey', controller, publicKeyMultibase: this.publicKeyMultibase };
    return { id, type: 'JsonWebKey', controller, publicKeyJwk: this.publicJwk };
  }

  /** @internal the private JWK members, for {@link exportKey} only. */
  static secretOf(key: Key): Readonly<Record<string, string>> | undefined {
    return key.#secret;
  }

  /** The public key as a Multikey verification method (what `JSON.stringify` shows). */
  toJSON(): KeyFile {
    return {
      type: 'Multikey',
      ...(this.id ? { id: this.id } : {}),
      ...(this.controller ? { controller: this.controller } : {}),
      publicKeyMultibase: this.publicKeyMultibase,
    };
  }

  [inspect](): string {
    const secret = this.#external ? ', signer: [external]' : this.canSign ? ', secret: [hidden]' : '';
    return `Key { type: '${this.type}'${this.id ? `, id: '${this.id}'` : ''}${secret} }`;
  }

  #parts() {
    return {
      type: this.type,
      publicJwk: this.publicJwk,
      publicKeyMultibase: this.publicKeyMultibase,
      thumbprint: this.thumbprint,
      secret: this.#secret,
      external: this.#external,
    };
  }

  #signFunction(): Promise<SignFunction> {
    if (this.#external) return Promise.resolve(this.#external);
    const secret = this.#secret;
    if (!secret) throw noSecret(this);
    if (this.#sign) return this.#sign;
    const type = this.type;
    if (type === 'ed25519') this.#sign = createEd25519Sign(fromBase64Url(secret.d as string));
    else {
      const params = WEBCRYPTO[type as 'p256' | 'rsa'];
      this.#sign = globalThis.crypto.subtle
        .importKey('jwk', { ...secret, ...this.publicJwk }, params.import, false, ['sign'])
        .then(
          (key) => async (data) =>
            new Uint8Array(await globalThis.crypto.subtle.sign(params.sign, key, data as Uint8Array<ArrayBuffer>)),
        );
    }
    // A failed import is not cached: the next call tries again and reports again.
    this.#sign.catch(() => (this.#sign = undefined));
    return this.#sign;
  }
}

function noSecret(key: Key): MicrocredError {
  return new MicrocredError(
    ErrorCode.KEY_INVALID,
    `Key ${key.id ?? key.thumbprint} has no secret part and cannot sign (import it with its secret, or sign through a key kept elsewhere with externalKey).`,
    { path: 'key' },
  );
}

/** A human name of a key type: `Ed25519`, `P-256`, `RSA`. */
export function keyTypeName(type: KeyType): string {
  return TYPE_NAMES[type];
}

/** The did:key DID of a multibase public key (Ed25519 `z6Mk…` or P-256 `zDn…`). */
export function didKeyOf(publicKeyMultibase: string): string {
  return `did:key:${publicKeyMultibase}`;
}
