import { calculateJwkThumbprint } from 'jose';
import { MicrocredError, ErrorCode } from '../errors.js';
import { fromBase64Url } from '../encoding.js';
import { isJsonObject } from '../jsonPath.js';
import { didKeyOf } from './issuerKey.js';
import { multibaseOfP256, publicJwkOf, type PublicJwk } from './jwk.js';

/** The JWS algorithms a {@link JwtKey} signs with: ES256 (P-256) or RS256 (RSA, 2048 bits or more). */
export type JwtKeyAlgorithm = 'ES256' | 'RS256';

/** A P-256 or RSA key as a JWK; the private members (`d`, and for RSA `p`, `q`, `dp`, `dq`, `qi`) only when the secret is exported. */
export type JwtKeyJwk = PublicJwk & { alg?: string; kid?: string; d?: string; p?: string; q?: string; dp?: string; dq?: string; qi?: string };

/** Options of {@link generateJwtKey} and {@link importJwtKey}. */
export interface JwtKeyOptions {
  /**
   * The key's URI, written as the JWT's `kid`: a DID URL (`did:web:example.org#key-1`) or a URL whose
   * document holds the key. Default: the did:key of a P-256 key; none for RSA, whose JWTs then carry
   * the public key in a `jwk` header.
   */
  id?: string;
  /** The DID or URL that controls the key; a credential's issuer.id must equal it. Default: the DID of a DID URL `id`. */
  controller?: string;
}

const inspect = Symbol.for('nodejs.util.inspect.custom');

// WebCrypto's types, named through the global object (src/keys may not import node:crypto).
type Subtle = typeof globalThis.crypto.subtle;
type SigningKey = Awaited<ReturnType<Subtle['importKey']>>;

const ALGORITHMS: Record<JwtKeyAlgorithm, { import: Parameters<Subtle['importKey']>[2]; sign: Parameters<Subtle['sign']>[0] }> = {
  ES256: { import: { name: 'ECDSA', namedCurve: 'P-256' }, sign: { name: 'ECDSA', hash: 'SHA-256' } },
  RS256: { import: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, sign: { name: 'RSASSA-PKCS1-v1_5' } },
};

/**
 * A P-256 (ES256) or RSA (RS256) key for signing VC-JWTs; Ed25519 keys are {@link IssuerKey}s.
 * The private part is kept in a private field: `JSON.stringify`, logging and error messages see
 * only the public JWK.
 */
export class JwtKey {
  readonly alg: JwtKeyAlgorithm;
  /** The key's URI (the JWT `kid`), or undefined when JWTs carry the public key in a `jwk` header. */
  readonly id: string | undefined;
  /** The DID or URL that controls the key, when known; a credential's issuer.id must equal it. */
  readonly controller: string | undefined;
  readonly publicJwk: PublicJwk;
  /** The RFC 7638 SHA-256 thumbprint of the public key (base64url): a stable name for it, e.g. a DID URL fragment. */
  readonly thumbprint: string;
  readonly #privateJwk: Readonly<Record<string, string>> | undefined;
  #signingKey: Promise<SigningKey> | undefined;

  /** @internal use {@link generateJwtKey} or {@link importJwtKey}. */
  constructor(parts: { alg: JwtKeyAlgorithm; id?: string; controller?: string; publicJwk: PublicJwk; thumbprint: string; privateJwk?: Record<string, string> }) {
    this.alg = parts.alg;
    this.id = parts.id;
    this.controller = parts.controller;
    this.publicJwk = parts.publicJwk;
    this.thumbprint = parts.thumbprint;
    this.#privateJwk = parts.privateJwk ? Object.freeze({ ...parts.privateJwk }) : undefined;
  }

  /** True when this key holds its secret and can sign. */
  get canSign(): boolean {
    return this.#privateJwk !== undefined;
  }

  /** Signs `data` (a JWS signing input) and returns the JWS signature bytes. */
  async sign(data: Uint8Array): Promise<Uint8Array> {
    const secret = this.#privateJwk;
    if (!secret) throw new MicrocredError(ErrorCode.KEY_INVALID, `Key ${this.id ?? this.alg} has no secret part and cannot sign.`, { path: 'key' });
    const params = ALGORITHMS[this.alg];
    this.#signingKey ??= globalThis.crypto.subtle.importKey('jwk', { ...secret, ...this.publicJwk }, params.import, false, ['sign']);
    // WebCrypto's ECDSA output is r || s, exactly the JWS form (RFC 7518 §3.4).
    return new Uint8Array(await globalThis.crypto.subtle.sign(params.sign, await this.#signingKey, data as Uint8Array<ArrayBuffer>));
  }

  /** The same key under another URI and controller, e.g. its did:web verification method. */
  withId(id: string, controller: string | undefined = controllerOf(id)): JwtKey {
    return new JwtKey({ alg: this.alg, id, ...(controller ? { controller } : {}), publicJwk: this.publicJwk, thumbprint: this.thumbprint, ...(this.#privateJwk ? { privateJwk: { ...this.#privateJwk } } : {}) });
  }

  /** @internal the private members, for {@link exportKey} only. */
  static secretOf(key: JwtKey): Readonly<Record<string, string>> | undefined {
    return key.#privateJwk;
  }

  toJSON(): JwtKeyJwk {
    return { ...this.publicJwk, alg: this.alg, ...(this.id ? { kid: this.id } : {}) };
  }

  [inspect](): string {
    return `JwtKey { alg: '${this.alg}'${this.id ? `, id: '${this.id}'` : ''}${this.canSign ? ', secret: [hidden]' : ''} }`;
  }
}

/**
 * Generates a key for signing VC-JWTs: P-256 for ES256 (its id is its did:key `did:key:zDn…#zDn…`
 * unless you name another) or 2048-bit RSA for RS256 (no id unless you name one: then JWTs carry
 * its public key in a `jwk` header).
 *
 * @example
 * const p256 = await generateJwtKey({ alg: 'ES256' });
 * const rsa = await generateJwtKey({ alg: 'RS256', id: 'did:web:pd.example.org#rsa-1' });
 */
export async function generateJwtKey(options: JwtKeyOptions & { alg: JwtKeyAlgorithm }): Promise<JwtKey> {
  const alg = options?.alg;
  if (alg !== 'ES256' && alg !== 'RS256') {
    throw new MicrocredError(ErrorCode.FIELD_INVALID, `alg must be "ES256" or "RS256" (Ed25519 keys come from generateKey); it is ${JSON.stringify(alg)}.`, { path: 'alg' });
  }
  const params =
    alg === 'ES256'
      ? { name: 'ECDSA', namedCurve: 'P-256' }
      : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };
  const pair = (await globalThis.crypto.subtle.generateKey(params, true, ['sign', 'verify'])) as { privateKey: SigningKey };
  const jwk = (await globalThis.crypto.subtle.exportKey('jwk', pair.privateKey)) as Record<string, unknown>;
  return fromJwk(jwk, alg, options);
}

/**
 * Imports a P-256 or RSA JWK (public, or with its private members to sign). Its `kid`, if any,
 * becomes the key's id unless `options.id` names another. A private part is checked against the
 * public one. Errors never contain key material.
 *
 * @example
 * const key = await importJwtKey(JSON.parse(await readFile('issuer.jwk.json', 'utf8')));
 */
export async function importJwtKey(jwk: unknown, options: JwtKeyOptions = {}): Promise<JwtKey> {
  const record = isJsonObject(jwk) ? jwk : {};
  const alg = record.kty === 'EC' ? 'ES256' : record.kty === 'RSA' ? 'RS256' : undefined;
  if (!alg) throw new MicrocredError(ErrorCode.KEY_INVALID, 'A JWT key must be a P-256 JWK (kty "EC", crv "P-256") or an RSA JWK (kty "RSA"); Ed25519 keys are imported with importKey.');
  if (record.alg !== undefined && record.alg !== alg) {
    throw new MicrocredError(ErrorCode.KEY_INVALID, `The JWK says alg ${JSON.stringify(record.alg)}, but a ${alg === 'ES256' ? 'P-256' : 'RSA'} key signs with ${alg}.`);
  }
  const id = options.id ?? (typeof record.kid === 'string' ? record.kid : undefined);
  const key = await fromJwk(record, alg, { ...options, ...(id ? { id } : {}) });
  if (key.canSign) await assertPairMatches(key);
  return key;
}

async function fromJwk(jwk: Record<string, unknown>, alg: JwtKeyAlgorithm, options: JwtKeyOptions): Promise<JwtKey> {
  const publicJwk = publicJwkOf(jwk);
  if (publicJwk.kty === 'RSA' && fromBase64Url(publicJwk.n).length < 256) {
    throw new MicrocredError(ErrorCode.KEY_INVALID, 'RSA keys shorter than 2048 bits are too weak to sign with (RFC 7518 §3.3).');
  }
  const privateJwk = privateMembersOf(jwk, alg);
  let { id, controller } = options;
  if (id === undefined && publicJwk.kty === 'EC') {
    const did = didKeyOf(multibaseOfP256(publicJwk));
    id = `${did}#${did.slice('did:key:'.length)}`;
  }
  controller ??= id === undefined ? undefined : controllerOf(id);
  const thumbprint = await calculateJwkThumbprint(publicJwk);
  return new JwtKey({ alg, publicJwk, thumbprint, ...(id ? { id } : {}), ...(controller ? { controller } : {}), ...(privateJwk ? { privateJwk } : {}) });
}

function privateMembersOf(jwk: Record<string, unknown>, alg: JwtKeyAlgorithm): Record<string, string> | undefined {
  if (jwk.d === undefined) return undefined;
  const names = alg === 'ES256' ? ['d'] : ['d', 'p', 'q', 'dp', 'dq', 'qi'];
  const members: Record<string, string> = {};
  for (const name of names) {
    const value = jwk[name];
    if (typeof value !== 'string' || !/^[A-Za-z0-9_-]+$/.test(value)) {
      throw new MicrocredError(ErrorCode.KEY_INVALID, `The private ${alg === 'ES256' ? 'P-256' : 'RSA'} key lacks a well-formed "${name}".`);
    }
    members[name] = value;
  }
  return members;
}

async function assertPairMatches(key: JwtKey): Promise<void> {
  const probe = new TextEncoder().encode('microcred key check');
  const { import: params, sign } = ALGORITHMS[key.alg];
  try {
    const verifier = await globalThis.crypto.subtle.importKey('jwk', key.publicJwk, params, false, ['verify']);
    if (await globalThis.crypto.subtle.verify(sign, verifier, await key.sign(probe), probe)) return;
  } catch {
    // WebCrypto's messages may describe the key; fall through to a message of our own.
  }
  throw new MicrocredError(ErrorCode.KEY_INVALID, 'The private key does not belong to the public key given with it.');
}

/** The DID of a DID URL (`did:web:example.org#key-1` → `did:web:example.org`); undefined for other URLs. */
function controllerOf(id: string): string | undefined {
  return id.startsWith('did:') ? id.split('#')[0] : undefined;
}
