import { EDDSA_RDFC_2022, eddsaRdfc2022Verifying } from './eddsaRdfc2022.js';
import { reuseExpansion } from './onePass/reuseExpansion.js';
import type { Expansion } from './onePass/documentGraph.js';
import { CONTEXT } from '../model/constants.js';

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

// How a suite's verifier is made. eddsa-rdfc-2022, what Open Badges issuers sign with, is bundled
// with the verifier; every other suite is loaded the first time a proof of it is met, so a site
// that bundles the verifier does not carry BLS12-381, CBOR and JCS code for the rare proof.
// (Each loaded module is cached by the module system: the second proof of a suite waits for nothing.)
interface SuiteEntry {
  name: VerifiedSuiteName;
  verifying: () => Promise<unknown>;
}

// The DataIntegrityProof cryptosuites, by the name a proof's `cryptosuite` carries. The names are
// written here rather than imported from each suite's module, which would load it.
const CRYPTOSUITES: Record<string, SuiteEntry> = {
  [EDDSA_RDFC_2022.cryptosuite]: { name: 'eddsa-rdfc-2022', verifying: async () => eddsaRdfc2022Verifying() },
  'ecdsa-rdfc-2019': {
    name: 'ecdsa-rdfc-2019',
    verifying: async () => (await import('./ecdsaRdfc2019.js')).ecdsaRdfc2019Verifying(),
  },
  'eddsa-jcs-2022': {
    name: 'eddsa-jcs-2022',
    verifying: async () => (await import('./jcs.js')).eddsaJcs2022Verifying(),
  },
  'ecdsa-jcs-2019': {
    name: 'ecdsa-jcs-2019',
    verifying: async () => (await import('./jcs.js')).ecdsaJcs2019Verifying(),
  },
  'ecdsa-sd-2023': {
    name: 'ecdsa-sd-2023',
    verifying: async () => (await import('./ecdsaSd2023.js')).ecdsaSd2023Verifying(),
  },
  'bbs-2023': { name: 'bbs-2023', verifying: async () => (await import('./bbs2023.js')).bbs2023Verifying() },
};
// The older suites, named by the proof type alone.
const PROOF_TYPES: Record<string, SuiteEntry> = {
  Ed25519Signature2020: {
    name: 'Ed25519Signature2020',
    verifying: async () => (await import('./ed25519Signature2020.js')).ed25519Signature2020Verifying(),
  },
  Ed25519Signature2018: {
    name: 'Ed25519Signature2018',
    verifying: async () => (await import('./ed25519Signature2018.js')).ed25519Signature2018Verifying(),
  },
  JsonWebSignature2020: {
    name: 'JsonWebSignature2020',
    verifying: async () => (await import('./jsonWebSignature2020.js')).jsonWebSignature2020Verifying(),
  },
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
 * A fresh verification suite for `proof`, its module loaded on first use (undefined when {@link suiteOf} is). With the `expansion`
 * of the credential it will verify, eddsa-rdfc-2022 and Ed25519Signature2020 canonicalize it from
 * that expansion instead of expanding it again (src/proofs/onePass; test/differential holds the two
 * equal); the other suites take the library's own path.
 */
export async function verificationSuiteOf(
  proof: { type?: unknown; cryptosuite?: unknown },
  expansion?: Expansion,
): Promise<unknown> {
  const entry = entryOf(proof);
  if (!entry) return undefined;
  const suite = await entry.verifying();
  return entry.name === 'eddsa-rdfc-2022' || entry.name === 'Ed25519Signature2020'
    ? reuseExpansion(suite, expansion)
    : suite;
}

// The older suites whose proof terms (jws, proofPurpose…) only their own context defines.
// (Named here rather than imported from each suite's module, which loads on first use.)
const SUITE_CONTEXTS: Record<string, string> = {
  Ed25519Signature2020: CONTEXT.ED25519_2020_V1,
  Ed25519Signature2018: CONTEXT.ED25519_2018_V1,
  JsonWebSignature2020: CONTEXT.JWS_2020_V1,
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
