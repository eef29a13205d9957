import { compactVerify, importSPKI } from 'jose';
import { ErrorCode } from '../../errors.js';
import { couldNotCheck, failed, passed, type Verdict } from '../../verify/check.js';
import { loadDocument } from '../documents.js';
import { hasType, isHttpUrl } from '../fields.js';
import type { Ob2Check, Ob2State } from '../state.js';

// What a signed OB 2.0 assertion may be signed with: RS256 is what the spec names; the others are
// the asymmetric JWS algorithms a CryptographicKey's publicKeyPem can hold.
const ALGORITHMS = new Set(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA']);

/**
 * A signed assertion (§SignedBadge): the JWS verifies with the public key of the CryptographicKey
 * that `verification.creator` names, read through the caller's documents or fetch. The key document
 * must say it is that key (its `id`); whose key it is, is the `issuer` check's question.
 */
export const ob2SignatureCheck: Ob2Check = {
  id: 'signature',
  title: "The assertion's signature is valid",
  fatal: true,
  authenticity: true,
  appliesTo: (state) => state.verification === 'signed',
  async run(state) {
    const jws = state.jws;
    if (!jws) {
      return couldNotCheck({
        code: ErrorCode.OB2_SIGNATURE_MISSING,
        detail:
          'This assertion says it is signed (verification type "SignedBadge"), but it was given as JSON, without the JWS its issuer signed: nothing shows it is genuine. Verify the JWS, or the baked badge image that holds it.',
        path: 'verification',
      });
    }
    const alg = jws.header.alg;
    if (alg === 'none' || (typeof alg === 'string' && /^HS/.test(alg))) {
      return failed({
        code: alg === 'none' ? ErrorCode.JWT_ALG_NONE : ErrorCode.JWT_ALG_SYMMETRIC,
        detail: `The JWS header names "alg": "${alg}": ${alg === 'none' ? 'an unsigned JWS' : 'a shared secret, which proves nothing to anyone else'}. An Open Badges 2.0 assertion is signed with the issuer's private key (RS256).`,
        path: 'header.alg',
      });
    }
    if (typeof alg !== 'string' || !ALGORITHMS.has(alg)) {
      return couldNotCheck({
        code: ErrorCode.JWT_ALG_UNSUPPORTED,
        detail: `The JWS is signed with ${JSON.stringify(alg ?? null)}; microcred verifies ${[...ALGORITHMS].join(', ')}.`,
        path: 'header.alg',
      });
    }
    const creator = (state.assertion!.verification as Record<string, unknown>).creator;
    if (!isHttpUrl(creator)) {
      return couldNotCheck({
        code: ErrorCode.KEY_UNRESOLVED,
        detail: `The assertion does not name its signing key as a URL in "verification.creator" (${JSON.stringify(creator ?? null)}), so the key to check the signature with is unknown.`,
        path: 'verification.creator',
      });
    }
    return verifyWithKey(state, jws.compact, alg, creator);
  },
};

async function verifyWithKey(state: Ob2State, compact: string, alg: string, creator: string): Promise<Verdict> {
  const loaded = await loadDocument(state, creator, 'The signing key (verification.creator)', 'verification.creator');
  if ('problem' in loaded) return loaded.unreachable ? couldNotCheck(loaded.problem) : failed(loaded.problem);
  const key = loaded.document;
  const at = { path: 'verification.creator' };
  if (key.id !== creator) {
    return failed({
      code: ErrorCode.KEY_INVALID,
      detail: `The document at ${creator} says it is ${JSON.stringify(key.id ?? null)}, not the key the assertion names; its key is not used.`,
      ...at,
    });
  }
  if (!hasType(key, 'CryptographicKey') || typeof key.publicKeyPem !== 'string') {
    return failed({
      code: ErrorCode.KEY_INVALID,
      detail: `The document at ${creator} is not a CryptographicKey with a "publicKeyPem".`,
      ...at,
    });
  }
  let publicKey: Awaited<ReturnType<typeof importSPKI>>;
  try {
    publicKey = await importSPKI(key.publicKeyPem.trim(), alg);
  } catch (error) {
    return failed({
      code: ErrorCode.KEY_INVALID,
      detail: `The publicKeyPem of ${creator} is not a public key usable with ${alg}: ${(error as Error).message}.`,
      ...at,
    });
  }
  try {
    await compactVerify(compact, publicKey, { algorithms: [alg] });
  } catch {
    return failed({
      code: ErrorCode.SIGNATURE_INVALID,
      detail: `The JWS does not verify with the key ${creator}: the assertion was changed after it was signed, or another key signed it.`,
      path: 'signature',
    });
  }
  state.key = { id: creator, ...(typeof key.owner === 'string' ? { owner: key.owner } : {}) };
  return passed;
}
