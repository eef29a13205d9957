import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { createEd25519Sign } from '#runtime';
import { MicrocredError, ErrorCode } from '../errors.js';
import { fromBase64Url } from '../encoding.js';
import { isJsonObject } from '../jsonPath.js';
import { assertUsableEd25519Key } from './ed25519Points.js';

/** A key as microcred stores it: a Multikey verification method, with the secret only when exported with it. */
export interface KeyFile {
  '@context'?: string | string[];
  type: 'Multikey';
  id: string;
  controller: string;
  publicKeyMultibase: string;
  secretKeyMultibase?: string;
}

/** An Ed25519 key as a JWK (RFC 8037); `d` is the 32-byte seed and appears only when the secret is exported. */
export interface Ed25519Jwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  d?: string;
  kid?: string;
}

/** What a Data Integrity suite needs to sign: the method id, the algorithm and a sign function. */
export interface Signer {
  id: string;
  algorithm: 'Ed25519';
  sign(input: { data: Uint8Array }): Promise<Uint8Array>;
}

const inspect = Symbol.for('nodejs.util.inspect.custom');

/**
 * An Ed25519 issuer key bound to its controller (a did:key or did:web DID).
 * Hold one across calls: the private key is imported once, on first signature.
 * The secret is kept in a private field; `JSON.stringify`, logging and error messages see only the public part.
 */
export class IssuerKey {
  /** The DID that controls this key; a credential's `issuer.id` must equal it. */
  readonly controller: string;
  /** The verification method id, e.g. `did:key:z6Mk…#z6Mk…`. */
  readonly id: string;
  readonly publicKeyMultibase: string;
  readonly publicKey: Uint8Array;
  readonly #seed: Uint8Array | undefined;
  #sign: Promise<(data: Uint8Array) => Promise<Uint8Array>> | undefined;

  /** @internal use {@link generateKey} or {@link importKey}. */
  constructor(parts: { controller: string; id: string; publicKeyMultibase: string; publicKey: Uint8Array; seed?: Uint8Array }) {
    this.controller = parts.controller;
    this.id = parts.id;
    this.publicKeyMultibase = parts.publicKeyMultibase;
    this.publicKey = parts.publicKey;
    this.#seed = parts.seed;
  }

  /** True when this key holds its secret and can sign. */
  get canSign(): boolean {
    return this.#seed !== undefined;
  }

  /** A signer for Data Integrity suites over the once-imported private key. */
  signer(): Signer {
    const seed = this.#seed;
    if (!seed) throw new MicrocredError(ErrorCode.KEY_INVALID, `Key ${this.id} has no secret part and cannot sign.`, { keyId: this.id });
    this.#sign ??= createEd25519Sign(seed);
    const sign = this.#sign;
    return { id: this.id, algorithm: 'Ed25519', sign: async ({ data }) => (await sign)(data) };
  }

  /** The public verification method, as it appears in a DID document. */
  verificationMethod(): KeyFile {
    return { type: 'Multikey', id: this.id, controller: this.controller, publicKeyMultibase: this.publicKeyMultibase };
  }

  /** The same key under another controller, e.g. `did:web:example.org` (the fragment defaults to the multibase key). */
  withController(controller: string, fragment: string = this.publicKeyMultibase): IssuerKey {
    return new IssuerKey({ controller, id: `${controller}#${fragment}`, publicKeyMultibase: this.publicKeyMultibase, publicKey: this.publicKey, seed: this.#seed });
  }

  /** @internal the 32-byte seed, for {@link exportKey} only. */
  static seedOf(key: IssuerKey): Uint8Array | undefined {
    return key.#seed;
  }

  toJSON(): KeyFile {
    return this.verificationMethod();
  }

  [inspect](): string {
    return `IssuerKey { id: '${this.id}'${this.canSign ? ', secret: [hidden]' : ''} }`;
  }
}

/** The did:key DID of an Ed25519 multibase public key. */
export function didKeyOf(publicKeyMultibase: string): string {
  return `did:key:${publicKeyMultibase}`;
}

/**
 * Generates a new Ed25519 issuer key. Its controller is its did:key unless `controller` names another DID.
 *
 * @example
 * const key = await generateKey();            // did:key
 * const web = await generateKey({ controller: 'did:web:pd.example.org' });
 */
export async function generateKey(options: { controller?: string } = {}): Promise<IssuerKey> {
  const pair = await Ed25519Multikey.generate();
  return fromParts(pair.publicKeyMultibase, pair.publicKey, secretSeed(pair), options.controller);
}

/**
 * Imports a key from a {@link KeyFile} (Multikey) or an Ed25519 JWK. A secret, if present, is
 * checked against the public key. Errors never contain key material.
 *
 * @example
 * const key = await importKey(JSON.parse(await readFile('issuer.key.json', 'utf8')));
 */
export async function importKey(input: KeyFile | Ed25519Jwk | unknown, options: { controller?: string; id?: string } = {}): Promise<IssuerKey> {
  const record = isJsonObject(input) ? input : {};
  let pair: Ed25519Multikey.MultikeyPair;
  try {
    if (record.kty === 'OKP') pair = await fromJwk(record);
    else if (typeof record.publicKeyMultibase === 'string') {
      pair = await Ed25519Multikey.from({
        publicKeyMultibase: record.publicKeyMultibase,
        ...(typeof record.secretKeyMultibase === 'string' ? { secretKeyMultibase: record.secretKeyMultibase } : {}),
      });
    } else {
      throw new MicrocredError(ErrorCode.KEY_INVALID, 'A key must be a Multikey (publicKeyMultibase) or an Ed25519 JWK (kty "OKP", crv "Ed25519").');
    }
  } catch (error) {
    if (error instanceof MicrocredError) throw error;
    // The library's message may quote the input; do not pass it on.
    throw new MicrocredError(ErrorCode.KEY_INVALID, 'The key could not be decoded: it is not a valid Ed25519 Multikey or JWK.');
  }
  if (!/^z6Mk/.test(pair.publicKeyMultibase) || pair.publicKey.length !== 32) {
    throw new MicrocredError(ErrorCode.KEY_INVALID, 'The public key is not a 32-byte Ed25519 key (expected a multibase value starting with "z6Mk").');
  }
  assertUsableEd25519Key(pair.publicKey, 'given');
  const seed = secretSeed(pair);
  if (seed) await assertPairMatches(pair);
  const controller = options.controller ?? (typeof record.controller === 'string' ? record.controller : undefined);
  const key = fromParts(pair.publicKeyMultibase, pair.publicKey, seed, controller);
  const id = options.id ?? (typeof record.id === 'string' && typeof record.controller === 'string' ? record.id : undefined);
  if (id && !id.startsWith(`${key.controller}#`)) {
    throw new MicrocredError(ErrorCode.KEY_INVALID, `Key id ${id} is not a fragment of its controller ${key.controller}.`, { keyId: id });
  }
  return id ? new IssuerKey({ controller: key.controller, id, publicKeyMultibase: key.publicKeyMultibase, publicKey: key.publicKey, seed }) : key;
}

function fromParts(publicKeyMultibase: string, publicKey: Uint8Array, seed: Uint8Array | undefined, controller?: string): IssuerKey {
  const owner = controller ?? didKeyOf(publicKeyMultibase);
  return new IssuerKey({ controller: owner, id: `${owner}#${publicKeyMultibase}`, publicKeyMultibase, publicKey, seed });
}

function secretSeed(pair: Ed25519Multikey.MultikeyPair): Uint8Array | undefined {
  const secret = pair.secretKey;
  return secret ? secret.slice(0, 32) : undefined;
}

async function fromJwk(jwk: Record<string, unknown>): Promise<Ed25519Multikey.MultikeyPair> {
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
    throw new MicrocredError(ErrorCode.KEY_INVALID, 'Only Ed25519 JWKs (kty "OKP", crv "Ed25519", with "x") are supported.');
  }
  const x = fromBase64Url(jwk.x);
  const d = typeof jwk.d === 'string' ? fromBase64Url(jwk.d) : undefined;
  if (x.length !== 32 || (d && d.length !== 32)) {
    throw new MicrocredError(ErrorCode.KEY_INVALID, 'An Ed25519 JWK has a 32-byte "x" and, when present, a 32-byte "d".');
  }
  return Ed25519Multikey.fromJwk({ jwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, ...(d ? { d: jwk.d } : {}) }, secretKey: Boolean(d) });
}

async function assertPairMatches(pair: Ed25519Multikey.MultikeyPair): Promise<void> {
  const probe = new TextEncoder().encode('microcred key check');
  const signature = await pair.signer().sign({ data: probe });
  if (!(await pair.verifier().verify({ data: probe, signature }))) {
    throw new MicrocredError(ErrorCode.KEY_INVALID, 'The secret key does not belong to the public key given with it.');
  }
}
