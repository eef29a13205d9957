import jsigs from 'jsonld-signatures';
import { MicrocredError, ErrorCode } from '../errors.js';
import { DocumentLoader } from '../contexts/documentLoader.js';
import { translateJsonLdError } from '../contexts/jsonldErrors.js';
import { isJsonObject } from '../jsonPath.js';
import { ECDSA_SD_2023, ecdsaSd2023Disclosing, isBaseProof } from '../proofs/ecdsaSd2023.js';

const { AssertionProofPurpose } = jsigs.purposes;

/** Options of {@link deriveCredential}. */
export interface DeriveOptions {
  /**
   * What to disclose beyond the statements the issuer made mandatory: RFC 6901 JSON pointers into
   * the credential, e.g. `['/evidence']` or `['/evidence/0']`. An empty list discloses only the mandatory statements.
   */
  reveal: string[];
  /** A loader to reuse across calls (one is made if absent). */
  loader?: DocumentLoader;
}

/**
 * What a holder shares of a credential issued with an `ecdsa-sd-2023` base proof: a copy that
 * discloses the issuer's mandatory statements and those `reveal` points at, with a derived proof
 * any verifier checks (the base proof is for the holder only). A teacher can share a badge without,
 * say, its evidence list.
 *
 * Throws a {@link MicrocredError}: `ERR_PROOF_UNSUPPORTED` when the credential has no ecdsa-sd-2023
 * base proof, `ERR_FIELD_INVALID` (path `reveal`) for a pointer that is not an RFC 6901 pointer or
 * names nothing in the credential.
 *
 * @example
 * const signed = await issueCredential(draft, { key: p256Key, suite: 'ecdsa-sd-2023' });
 * const shared = await deriveCredential(signed, { reveal: [] }); // without the evidence
 * (await verifyCredential(shared)).verified; // true
 */
export async function deriveCredential(
  credential: Record<string, unknown>,
  options: DeriveOptions,
): Promise<Record<string, unknown>> {
  const proof = credential?.proof;
  if (!isJsonObject(proof) || proof.cryptosuite !== ECDSA_SD_2023.cryptosuite || !isBaseProof(proof)) {
    throw new MicrocredError(
      ErrorCode.PROOF_UNSUPPORTED,
      'deriveCredential needs a credential with one ecdsa-sd-2023 base proof (issueCredential(draft, { key, suite: "ecdsa-sd-2023" }) with a P-256 key); this one has none, or is already a disclosure.',
      { path: 'proof' },
    );
  }
  const reveal = checkedPointers(options?.reveal, credential);
  const loader = options.loader ?? new DocumentLoader();
  const copy = structuredClone(credential);
  try {
    return await jsigs.derive(copy, {
      suite: ecdsaSd2023Disclosing(reveal),
      purpose: new AssertionProofPurpose(),
      documentLoader: loader.load,
    });
  } catch (error) {
    throw (
      translateJsonLdError(error, credential) ??
      new MicrocredError(ErrorCode.INTERNAL, `Deriving failed: ${(error as Error).message}`, {}, { cause: error })
    );
  }
}

function checkedPointers(reveal: unknown, credential: Record<string, unknown>): string[] {
  if (!Array.isArray(reveal)) {
    throw new MicrocredError(
      ErrorCode.FIELD_INVALID,
      'options.reveal must be a list of JSON pointers (e.g. ["/evidence"]); give [] to disclose only what the issuer made mandatory.',
      { path: 'reveal' },
    );
  }
  for (const [index, pointer] of reveal.entries()) {
    if (typeof pointer !== 'string' || !pointer.startsWith('/') || resolve(credential, pointer) === undefined) {
      throw new MicrocredError(
        ErrorCode.FIELD_INVALID,
        `options.reveal[${index}] must be a JSON pointer to a member of the credential (e.g. "/evidence"); ${JSON.stringify(pointer)} names nothing in it.`,
        { path: `reveal[${index}]` },
      );
    }
  }
  return reveal as string[];
}

// RFC 6901 §4: each reference token, with ~1 read as "/" and ~0 as "~".
function resolve(value: unknown, pointer: string): unknown {
  let at: unknown = value;
  for (const token of pointer.slice(1).split('/')) {
    const name = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(at) && /^(0|[1-9]\d*)$/.test(name)) at = at[Number(name)];
    else if (isJsonObject(at) && Object.hasOwn(at, name)) at = at[name];
    else return undefined;
  }
  return at;
}
