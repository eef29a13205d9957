// An independent signer for JsonWebSignature2020 (W3C CCG lds-jws2020), built from the spec with
// jsonld (URDNA2015), node:crypto and jose's FlattenedSign: no microcred code, so the verifier is
// checked against a second reading of the suite. The proof options (the proof without jws, under the
// document's @context) and the document are each canonicalized and hashed with SHA-256; the detached
// JWS {alg, b64: false, crit: ["b64"]} signs ASCII(header) ‖ "." ‖ the two hashes.
import { createHash, generateKeyPairSync, sign, constants, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import jsonld from 'jsonld';
import { FlattenedSign, importJWK } from 'jose';
import { jcsKey } from './jcsSigner.js';
import { plainLoader } from './plainStack.js';

/** The suite's context, as published at its URL (the same bytes microcred bundles). */
export const JWS_2020_CONTEXT = 'https://w3id.org/security/suites/jws-2020/v1';
const JWS_2020_DOCUMENT: unknown = JSON.parse(
  readFileSync(new URL('../../../contexts/jws-2020/v1.json', import.meta.url), 'utf8'),
);
const DID_V1 = 'https://www.w3.org/ns/did/v1';

/** The kinds of key the tests sign with, and the JWS alg each takes. */
const ALG = {
  Ed25519: 'EdDSA',
  'P-256': 'ES256',
  'P-384': 'ES384',
  secp256k1: 'ES256K',
  RSA: 'PS256',
  'P-521': 'ES512',
} as const;
export type JwsKind = keyof typeof ALG;

/** A signing key, named by a verification method URL, with its public JWK. */
export interface JwsKey {
  kind: JwsKind;
  alg: string;
  id: string;
  controller: string;
  privateKey: KeyObject;
  publicJwk: Record<string, unknown>;
}

/** A fresh Ed25519, P-256 or P-384 key named by its did:key (built from the public key as the did:key spec says). */
export function didKeyJwsKey(kind: 'Ed25519' | 'P-256' | 'P-384'): JwsKey {
  const key = jcsKey(kind);
  const publicJwk = publicJwkOf(key.privateKey);
  return { kind, alg: ALG[kind], id: key.id, controller: key.controller, privateKey: key.privateKey, publicJwk };
}

/** A fresh key of `kind`, the method `${did}#${fragment}` of a DID document the test writes. */
export function didWebJwsKey(did: string, fragment: string, kind: JwsKind): JwsKey {
  const { privateKey } =
    kind === 'Ed25519'
      ? generateKeyPairSync('ed25519')
      : kind === 'RSA'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 })
        : generateKeyPairSync('ec', { namedCurve: kind === 'secp256k1' ? 'secp256k1' : kind });
  return {
    kind,
    alg: ALG[kind],
    id: `${did}#${fragment}`,
    controller: did,
    privateKey,
    publicJwk: publicJwkOf(privateKey),
  };
}

function publicJwkOf(privateKey: KeyObject): Record<string, unknown> {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...jwk } = privateKey.export({ format: 'jwk' });
  return jwk;
}

/** The JsonWebKey2020 verification method of `key`, as DID documents list them. */
export function jsonWebKey2020(key: JwsKey): Record<string, unknown> {
  return { id: key.id, type: 'JsonWebKey2020', controller: key.controller, publicKeyJwk: key.publicJwk };
}

/** A DID document for `did` listing `keys` as JsonWebKey2020 methods, each for `relationship`. */
export function didDocumentOf(did: string, keys: JwsKey[], relationship = 'assertionMethod'): Record<string, unknown> {
  return {
    '@context': [DID_V1, JWS_2020_CONTEXT],
    id: did,
    verificationMethod: keys.map(jsonWebKey2020),
    [relationship]: keys.map((k) => k.id),
  };
}

/** What to sign differently: the JWS header's members (undefined removes one), the proof's, its date. */
export interface JwsSignOptions {
  header?: Record<string, unknown>;
  proof?: Record<string, unknown>;
  created?: string;
}

/** `document` with a JsonWebSignature2020 proof by `key`. */
export async function signJws2020(
  document: Record<string, unknown>,
  key: JwsKey,
  options: JwsSignOptions = {},
): Promise<Record<string, unknown>> {
  const proof: Record<string, unknown> = {
    type: 'JsonWebSignature2020',
    created: options.created ?? '2026-01-15T09:00:00Z',
    verificationMethod: key.id,
    proofPurpose: 'assertionMethod',
    ...options.proof,
  };
  const { proof: _existing, ...unsecured } = document;
  const verifyData = Buffer.concat([
    sha256(await canonize({ '@context': document['@context'], ...proof })),
    sha256(await canonize(unsecured)),
  ]);
  const header = withChanges({ alg: key.alg, b64: false, crit: ['b64'] }, options.header ?? {});
  return { ...unsecured, proof: { ...proof, jws: await detachedJws(header, verifyData, key) } };
}

async function detachedJws(header: Record<string, unknown>, payload: Uint8Array, key: JwsKey): Promise<string> {
  const standard =
    JSON.stringify(header) === JSON.stringify({ alg: key.alg, b64: false, crit: ['b64'] }) &&
    ['EdDSA', 'ES256', 'ES384', 'PS256'].includes(key.alg);
  if (standard) {
    const jws = await new FlattenedSign(payload)
      .setProtectedHeader(header as { alg: string })
      .sign(await importJWK(key.privateKey.export({ format: 'jwk' }), key.alg));
    return `${jws.protected}..${jws.signature}`;
  }
  // What jose would refuse to sign (a header the suite never writes, ES256K): the JWS signing input by hand.
  const encodedHeader = Buffer.from(JSON.stringify(header)).toString('base64url');
  const body = header.b64 === false ? Buffer.from(payload) : Buffer.from(Buffer.from(payload).toString('base64url'));
  const input = Buffer.concat([Buffer.from(`${encodedHeader}.`), body]);
  return `${encodedHeader}..${rawSignature(input, key).toString('base64url')}`;
}

function rawSignature(data: Buffer, key: JwsKey): Buffer {
  switch (key.kind) {
    case 'Ed25519':
      return sign(null, data, key.privateKey);
    case 'RSA':
      return sign('sha256', data, { key: key.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
    default: {
      const hash = key.kind === 'P-384' ? 'sha384' : key.kind === 'P-521' ? 'sha512' : 'sha256';
      return sign(hash, data, { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
    }
  }
}

function withChanges(base: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base, ...changes };
  for (const [name, value] of Object.entries(changes)) if (value === undefined) delete out[name];
  return out;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

const contexts = plainLoader();
async function canonize(input: unknown): Promise<string> {
  return jsonld.canonize(input, {
    algorithm: 'URDNA2015',
    format: 'application/n-quads',
    safe: true,
    documentLoader: async (url: string) =>
      url === JWS_2020_CONTEXT ? { contextUrl: null, documentUrl: url, document: JWS_2020_DOCUMENT } : contexts(url),
  });
}

const L = 2n ** 252n + 27742317777372353535851937790883648493n;

/**
 * A detached Ed25519 JWS (`header..signature`) with the same signature written with S + L (RFC 8032
 * §5.1.7): the same group element, a second encoding that careful verifiers refuse.
 */
export function withUnreducedS(jws: string): string {
  const [head, , encoded] = jws.split('.') as [string, string, string];
  const bytes = Buffer.from(encoded, 'base64url');
  const s = BigInt(`0x${Buffer.from(bytes.subarray(32)).reverse().toString('hex')}`) + L;
  const unreduced = Buffer.from(s.toString(16).padStart(64, '0'), 'hex').reverse();
  return `${head}..${Buffer.concat([bytes.subarray(0, 32), unreduced]).toString('base64url')}`;
}
