// The two JSON Canonicalization Scheme cryptosuites, eddsa-jcs-2022 (VC-DI-EdDSA §3.2) and
// ecdsa-jcs-2019 (VC-DI-ECDSA §3.3). No Digital Bazaar package implements them; they are written
// here as cryptosuites for the DataIntegrityProof class, which then loads the key and checks the
// proof purpose exactly as it does for the RDF suites.
import canonicalize from 'canonicalize';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';

/** The proof type and cryptosuite names of the JCS suites. */
export const EDDSA_JCS_2022 = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022' } as const;
export const ECDSA_JCS_2019 = { type: 'DataIntegrityProof', cryptosuite: 'ecdsa-jcs-2019' } as const;

type Verifier = { algorithm: string; verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean> };

/**
 * The bytes a JCS proof signs: hash(JCS(proof configuration)) ‖ hash(JCS(document without proof)).
 * The configuration is the proof without `proofValue`, under the document's `@context` (or the
 * proof's own, which the document's must then begin with); the hash is SHA-256, or SHA-384 for a
 * P-384 key.
 */
export async function jcsVerifyData(
  document: Record<string, unknown>,
  proof: Record<string, unknown>,
  hash: 'SHA-256' | 'SHA-384',
): Promise<Uint8Array> {
  const { proofValue: _omitted, ...options } = proof;
  // `document` comes without its proof, or, under a proof chain, with the proofs this one follows
  // (VC Data Integrity §4.4): they are then signed too.
  const unsecured: Record<string, unknown> = { ...document };
  if (options['@context'] !== undefined) {
    if (!startsWith(unsecured['@context'], options['@context']))
      throw new Error("The proof's @context is not the beginning of the document's @context.");
    unsecured['@context'] = options['@context'];
  }
  const config = unsecured['@context'] === undefined ? options : { ...options, '@context': unsecured['@context'] };
  const [configHash, documentHash] = await Promise.all([digest(hash, config), digest(hash, unsecured)]);
  const data = new Uint8Array(configHash.length + documentHash.length);
  data.set(configHash, 0);
  data.set(documentHash, configHash.length);
  return data;
}

async function digest(hash: 'SHA-256' | 'SHA-384', value: unknown): Promise<Uint8Array> {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('The document cannot be canonicalized (JCS).');
  return new Uint8Array(await globalThis.crypto.subtle.digest(hash, new TextEncoder().encode(text)));
}

function startsWith(whole: unknown, start: unknown): boolean {
  const a = Array.isArray(whole) ? whole : [whole];
  const b = Array.isArray(start) ? start : [start];
  return b.length <= a.length && b.every((v, i) => JSON.stringify(v) === JSON.stringify(a[i]));
}

function jcsCryptosuite(
  name: string,
  requiredAlgorithm: string[],
  verifierOf: (vm: Record<string, unknown>) => Promise<Verifier>,
) {
  return {
    name,
    requiredAlgorithm,
    // Never called for these suites (createVerifyData is theirs), but the class expects one.
    canonize: async (input: unknown) => canonicalize(input) ?? '',
    createVerifier: ({ verificationMethod }: { verificationMethod: Record<string, unknown> }) =>
      verifierOf(verificationMethod),
    async createVerifyData(options: {
      document: Record<string, unknown>;
      proof: Record<string, unknown>;
      verificationMethod?: Record<string, unknown>;
      dataIntegrityProof: { signer?: { algorithm?: string } };
    }): Promise<Uint8Array> {
      const algorithm = options.verificationMethod
        ? (await verifierOf(options.verificationMethod)).algorithm
        : options.dataIntegrityProof.signer?.algorithm;
      return jcsVerifyData(options.document, options.proof, algorithm === 'P-384' ? 'SHA-384' : 'SHA-256');
    },
  };
}

const eddsaJcs2022 = jcsCryptosuite(EDDSA_JCS_2022.cryptosuite, ['Ed25519'], async (vm) =>
  (await Ed25519Multikey.from(vm)).verifier(),
);
const ecdsaJcs2019 = jcsCryptosuite(ECDSA_JCS_2019.cryptosuite, ['P-256', 'P-384'], async (vm) =>
  (await EcdsaMultikey.from(vm)).verifier(),
);

/** A DataIntegrityProof suite with the eddsa-jcs-2022 cryptosuite, for verification. */
export function eddsaJcs2022Verifying(): unknown {
  return new DataIntegrityProof({ cryptosuite: eddsaJcs2022 });
}

/** A DataIntegrityProof suite with the ecdsa-jcs-2019 cryptosuite, for verification (P-256 or P-384). */
export function ecdsaJcs2019Verifying(): unknown {
  return new DataIntegrityProof({ cryptosuite: ecdsaJcs2019 });
}
