// Reading the detached JWS of a JsonWebSignature2020 proof (W3C CCG "Linked Data Proof JSON Web
// Signature 2020"): `header..signature`, the header {alg, b64: false, crit: ["b64"]} (RFC 7797,
// unencoded payload). The header is read here, before any cryptography (and without loading a JOSE
// library), so each way it can be wrong has its own message; src/proofs/detachedJws.ts verifies it.
import { MicrocredError, ErrorCode } from '../errors.js';
import { fromBase64Url } from '../encoding.js';
import { isJsonObject } from '../jsonPath.js';

/** The JWS algorithms of JsonWebSignature2020, each with the one kind of key it takes. */
export const JWS_2020_ALGORITHMS = {
  EdDSA: 'Ed25519',
  ES256: 'P-256',
  ES384: 'P-384',
  ES256K: 'secp256k1',
  PS256: 'RSA',
} as const;

/** A JsonWebSignature2020 algorithm. */
export type Jws2020Algorithm = keyof typeof JWS_2020_ALGORITHMS;

/** Where a JsonWebSignature2020 proof carries its JWS. */
export const PATH = 'proof.jws';

/** The parts of a detached JWS, its header read and checked. */
export interface DetachedJws {
  encodedHeader: string;
  header: Record<string, unknown>;
  alg: Jws2020Algorithm;
  signature: Uint8Array;
  encodedSignature: string;
}

/**
 * Reads `jws` as a JsonWebSignature2020 detached JWS. Throws `ERR_JWS_INVALID` when it is not one
 * (not `header..signature`, a header that is not base64url JSON, `b64` other than false, `crit` other
 * than ["b64"], no `alg`, `none` or a shared-secret MAC), `ERR_JWS_ALG_UNSUPPORTED` for a public-key
 * algorithm the suite does not define (a signature microcred cannot check, not one found wrong).
 */
export function readDetachedJws(jws: unknown): DetachedJws {
  if (typeof jws !== 'string' || jws === '')
    throw invalid('The proof has no jws: a JsonWebSignature2020 proof carries its signature there.');
  const parts = jws.split('.');
  if (parts.length !== 3)
    throw invalid(`The proof's jws has ${parts.length} part(s); a detached JWS has three, "header..signature".`);
  const [encodedHeader, payload, encodedSignature] = parts as [string, string, string];
  if (payload !== '')
    throw invalid(
      "The proof's jws carries a payload; a JsonWebSignature2020 JWS is detached (its middle part empty): the payload is the credential's verify data.",
    );
  const header = decodeHeader(encodedHeader);
  // RFC 7797 §3: with b64 false the payload is signed as it is; the suite signs no other way.
  if (header.b64 !== false)
    throw invalid(
      `The JWS header's b64 is ${shown(header.b64)}; a JsonWebSignature2020 header has b64: false (the unencoded payload of RFC 7797).`,
    );
  // RFC 7797 §6 requires b64 to be critical; any other critical extension is one microcred does not understand (RFC 7515 §4.1.11).
  const crit = header.crit;
  if (!Array.isArray(crit) || crit.length !== 1 || crit[0] !== 'b64')
    throw invalid(
      `The JWS header's crit is ${shown(crit)}; a JsonWebSignature2020 header has crit: ["b64"], naming b64 as critical and nothing else.`,
    );
  const alg = algorithmOf(header.alg);
  let signature: Uint8Array;
  try {
    signature = fromBase64Url(encodedSignature);
  } catch {
    throw invalid("The JWS signature (the proof's jws after its last dot) is not base64url.");
  }
  if (signature.length === 0) throw invalid('The JWS has an empty signature.');
  return { encodedHeader, header, alg, signature, encodedSignature };
}

function decodeHeader(encoded: string): Record<string, unknown> {
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(encoded)));
  } catch {
    throw invalid("The JWS header (before the first dot of the proof's jws) is not base64url-encoded JSON.");
  }
  if (!isJsonObject(header)) throw invalid('The JWS header is not a JSON object.');
  return header;
}

function algorithmOf(alg: unknown): Jws2020Algorithm {
  if (typeof alg !== 'string' || alg === '') throw invalid('The JWS header names no alg.');
  if (Object.hasOwn(JWS_2020_ALGORITHMS, alg)) return alg as Jws2020Algorithm;
  // A proof is verified by anyone with the public key; "none" or a MAC's shared secret proves nothing.
  if (alg === 'none' || /^HS\d+$/.test(alg))
    throw invalid(
      `The JWS header's alg is ${shown(alg)}, which is no public-key signature: anyone could have made it.`,
    );
  throw new MicrocredError(
    ErrorCode.JWS_ALG_UNSUPPORTED,
    `The JWS is signed with ${shown(alg)}; JsonWebSignature2020 proofs are verified with ${Object.keys(JWS_2020_ALGORITHMS).join(', ')}.`,
    { path: PATH },
  );
}

// A header value as a message shows it: JSON, cut short (a header is the signer's to fill).
/** A header value as a message shows it. */
export function shown(value: unknown): string {
  const text = JSON.stringify(value ?? null);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** An `ERR_JWS_INVALID` error at the proof's jws. */
export function invalid(detail: string): MicrocredError {
  return new MicrocredError(ErrorCode.JWS_INVALID, detail, { path: PATH });
}
