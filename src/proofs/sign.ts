import * as vc from '@digitalbazaar/vc';
import { MicrocredError, ErrorCode } from '../errors.js';
import { toDateTimeZ } from '../dates.js';
import type { DocumentLoader } from '../contexts/documentLoader.js';
import { translateJsonLdError } from '../contexts/jsonldErrors.js';
import { eddsaRdfc2022Signing } from './eddsaRdfc2022.js';
import { ed25519Signature2020Signing } from './ed25519Signature2020.js';
import { ecdsaRdfc2019Signing } from './ecdsaRdfc2019.js';
import { ecdsaSd2023Signing, mandatoryPointersOf } from './ecdsaSd2023.js';
import type { SuiteName } from './suites.js';
import type { Key, Signer } from '../keys/key.js';
import { reuseExpansion } from './onePass/reuseExpansion.js';
import type { Expansion } from './onePass/documentGraph.js';

/**
 * Adds a DataIntegrityProof (eddsa-rdfc-2022) made with `key` at `now` to `doc`, a plain JSON copy
 * the caller has checked, and returns it; with `suite` Ed25519Signature2020, that proof instead (the
 * document must already carry the suite's context). With `ecdsa-rdfc-2019`, an ECDSA proof by a P-256 key. The key must be able to make the suite's proof (`ERR_KEY_PROOF_UNSUPPORTED` otherwise). The one signing step of every credential
 * microcred makes (Open Badges and status lists alike); JSON-LD errors come back as {@link MicrocredError}s.
 * With `expansion`, the safe-mode expansion of `doc` made just before, the proof canonicalizes the
 * document from it instead of expanding it again (src/proofs/onePass): the proof is the same.
 */
// The suites whose canonical form test/differential holds equal on the one-pass path.
const ONE_PASS_SUITES: readonly SuiteName[] = ['eddsa-rdfc-2022', 'Ed25519Signature2020'];

export async function signDocument<T>(
  doc: Record<string, unknown>,
  key: Key,
  loader: DocumentLoader,
  now: Date,
  suiteName: SuiteName = 'eddsa-rdfc-2022',
  expansion?: Expansion,
): Promise<T> {
  try {
    const created = toDateTimeZ(now);
    const signing = {
      'eddsa-rdfc-2022': eddsaRdfc2022Signing,
      Ed25519Signature2020: ed25519Signature2020Signing,
      'ecdsa-rdfc-2019': ecdsaRdfc2019Signing,
      'ecdsa-sd-2023': (signer: Signer, date?: string) => ecdsaSd2023Signing(signer, date, mandatoryPointersOf(doc)),
    }[suiteName];
    // The suites the one-pass path is proven equal for (test/differential) reuse the expansion.
    const suite = ONE_PASS_SUITES.includes(suiteName)
      ? reuseExpansion(signing(key.signer(), created), expansion)
      : signing(key.signer(), created);
    return (await vc.issue({ credential: doc, suite, documentLoader: loader.load })) as unknown as T;
  } catch (error) {
    // An external signer's failure (ERR_SIGNER_*) is already a MicrocredError: it passes through as it is.
    if (error instanceof MicrocredError) throw error;
    throw (
      translateJsonLdError(error, doc) ??
      new MicrocredError(ErrorCode.INTERNAL, `Signing failed: ${(error as Error).message}`, {}, { cause: error })
    );
  }
}
