import { compactVerify, importSPKI } from 'jose';
import { ErrorCode } from '../../errors.js';
import { couldNotCheck, failed, passed, type Verdict } from '../../verify/check.js';
import { embeddedOrLoaded, loadDocument } from '../documents.js';
import { hasType, idOf, isHttpUrl } from '../fields.js';
import type { Ob2Check, Ob2State } from '../state.js';

// What a signed OB 2.0 assertion may be signed with: RS256 is what the spec names; the others are
// the asymmetric JWS algorithms a CryptographicKey's publicKeyPem can hold.
const ALGORITHMS = new Set(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA']);

/**
 * A signed assertion (§SignedBadge): the JWS verifies with the public key of the CryptographicKey
 * that `verification.creator` names, read through the caller's documents or fetch (without a
 * creator, with one of the keys its issuer lists under `publicKey`). The key document must say it
 * is that key (its `id`); whose key it is, is the `issuer` check's question.
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
    if (creator === undefined) return verifyWithIssuerKeys(state, jws.compact, alg);
    if (!isHttpUrl(creator)) {
      return couldNotCheck({
        code: ErrorCode.KEY_UNRESOLVED,
        detail: `The assertion's "verification.creator" (${JSON.stringify(creator)}) is not a URL, so the key to check the signature with is unknown.`,
        path: 'verification.creator',
      });
    }
    const loaded = await loadDocument(state, creator, 'The signing key (verification.creator)', 'verification.creator');
    if ('problem' in loaded) return loaded.unreachable ? couldNotCheck(loaded.problem) : failed(loaded.problem);
    if (loaded.document.id !== creator) {
      return failed({
        code: ErrorCode.KEY_INVALID,
        detail: `The document at ${creator} says it is ${JSON.stringify(loaded.document.id ?? null)}, not the key the assertion names; its key is not used.`,
        path: 'verification.creator',
      });
    }
    const verdict = await verifyWithKey(jws.compact, alg, loaded.document, creator);
    if (verdict.outcome === 'passed') state.key = keyOf(loaded.document, creator, false);
    return verdict;
  },
};

// Without a creator, OB 2.0 (§SignedBadge) has the verifier try the keys the issuer profile lists
// under publicKey: the badge class and its issuer are read first, and at most MAX_KEYS keys tried.
const MAX_KEYS = 4;

async function verifyWithIssuerKeys(state: Ob2State, compact: string, alg: string): Promise<Verdict> {
  const assertion = state.assertion!;
  const badge = await embeddedOrLoaded(state, assertion.badge, 'The badge class (badge)', 'badge');
  if ('problem' in badge) return couldNotCheck(badge.problem);
  const issuer = await embeddedOrLoaded(
    state,
    badge.document.issuer,
    "The badge class's issuer (badge.issuer)",
    'badge.issuer',
  );
  if ('problem' in issuer) return couldNotCheck(issuer.problem);
  const listed = [issuer.document.publicKey].flat().filter((k) => k !== undefined);
  if (listed.length === 0) {
    return couldNotCheck({
      code: ErrorCode.KEY_UNRESOLVED,
      detail: `The assertion names no signing key ("verification.creator"), and its issuer ${String(issuer.document.id)} lists none under "publicKey", so the key to check the signature with is unknown.`,
      path: 'verification.creator',
    });
  }
  let last: Verdict | undefined;
  for (const [i, ref] of listed.slice(0, MAX_KEYS).entries()) {
    const label = idOf(ref) ?? `the issuer's publicKey[${i}]`;
    const loaded = await embeddedOrLoaded(state, ref, `The issuer's key ${label}`, 'badge.issuer.publicKey');
    if ('problem' in loaded) {
      last = couldNotCheck(loaded.problem);
      continue;
    }
    last = await verifyWithKey(compact, alg, loaded.document, label);
    if (last.outcome === 'passed') {
      state.key = keyOf(loaded.document, label, true);
      return last;
    }
  }
  return last!;
}

/** The key that verified, for the `issuer` check: `listed` when the issuer profile lists it (so vouches for it). */
function keyOf(key: Record<string, unknown>, id: string, listed: boolean): NonNullable<Ob2State['key']> {
  return { id, ...(typeof key.owner === 'string' ? { owner: key.owner } : {}), ...(listed ? { listed } : {}) };
}

/** Whether the JWS verifies with the CryptographicKey `key` (named `name` in messages). */
async function verifyWithKey(
  compact: string,
  alg: string,
  key: Record<string, unknown>,
  name: string,
): Promise<Verdict> {
  const at = { path: 'verification.creator' };
  if (!hasType(key, 'CryptographicKey') || typeof key.publicKeyPem !== 'string') {
    return failed({
      code: ErrorCode.KEY_INVALID,
      detail: `The key document ${name} is not a CryptographicKey with a "publicKeyPem".`,
      ...at,
    });
  }
  let publicKey: Awaited<ReturnType<typeof importSPKI>>;
  try {
    publicKey = await importSPKI(key.publicKeyPem.trim(), alg);
  } catch (error) {
    return failed({
      code: ErrorCode.KEY_INVALID,
      detail: `The publicKeyPem of ${name} is not a public key usable with ${alg}: ${(error as Error).message}.`,
      ...at,
    });
  }
  try {
    await compactVerify(compact, publicKey, { algorithms: [alg] });
  } catch {
    return failed({
      code: ErrorCode.SIGNATURE_INVALID,
      detail: `The JWS does not verify with the key ${name}: the assertion was changed after it was signed, or another key signed it.`,
      path: 'signature',
    });
  }
  return passed;
}
