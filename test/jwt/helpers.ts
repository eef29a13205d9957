// VC-JWTs made with jose directly, never through microcred's signer, so the verifier is tested
// against tokens an independent implementation produced: keys, the three encodings, and the DID
// and controller documents that publish the keys.
import * as jose from 'jose';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import { DocumentLoader } from '../../src/index.js';
import { unsignedCredential } from '../helpers/credential.js';

export type Alg = 'EdDSA' | 'ES256' | 'RS256';
export const ALGS: Alg[] = ['EdDSA', 'ES256', 'RS256'];

/** A key pair made by jose, with its public JWK and, for Ed25519 and P-256, its did:key. */
export interface TestKey {
  alg: Alg;
  privateKey: jose.CryptoKey;
  publicJwk: jose.JWK;
  privateJwk: jose.JWK;
  /** `did:key:z6Mk…` / `did:key:zDn…` (none for RSA). */
  didKey?: string;
}

export async function testKey(alg: Alg): Promise<TestKey> {
  const { publicKey, privateKey } = await jose.generateKeyPair(alg, { extractable: true });
  const publicJwk = await jose.exportJWK(publicKey);
  const privateJwk = await jose.exportJWK(privateKey);
  const multibase =
    alg === 'EdDSA'
      ? (await Ed25519Multikey.fromJwk({ jwk: publicJwk })).publicKeyMultibase
      : alg === 'ES256'
        ? (await EcdsaMultikey.fromJwk({ jwk: publicJwk as Record<string, unknown> })).publicKeyMultibase
        : undefined;
  return { alg, privateKey, publicJwk, privateJwk, ...(multibase ? { didKey: `did:key:${multibase}` } : {}) };
}

/** The verification method id of a did:key (`did:key:z…#z…`). */
export function didKeyMethod(did: string): string {
  return `${did}#${did.slice('did:key:'.length)}`;
}

export const DID_WEB = 'did:web:issuer.example';
export const URL_ISSUER = 'https://issuer.example/issuers/1';

/**
 * A DID or controller document listing `keys` (JsonWebKey with publicKeyJwk) under
 * verificationMethod and assertionMethod, with relative ids `#key-<n>`.
 */
export function controllerDocument(
  id: string,
  keys: TestKey[],
  options: { assertion?: boolean } = {},
): Record<string, unknown> {
  const methods = keys.map((k, i) => ({
    id: `${id}#key-${i + 1}`,
    type: 'JsonWebKey',
    controller: id,
    publicKeyJwk: k.publicJwk,
  }));
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/jwk/v1'],
    id,
    verificationMethod: methods,
    authentication: methods.map((m) => m.id),
    ...(options.assertion === false ? {} : { assertionMethod: methods.map((m) => m.id.replace(id, '')) }),
  };
}

/** A loader holding the given documents (DID documents, controller documents, key documents). */
export function loaderWith(documents: Record<string, unknown>): DocumentLoader {
  return new DocumentLoader({ documents });
}

/** A valid unsigned OB 3.0 credential (VC 2.0) issued by `issuerId`, with an id. */
export function obCredential(issuerId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...unsignedCredential({ controller: issuerId }),
    id: 'urn:uuid:4a1e1b8c-53a4-4a66-9a55-0f6f1c3b9b0e',
    ...overrides,
  };
}

/** The same credential in the VC 1.1 data model (issuanceDate, the VC 1.1 context first). */
export function vc11Credential(issuerId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { validFrom, ...rest } = obCredential(issuerId);
  return {
    ...rest,
    '@context': [
      'https://www.w3.org/2018/credentials/v1',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    issuanceDate: validFrom,
    ...overrides,
  };
}

export type Encoding = 'ob3' | 'vc11' | 'vc-jose-cose';
export const ENCODINGS: Encoding[] = ['ob3', 'vc11', 'vc-jose-cose'];

/** Where the header points to the key. */
export type KeyHeader = { kid: string } | { jwk: jose.JWK };

/**
 * Signs `credential` with jose in one of the three encodings:
 * - `ob3`: payload = credential + iss, jti, nbf, sub (+ exp), typ JWT;
 * - `vc11`: payload = { vc } + the claims, and `vc` leaves out what the claims stand in for
 *   (issuer.id, id, credentialSubject.id, issuanceDate, expirationDate);
 * - `vc-jose-cose`: payload = credential, typ vc+jwt, no claims.
 * `claims` are added to (or, when undefined, removed from) the payload.
 */
export async function signJwt(
  credential: Record<string, unknown>,
  key: TestKey,
  keyHeader: KeyHeader,
  options: { encoding?: Encoding; claims?: Record<string, unknown>; header?: Record<string, unknown> } = {},
): Promise<string> {
  const encoding = options.encoding ?? 'ob3';
  const header = { alg: key.alg, typ: encoding === 'vc-jose-cose' ? 'vc+jwt' : 'JWT', ...keyHeader, ...options.header };
  const payload = { ...payloadOf(credential, encoding), ...options.claims };
  for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name];
  return new jose.CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader(header as jose.CompactJWSHeaderParameters)
    .sign(key.privateKey);
}

function payloadOf(credential: Record<string, unknown>, encoding: Encoding): Record<string, unknown> {
  if (encoding === 'vc-jose-cose') return { ...credential };
  const issuer = credential.issuer as Record<string, unknown>;
  const subject = credential.credentialSubject as Record<string, unknown>;
  const from = (credential.validFrom ?? credential.issuanceDate) as string;
  const until = (credential.validUntil ?? credential.expirationDate) as string | undefined;
  const claims = {
    iss: issuer.id,
    jti: credential.id,
    nbf: Date.parse(from) / 1000,
    ...(typeof subject.id === 'string' ? { sub: subject.id } : {}),
    ...(until ? { exp: Date.parse(until) / 1000 } : {}),
  };
  if (encoding === 'ob3') return { ...credential, ...claims };
  const { id: _id, issuanceDate: _from, expirationDate: _until, ...vc } = credential;
  const { id: _issuer, ...issuerRest } = issuer;
  const { id: _subject, ...subjectRest } = subject;
  return { vc: { ...vc, issuer: issuerRest, credentialSubject: subjectRest }, ...claims };
}

/** A compact JWS signed with WebCrypto directly, for headers jose will not sign (e.g. an unknown crit). */
export async function signByHand(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: TestKey,
): Promise<string> {
  const input = `${encodePart(header)}.${encodePart(payload)}`;
  const algorithm =
    key.alg === 'ES256'
      ? { name: 'ECDSA', hash: 'SHA-256' }
      : key.alg === 'EdDSA'
        ? { name: 'Ed25519' }
        : { name: 'RSASSA-PKCS1-v1_5' };
  const signature = await globalThis.crypto.subtle.sign(algorithm, key.privateKey, new TextEncoder().encode(input));
  return `${input}.${jose.base64url.encode(new Uint8Array(signature))}`;
}

/** The three parts of a compact JWS. */
export function partsOf(jwt: string): [string, string, string] {
  return jwt.split('.') as [string, string, string];
}

/** base64url(JSON) of a value, as a JWS part. */
export function encodePart(value: unknown): string {
  return jose.base64url.encode(JSON.stringify(value));
}

/** The decoded JSON of a JWS part. */
export function decodePart(part: string): Record<string, unknown> {
  return JSON.parse(new TextDecoder().decode(jose.base64url.decode(part))) as Record<string, unknown>;
}

/** `jwt` with its header or payload replaced by `change(decoded)`, the signature kept: a tampered token. */
export function tampered(
  jwt: string,
  part: 'header' | 'payload',
  change: (value: Record<string, unknown>) => void,
): string {
  const [header, payload, signature] = partsOf(jwt);
  const value = decodePart(part === 'header' ? header : payload);
  change(value);
  return part === 'header'
    ? `${encodePart(value)}.${payload}.${signature}`
    : `${header}.${encodePart(value)}.${signature}`;
}
