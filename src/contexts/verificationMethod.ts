import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import { MicrocredError, ErrorCode } from '../errors.js';
import { isJsonObject } from '../jsonPath.js';
import { CONTEXT } from '../model/constants.js';
import { assertUsableEd25519Key } from '../keys/ed25519Points.js';
import { assertNotRevoked } from '../keys/keyLifecycle.js';
import { secretMemberOf } from '../keys/jwk.js';

// Where DID documents and controller documents list their keys (DID Core §5.3): in
// verificationMethod, or embedded in a relationship such as assertionMethod.
const RELATIONSHIPS = [
  'verificationMethod',
  'assertionMethod',
  'authentication',
  'capabilityInvocation',
  'capabilityDelegation',
  'keyAgreement',
] as const;

// The context each Ed25519 key type is defined in; the Multikey library checks it is present.
const CONTEXT_OF_TYPE: Record<string, string> = {
  Multikey: CONTEXT.MULTIKEY_V1,
  Ed25519VerificationKey2020: CONTEXT.ED25519_2020_V1,
  Ed25519VerificationKey2018: 'https://w3id.org/security/suites/ed25519-2018/v1',
};

/** `url` split at its fragment: `[base, fragment]`. */
export function splitFragment(url: string): [string, string | undefined] {
  const hash = url.indexOf('#');
  return hash < 0 ? [url, undefined] : [url.slice(0, hash), url.slice(hash + 1)];
}

/**
 * The verification method `url` names in `document`, as a Multikey document the signature suites of
 * suites read. An Ed25519 key published as Multikey, Ed25519VerificationKey2020 or 2018,
 * or as an OKP publicKeyJwk is served the same way, and so is a P-256 or P-384 publicKeyJwk; any other key is served as published (the suite
 * then says it cannot use it).
 */
export async function selectVerificationMethod(document: unknown, url: string): Promise<Record<string, unknown>> {
  const [base] = splitFragment(url);
  const doc = isJsonObject(document) ? document : {};
  const docBase = typeof doc.id === 'string' ? doc.id : base;
  for (const relationship of RELATIONSHIPS) {
    const entries = Array.isArray(doc[relationship]) ? (doc[relationship] as unknown[]) : [doc[relationship]];
    for (const entry of entries) {
      if (isJsonObject(entry) && typeof entry.id === 'string' && absolute(entry.id, docBase) === url)
        return asMultikey(entry, url, docBase);
    }
  }
  if (base.startsWith('did:key:')) {
    // A did:key has exactly one key, named by its own identifier: any other fragment names a key it does not have.
    throw new MicrocredError(
      ErrorCode.KEY_INVALID,
      `${url} names no key: the only key of ${base} is #${base.slice('did:key:'.length)}.`,
      { url },
    );
  }
  throw new MicrocredError(ErrorCode.KEY_UNRESOLVED, `The DID document does not list the verification method ${url}.`, {
    url,
  });
}

/** `document` with relative key references (`#key-1`) made absolute against `base`, as DID Core §3.2.2 reads them. */
export function withAbsoluteReferences(document: Record<string, unknown>, base: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...document };
  for (const relationship of RELATIONSHIPS) {
    const value = document[relationship];
    if (!Array.isArray(value)) continue;
    copy[relationship] = value.map((entry: unknown) => {
      if (typeof entry === 'string') return absolute(entry, base);
      if (isJsonObject(entry) && typeof entry.id === 'string') return { ...entry, id: absolute(entry.id, base) };
      return entry;
    });
  }
  return copy;
}

function absolute(reference: string, base: string): string {
  return reference.startsWith('#') ? `${base}${reference}` : reference;
}

async function asMultikey(method: Record<string, unknown>, id: string, base: string): Promise<Record<string, unknown>> {
  // The Data Integrity suites do not look at `revoked` (the Ed25519Signature2020 suite does): refuse here for both.
  // (`expires` needs the verification's moment, which the signature check has: it checks that as the suites load the key.)
  assertNotRevoked(method, id);
  assertNoSecret(method, id);
  const controller = typeof method.controller === 'string' ? absolute(method.controller, base) : method.controller;
  const lifecycle = method.expires === undefined ? {} : { expires: method.expires };
  const ecdsa = await ecdsaFromJwk(method.publicKeyJwk);
  if (ecdsa)
    return { ...(await ecdsa.export({ publicKey: true, includeContext: true })), id, controller, ...lifecycle };
  let pair: Ed25519Multikey.MultikeyPair | undefined;
  try {
    // A P-256 (zDn…), P-384 (z82…) or BLS12-381 G2 (zUC7…) Multikey is served as published: the
    // ECDSA and bbs-2023 suites read it.
    if (isEcdsaMultikey(method.publicKeyMultibase) || isBlsMultikey(method.publicKeyMultibase))
      throw new Error('not an Ed25519 key');
    pair = await ed25519PublicKey(method);
  } catch {
    // Not an Ed25519 key microcred reads: served as published below.
  }
  // A key of small order lets a fixed signature verify any content (src/keys/ed25519Points.ts).
  if (pair) assertUsableEd25519Key(pair.publicKey, id);
  try {
    if (!pair || pair.publicKey.length !== 32) throw new Error('not an Ed25519 public key');
    const exported = await pair.export({ publicKey: true, includeContext: true });
    return { ...exported, id, controller, ...lifecycle };
  } catch {
    // jsonld-signatures frames the method; it needs a context of its own.
    return { '@context': CONTEXT_OF_TYPE[String(method.type)] ?? CONTEXT.MULTIKEY_V1, ...method, id };
  }
}

// Members of a verification method that hold a private key, besides a JWK's own private members.
const SECRET_METHOD_MEMBERS = ['secretKeyMultibase', 'privateKeyMultibase', 'privateKeyBase58', 'privateKeyJwk'];

// A published secret key lets anyone sign as the key: every suite refuses it, as VC-JWT does, rather
// than reading only the public half. The value is never repeated.
function assertNoSecret(method: Record<string, unknown>, id: string): void {
  const jwk = method.publicKeyJwk;
  const secret =
    SECRET_METHOD_MEMBERS.find((member) => member in method) ?? (isJsonObject(jwk) ? secretMemberOf(jwk) : undefined);
  if (secret === undefined) return;
  throw new MicrocredError(
    ErrorCode.KEY_INVALID,
    `The published key ${id} contains "${secret}", private key material: anyone can sign as this key, so it must never be trusted.`,
    { url: id },
  );
}

function isBlsMultikey(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('zUC7');
}

function isEcdsaMultikey(value: unknown): boolean {
  return typeof value === 'string' && (value.startsWith('zDn') || value.startsWith('z82'));
}

// A P-256 or P-384 key published as a JWK (a JsonWebKey method, as microcred's did:web documents
// list them) is served as the Multikey the ECDSA suites read; only the public members are taken.
async function ecdsaFromJwk(jwk: unknown): Promise<EcdsaMultikey.EcdsaMultikeyPair | undefined> {
  if (!isJsonObject(jwk) || jwk.kty !== 'EC' || (jwk.crv !== 'P-256' && jwk.crv !== 'P-384')) return undefined;
  if (typeof jwk.x !== 'string' || typeof jwk.y !== 'string') return undefined;
  try {
    // The ECDSA key library is loaded with the first P-256/P-384 JWK met (as the ECDSA suites are).
    const { fromJwk } = await import('@digitalbazaar/ecdsa-multikey');
    const pair = await fromJwk({ jwk: { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y } });
    return pair as unknown as EcdsaMultikey.EcdsaMultikeyPair;
  } catch {
    return undefined;
  }
}

// Only the public parts are read: a published document that leaks a secret key gives none of it to the suites.
async function ed25519PublicKey(method: Record<string, unknown>): Promise<Ed25519Multikey.MultikeyPair> {
  const jwk = method.publicKeyJwk;
  if (isJsonObject(jwk)) {
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 JWK');
    return Ed25519Multikey.fromJwk({ jwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x } });
  }
  const type = String(method.type);
  const context = CONTEXT_OF_TYPE[type];
  if (!context) throw new Error(`not an Ed25519 key type: ${type}`);
  return Ed25519Multikey.from({
    '@context': context,
    type,
    publicKeyMultibase: method.publicKeyMultibase,
    publicKeyBase58: method.publicKeyBase58,
  });
}
