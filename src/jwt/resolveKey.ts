import { MicrocredError, ErrorCode, isMicrocredError } from '../errors.js';
import type { LoadsDocuments } from '../contexts/documentLoader.js';
import { isUri } from '../identifiers.js';
import { NETWORK_ERROR_CODES } from '../network/policy.js';
import { isJsonObject } from '../jsonPath.js';
import {
  verifyingJwkOfMultibase,
  jwkOfSelfCertifyingDid,
  verifyingJwkOf,
  sameKey,
  secretMemberOf,
  thumbprintUriOf,
  type VerifyingJwk,
} from '../keys/jwk.js';
import type { KeySource } from './header.js';
import { assertKeyInForce, type KeyCheckTime } from '../keys/keyLifecycle.js';

/** The public key a VC-JWT names, and what is known about who controls it. */
export interface ResolvedJwtKey {
  jwk: VerifyingJwk;
  /** The key's URI: the (absolute) kid, or for a header `jwk` its RFC 9278 thumbprint URI. */
  id: string;
  /**
   * Who controls the key, when its source shows it: the DID of a did:key / did:jwk, or the id of
   * the DID or controller document that lists the key for assertion. Absent for a header `jwk` or
   * a bare JWK at a URL, which say nothing about their owner.
   */
  controller?: string;
  source: 'kid' | 'jwk';
}

/**
 * Finds the public key a JOSE header names, through the loader only (so offline unless the
 * loader fetches): did:key (Ed25519, P-256) and did:jwk from the identifier itself; any other kid
 * by loading its document — a DID or controller document (the key must be listed under
 * `assertionMethod`), a verification method (its controller's document must list it), a JWK or a
 * JWK Set. A kid of the form `#key-1` is read relative to `issuer`. With no usable kid, the
 * header's `jwk` is used.
 *
 * Throws `ERR_KEY_UNRESOLVED` (with `details.url`) when a document is not available, the
 * loader's network error (`ERR_NETWORK_DISABLED`, `ERR_DID_DOCUMENT_MISMATCH`…) when it needed the
 * network or refused what it got, `ERR_KEY_NOT_AUTHORIZED`, `ERR_KEY_INVALID` or `ERR_JWT_JWK_PRIVATE` when what was found cannot be used,
 * `ERR_KEY_INVALID` / `ERR_KEY_EXPIRED` when its document says it was revoked or has expired `at` the given moment (default: now).
 */
export async function resolveJwtKey(
  source: KeySource,
  options: { loader: LoadsDocuments; issuer?: string; at?: KeyCheckTime },
): Promise<ResolvedJwtKey> {
  const kid = source.kid === undefined ? undefined : absoluteKid(source.kid, options.issuer);
  if (kid !== undefined) return resolveKid(kid, options.loader, options.at ?? { now: new Date(), clockSkewSeconds: 0 });
  if (source.jwk) {
    const header = source.jwk;
    const jwk = atPath('header.jwk', () => verifyingJwkOf(header));
    return { jwk, id: await thumbprintUriOf(jwk), source: 'jwk' };
  }
  throw new MicrocredError(
    ErrorCode.KEY_UNRESOLVED,
    `The header's kid ${JSON.stringify(source.kid)} is not a URI (and the header has no jwk), so there is nowhere to look the key up.`,
    { path: 'header.kid' },
  );
}

function absoluteKid(kid: string, issuer: string | undefined): string | undefined {
  if (isUri(kid as unknown)) return kid;
  // A bare fragment names a key of the issuer's own document (as did:web issuers often write it).
  return kid.startsWith('#') && isUri(issuer) && !issuer.includes('#') ? `${issuer}${kid}` : undefined;
}

async function resolveKid(kid: string, loader: LoadsDocuments, at: KeyCheckTime): Promise<ResolvedJwtKey> {
  const [base, fragment] = splitFragment(kid);
  const selfCertified = atPath('header.kid', () => jwkOfSelfCertifyingDid(kid));
  if (selfCertified) {
    const expected = base.startsWith('did:key:') ? base.slice('did:key:'.length) : '0';
    if (fragment !== undefined && fragment !== expected) {
      throw new MicrocredError(ErrorCode.KEY_INVALID, `${kid} names no key: the only key of ${base} is #${expected}.`, {
        path: 'header.kid',
        url: kid,
      });
    }
    return { jwk: selfCertified, id: `${base}#${expected}`, controller: base, source: 'kid' };
  }

  const doc = await loadDocument(loader, base);
  if (Array.isArray(doc.keys)) return { jwk: keyOfJwkSet(doc.keys, kid, fragment), id: kid, source: 'kid' };
  if (typeof doc.kty === 'string') return { jwk: checkedJwk(doc), id: kid, source: 'kid' };
  if (Array.isArray(doc.verificationMethod) || Array.isArray(doc.assertionMethod))
    return keyOfControllerDocument(doc, kid, base, fragment, at);
  if (doc.publicKeyJwk !== undefined || doc.publicKeyMultibase !== undefined) return keyOfMethod(doc, kid, loader, at);
  throw new MicrocredError(
    ErrorCode.KEY_INVALID,
    `The document at ${base} is not a key: not a DID or controller document, a verification method, a JWK or a JWK Set.`,
    { path: 'header.kid', url: base },
  );
}

/**
 * Whether `issuer` lists `jwk` among the keys it issues with: for a did:key or did:jwk issuer,
 * whether it is that DID's key; otherwise whether the issuer's DID or controller document
 * (through the loader) lists a method with this public key under assertionMethod. This is how a
 * key that names no controller (a header `jwk`, a bare JWK at a URL) is tied to an issuer.
 * Throws `ERR_KEY_UNRESOLVED` (with `details.url`) when the issuer's document is not available.
 */
export async function issuerListsKey(
  issuer: string,
  jwk: VerifyingJwk,
  loader: LoadsDocuments,
  at: KeyCheckTime = { now: new Date(), clockSkewSeconds: 0 },
): Promise<boolean> {
  let own: VerifyingJwk | undefined;
  try {
    own = jwkOfSelfCertifyingDid(issuer);
  } catch {
    return false; // a did:key or did:jwk that encodes no usable key lists no key
  }
  if (own) return sameKey(own, jwk);
  const [base] = splitFragment(issuer);
  const doc = await loadDocument(loader, base);
  if (doc.id !== undefined && doc.id !== base) return false;
  for (const method of [...asList(doc.verificationMethod), ...asList(doc.assertionMethod)].filter(isJsonObject)) {
    const id = typeof method.id === 'string' ? absolute(method.id, base) : undefined;
    if (id === undefined || !listsForAssertion(doc, id, base)) continue;
    try {
      if (!sameKey(jwkOfMethod(method, id), jwk)) continue;
      // A key the issuer revoked, or that has expired, no longer speaks for it.
      assertKeyInForce(method, id, at);
      return true;
    } catch {
      // A method whose key microcred cannot read is not the key that verified the signature.
    }
  }
  return false;
}

/** A key listed in a DID / controller document; the document must list it for assertion. */
async function keyOfControllerDocument(
  doc: Record<string, unknown>,
  kid: string,
  base: string,
  fragment: string | undefined,
  at: KeyCheckTime,
): Promise<ResolvedJwtKey> {
  if (doc.id !== undefined && doc.id !== base) {
    // The document a URL serves speaks for that URL only; one claiming to be another's cannot vouch for its keys.
    throw new MicrocredError(
      ErrorCode.KEY_NOT_AUTHORIZED,
      `The document held for ${base} says it is ${JSON.stringify(doc.id)}, so it cannot say which keys ${base} uses.`,
      { path: 'header.kid', url: base },
    );
  }
  const methods = [...asList(doc.verificationMethod), ...asList(doc.assertionMethod)].filter(isJsonObject);
  const idOf = (m: Record<string, unknown>) => (typeof m.id === 'string' ? absolute(m.id, base) : undefined);
  const method =
    fragment !== undefined
      ? methods.find((m) => idOf(m) === kid)
      : single(methods.filter((m) => listsForAssertion(doc, idOf(m), base)));
  if (!method) {
    const why =
      fragment !== undefined
        ? `does not list the key ${kid}`
        : 'lists more or fewer than one assertion key, and the kid names none';
    throw new MicrocredError(ErrorCode.KEY_UNRESOLVED, `The document of ${base} ${why}.`, {
      path: 'header.kid',
      url: kid,
    });
  }
  const id = idOf(method) as string;
  if (!listsForAssertion(doc, id, base)) {
    throw new MicrocredError(
      ErrorCode.KEY_NOT_AUTHORIZED,
      `${base} lists the key ${id} but not under assertionMethod, so it does not use it to issue credentials.`,
      { path: 'header.kid', url: id },
    );
  }
  atPath('header.kid', () => assertKeyInForce(method, id, at));
  return { jwk: jwkOfMethod(method, id), id, controller: base, source: 'kid' };
}

/** A verification method served on its own; it names its controller, whose document must list it for assertion. */
async function keyOfMethod(
  method: Record<string, unknown>,
  kid: string,
  loader: LoadsDocuments,
  at: KeyCheckTime,
): Promise<ResolvedJwtKey> {
  const id = typeof method.id === 'string' ? method.id : kid;
  const jwk = jwkOfMethod(method, id);
  atPath('header.kid', () => assertKeyInForce(method, id, at));
  const controller = method.controller;
  if (typeof controller !== 'string') return { jwk, id, source: 'kid' };
  // A key document can name any controller; only the controller's own document can confirm it.
  const [controllerBase] = splitFragment(controller);
  const controllerDoc = await loadDocument(loader, controllerBase);
  if (
    (controllerDoc.id !== undefined && controllerDoc.id !== controllerBase) ||
    !listsForAssertion(controllerDoc, id, controllerBase)
  ) {
    throw new MicrocredError(
      ErrorCode.KEY_NOT_AUTHORIZED,
      `The key ${id} names ${controller} as its controller, but ${controller}'s document does not list it under assertionMethod.`,
      { path: 'header.kid', url: id },
    );
  }
  return { jwk, id, controller: controllerBase, source: 'kid' };
}

function keyOfJwkSet(keys: unknown[], kid: string, fragment: string | undefined): VerifyingJwk {
  const objects = keys.filter(isJsonObject);
  const found =
    objects.find((k) => k.kid === kid || (fragment !== undefined && k.kid === fragment)) ??
    (fragment === undefined ? single(objects) : undefined);
  if (!found)
    throw new MicrocredError(
      ErrorCode.KEY_UNRESOLVED,
      `The JWK Set at ${kid} has no key with kid ${JSON.stringify(fragment ?? kid)}.`,
      { path: 'header.kid', url: kid },
    );
  return checkedJwk(found);
}

function jwkOfMethod(method: Record<string, unknown>, id: string): VerifyingJwk {
  if (isJsonObject(method.publicKeyJwk)) return checkedJwk(method.publicKeyJwk);
  const multibase = method.publicKeyMultibase;
  if (typeof multibase === 'string') return atPath('header.kid', () => verifyingJwkOfMultibase(multibase));
  throw new MicrocredError(
    ErrorCode.KEY_UNRESOLVED,
    `The verification method ${id} has neither publicKeyJwk nor publicKeyMultibase, the key forms microcred reads.`,
    { path: 'header.kid', url: id },
  );
}

function checkedJwk(jwk: Record<string, unknown>): VerifyingJwk {
  const secret = secretMemberOf(jwk);
  if (secret !== undefined) {
    throw new MicrocredError(
      ErrorCode.JWT_JWK_PRIVATE,
      `The published key contains "${secret}", private key material: anyone can sign as this key, so it must never be trusted.`,
      { path: 'header.kid' },
    );
  }
  return atPath('header.kid', () => verifyingJwkOf(jwk));
}

async function loadDocument(loader: LoadsDocuments, url: string): Promise<Record<string, unknown>> {
  let document: unknown;
  try {
    ({ document } = await loader.load(url));
  } catch (error) {
    // The loader's own verdicts stand: the network was needed (or refused what it got), or the
    // document held for a DID is another DID's.
    if (isMicrocredError(error) && NETWORK_ERROR_CODES.includes(error.code)) {
      throw new MicrocredError(error.code, error.message, { url, ...error.details, path: 'header.kid' });
    }
    const why = isMicrocredError(error) ? error.message : String(error);
    throw new MicrocredError(
      ErrorCode.KEY_UNRESOLVED,
      `${url} could not be loaded offline. ${howToSupply(url)} (${why})`,
      { path: 'header.kid', url },
    );
  }
  if (!isJsonObject(document))
    throw new MicrocredError(ErrorCode.KEY_INVALID, `The document at ${url} is not a JSON object.`, {
      path: 'header.kid',
      url,
    });
  return document;
}

function howToSupply(url: string): string {
  if (url.startsWith('did:web:'))
    return 'Give its DID document to the DocumentLoader (the documents option), or allow the network (the fetch option).';
  const method = /^did:([a-z0-9]+):/.exec(url)?.[1];
  if (method)
    return `microcred resolves did:key and did:jwk itself and other DIDs only from documents you give the DocumentLoader; it cannot resolve did:${method} on its own.`;
  return 'Give the document published at that URL to the DocumentLoader (the documents option).';
}

/** True when `doc` lists the method `id` (absolute or relative to `base`) under assertionMethod. */
function listsForAssertion(doc: Record<string, unknown>, id: string | undefined, base: string): boolean {
  if (id === undefined) return false;
  return asList(doc.assertionMethod).some((entry) => {
    const ref =
      typeof entry === 'string' ? entry : isJsonObject(entry) && typeof entry.id === 'string' ? entry.id : undefined;
    return ref !== undefined && absolute(ref, base) === id;
  });
}

/** `read()`, with `path` added to a MicrocredError it throws that names none. */
function atPath<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof MicrocredError && error.details.path === undefined)
      throw new MicrocredError(error.code, error.message, { ...error.details, path });
    throw error;
  }
}

function absolute(id: string, base: string): string {
  return id.startsWith('#') ? `${base}${id}` : id;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function single<T>(items: T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}

function splitFragment(url: string): [string, string | undefined] {
  const hash = url.indexOf('#');
  return hash < 0 ? [url, undefined] : [url.slice(0, hash), url.slice(hash + 1)];
}
