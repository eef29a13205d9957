import { EDDSA_RDFC_2022, eddsaRdfc2022Verifying } from './eddsaRdfc2022.js';
import { ED25519_SIGNATURE_2020, ed25519Signature2020Verifying } from './ed25519Signature2020.js';
import { ED25519_SIGNATURE_2018, ed25519Signature2018Verifying } from './ed25519Signature2018.js';
import { JSON_WEB_SIGNATURE_2020, jsonWebSignature2020Verifying } from './jsonWebSignature2020.js';
import { ECDSA_RDFC_2019, ecdsaRdfc2019Verifying } from './ecdsaRdfc2019.js';
import { ECDSA_JCS_2019, EDDSA_JCS_2022, ecdsaJcs2019Verifying, eddsaJcs2022Verifying } from './jcs.js';
import { ECDSA_SD_2023, ecdsaSd2023Verifying } from './ecdsaSd2023.js';
import { BBS_2023, bbs2023Verifying } from './bbs2023.js';
import { reuseExpansion } from './onePass/reuseExpansion.js';
import type { Expansion } from './onePass/documentGraph.js';

/**
 * The suites microcred issues with: `eddsa-rdfc-2022` (default), `Ed25519Signature2020`,
 * `ecdsa-rdfc-2019` (P-256 keys' default) and `ecdsa-sd-2023` (P-256; a base proof the holder derives disclosures from).
 */
export type SuiteName = 'eddsa-rdfc-2022' | 'Ed25519Signature2020' | 'ecdsa-rdfc-2019' | 'ecdsa-sd-2023';

/**
 * The suites microcred verifies: those it issues with, the JCS suites, ecdsa-sd-2023 and bbs-2023
 * (derived proofs) and the legacy Ed25519Signature2018 and JsonWebSignature2020.
 */
export type VerifiedSuiteName =
  SuiteName | 'eddsa-jcs-2022' | 'ecdsa-jcs-2019' | 'Ed25519Signature2018' | 'JsonWebSignature2020' | 'bbs-2023';

// The DataIntegrityProof cryptosuites, by the name a proof's `cryptosuite` carries.
const CRYPTOSUITES: Record<string, { name: VerifiedSuiteName; verifying: () => unknown }> = {
  [EDDSA_RDFC_2022.cryptosuite]: { name: 'eddsa-rdfc-2022', verifying: eddsaRdfc2022Verifying },
  [ECDSA_RDFC_2019.cryptosuite]: { name: 'ecdsa-rdfc-2019', verifying: ecdsaRdfc2019Verifying },
  [EDDSA_JCS_2022.cryptosuite]: { name: 'eddsa-jcs-2022', verifying: eddsaJcs2022Verifying },
  [ECDSA_JCS_2019.cryptosuite]: { name: 'ecdsa-jcs-2019', verifying: ecdsaJcs2019Verifying },
  [ECDSA_SD_2023.cryptosuite]: { name: 'ecdsa-sd-2023', verifying: ecdsaSd2023Verifying },
  [BBS_2023.cryptosuite]: { name: 'bbs-2023', verifying: bbs2023Verifying },
};
// The older suites, named by the proof type alone.
const PROOF_TYPES: Record<string, { name: VerifiedSuiteName; verifying: () => unknown }> = {
  [ED25519_SIGNATURE_2020.type]: { name: 'Ed25519Signature2020', verifying: ed25519Signature2020Verifying },
  [ED25519_SIGNATURE_2018.type]: { name: 'Ed25519Signature2018', verifying: ed25519Signature2018Verifying },
  [JSON_WEB_SIGNATURE_2020.type]: { name: 'JsonWebSignature2020', verifying: jsonWebSignature2020Verifying },
};

function entryOf(proof: { type?: unknown; cryptosuite?: unknown }) {
  if (typeof proof.type !== 'string') return undefined;
  if (proof.type === 'DataIntegrityProof')
    return typeof proof.cryptosuite === 'string' && Object.hasOwn(CRYPTOSUITES, proof.cryptosuite)
      ? CRYPTOSUITES[proof.cryptosuite]
      : undefined;
  return Object.hasOwn(PROOF_TYPES, proof.type) ? PROOF_TYPES[proof.type] : undefined;
}

/** Which supported suite made `proof`, or undefined when microcred cannot verify it. */
export function suiteOf(proof: { type?: unknown; cryptosuite?: unknown }): VerifiedSuiteName | undefined {
  return entryOf(proof)?.name;
}

/**
 * A fresh verification suite for `proof` (undefined when {@link suiteOf} is). With the `expansion`
 * of the credential it will verify, eddsa-rdfc-2022 and Ed25519Signature2020 canonicalize it from
 * that expansion instead of expanding it again (src/proofs/onePass; test/differential holds the two
 * equal); the other suites take the library's own path.
 */
export function verificationSuiteOf(proof: { type?: unknown; cryptosuite?: unknown }, expansion?: Expansion): unknown {
  const entry = entryOf(proof);
  if (!entry) return undefined;
  const suite = entry.verifying();
  return entry.name === 'eddsa-rdfc-2022' || entry.name === 'Ed25519Signature2020'
    ? reuseExpansion(suite, expansion)
    : suite;
}

// The older suites whose proof terms (jws, proofPurpose…) only their own context defines.
const SUITE_CONTEXTS: Record<string, string> = {
  [ED25519_SIGNATURE_2020.type]: ED25519_SIGNATURE_2020.context,
  [ED25519_SIGNATURE_2018.type]: ED25519_SIGNATURE_2018.context,
  [JSON_WEB_SIGNATURE_2020.type]: JSON_WEB_SIGNATURE_2020.context,
};

/**
 * The first proof of `document` whose suite defines its terms in a context of its own that the
 * document's @context does not list (a JsonWebSignature2020 proof without
 * https://w3id.org/security/suites/jws-2020/v1), with that context; undefined when there is none.
 */
export function missingSuiteContext(document: Record<string, unknown>): { type: string; context: string } | undefined {
  const listed = [document['@context']].flat();
  for (const proof of [document.proof].flat()) {
    const type = (proof as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !Object.hasOwn(SUITE_CONTEXTS, type)) continue;
    const context = SUITE_CONTEXTS[type] as string;
    if (!listed.includes(context)) return { type, context };
  }
  return undefined;
}

/** The names of every suite microcred verifies, for messages. */
export const VERIFIED_SUITES: readonly string[] = [
  ...Object.keys(CRYPTOSUITES).map((c) => `DataIntegrityProof (${c})`),
  ...Object.keys(PROOF_TYPES),
];
