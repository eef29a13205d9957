// JsonWebSignature2020 (W3C CCG "Linked Data Proof JSON Web Signature 2020"), a legacy suite still in
// circulation (Gaia-X, Catena-X, Transmute's issuers): a detached JWS over
// SHA-256(RDFC-1.0(proof options)) ‖ SHA-256(RDFC-1.0(document)), by a key published as a JWK
// (JsonWebKey2020). The verify data is jsonld-signatures' own (LinkedDataSignature, the class the
// Ed25519 suites extend); the JWS is read and checked here (src/proofs/detachedJws.ts) with jose.
// The field's package (@transmute/json-web-signature 0.7.0-unstable) was not adopted: a pre-release
// that brings its own jsonld 5 (which cannot read VC 2.0 + OB 3.0.3 credentials), a native secp256k1
// build and some 70 packages (42 MB).
import { CONTEXT } from '../model/constants.js';
import jsigs from 'jsonld-signatures';
import { MicrocredError, ErrorCode } from '../errors.js';
import { isJsonObject } from '../jsonPath.js';
import { secretMemberOf, verifyingJwkOf, verifyingJwkOfMultibase, type VerifyingJwk } from '../keys/jwk.js';
import { assertNotRevoked } from '../keys/keyLifecycle.js';
import { readDetachedJws, verifyDetachedJws } from './detachedJws.js';

/** The proof type of the suite and the context that defines it (verified, never issued). */
export const JSON_WEB_SIGNATURE_2020 = {
  type: 'JsonWebSignature2020',
  context: CONTEXT.JWS_2020_V1,
} as const;

type Loader = (url: string) => Promise<{ document: unknown }>;

const PATH = 'proof.verificationMethod';

class JsonWebSignature2020 extends jsigs.suites.LinkedDataSignature {
  constructor() {
    super({ type: JSON_WEB_SIGNATURE_2020.type, contextUrl: JSON_WEB_SIGNATURE_2020.context });
  }

  // The key as the loader serves it (a did:key's Multikey, a DID document's JsonWebKey2020, a held
  // key document); jsonld-signatures' default would frame it under the security v2 context, which
  // does not define publicKeyJwk.
  override async getVerificationMethod(options: { proof: Record<string, unknown>; documentLoader: Loader }) {
    const named = options.proof.verificationMethod;
    const id = typeof named === 'string' ? named : isJsonObject(named) ? named.id : undefined;
    if (typeof id !== 'string') throw new Error('No "verificationMethod" found in proof.');
    const { document } = await options.documentLoader(id);
    const method: unknown = typeof document === 'string' ? JSON.parse(document) : document;
    if (!isJsonObject(method)) throw keyInvalid(id, `The document served for ${id} is not a key.`);
    // A document served for one key URL that says it is another key cannot speak for the first.
    if (method.id !== undefined && method.id !== id)
      throw keyInvalid(
        id,
        `The document served for ${id} says it is the key ${JSON.stringify(method.id).slice(0, 200)}.`,
      );
    assertNotRevoked(method, id);
    return { ...method, id };
  }

  override async verifySignature(options: {
    verifyData: Uint8Array;
    verificationMethod: Record<string, unknown>;
    proof: Record<string, unknown>;
  }): Promise<boolean> {
    const id = String(options.verificationMethod.id);
    // The header first: an algorithm microcred lacks is "could not check" whatever the key is.
    const jws = readDetachedJws(options.proof.jws);
    return verifyDetachedJws(jws, options.verifyData, jwkOfMethod(options.verificationMethod, id), id);
  }
}

/**
 * The public key a verification method publishes, as a JWK: its `publicKeyJwk` (JsonWebKey2020:
 * Ed25519, P-256, P-384, secp256k1 or RSA) or its `publicKeyMultibase` (a did:key's Multikey).
 * Throws `ERR_KEY_INVALID` for a key microcred cannot read or one that carries private material.
 */
export function jwkOfMethod(method: Record<string, unknown>, id: string): VerifyingJwk {
  try {
    const jwk = method.publicKeyJwk;
    if (isJsonObject(jwk)) {
      const secret = secretMemberOf(jwk);
      if (secret !== undefined)
        throw keyInvalid(
          id,
          `The published key ${id} contains "${secret}", private key material: anyone can sign as this key, so it must never be trusted.`,
        );
      return verifyingJwkOf(jwk);
    }
    if (typeof method.publicKeyMultibase === 'string') return verifyingJwkOfMultibase(method.publicKeyMultibase);
  } catch (error) {
    if (error instanceof MicrocredError && error.details.path === undefined)
      throw new MicrocredError(error.code, `${id}: ${error.message}`, { ...error.details, path: PATH, url: id });
    throw error;
  }
  throw keyInvalid(
    id,
    `The verification method ${id} has neither publicKeyJwk nor publicKeyMultibase, the key forms microcred reads.`,
  );
}

function keyInvalid(id: string, detail: string): MicrocredError {
  return new MicrocredError(ErrorCode.KEY_INVALID, detail, { path: PATH, url: id });
}

/** A JsonWebSignature2020 suite for verification (jsonld-signatures loads the key and checks the proof purpose). */
export function jsonWebSignature2020Verifying(): unknown {
  return new JsonWebSignature2020();
}
