import jsigs from 'jsonld-signatures';
import { ErrorCode } from '../../errors.js';
import { suiteOf, VERIFIED_SUITES } from '../../proofs/suites.js';
import { chainedSuite, previousProofsOf } from '../../proofs/chain.js';
import { legacyKeyForm } from '../../proofs/legacyKey.js';
import { isBaseProof, isBbsBaseProof } from '../../proofs/baseProof.js';
import { assertKeyFitsSuite } from '../../proofs/keyFit.js';
import { readDetachedJws } from '../../proofs/detachedJwsHeader.js';
import { translateJsonLdError } from '../../contexts/jsonldErrors.js';
import { isUri } from '../../identifiers.js';
import { NETWORK_ERROR_CODES } from '../../network/policy.js';
import { jwtVerdict } from '../jwtVerdict.js';
import {
  couldNotCheck,
  failed,
  passed,
  standardProblem,
  warning,
  type Check,
  type Verdict,
  type VerifyContext,
} from '../check.js';
import type { CheckPart } from '../report.js';
import { isJsonObject } from '../../jsonPath.js';
import { fromBase58btc } from '../../encoding.js';
import { isCanonicalEd25519Signature } from '../../keys/ed25519Points.js';
import { assertKeyInForce } from '../../keys/keyLifecycle.js';
import { proofDateProblem } from '../../proofs/proofDates.js';
import { issuerIdOf, ownerOf } from '../issuerId.js';

const { AssertionProofPurpose } = jsigs.purposes;

interface ProofResult {
  verified: boolean;
  error?: unknown;
  verificationMethod?: { id?: string; controller?: string };
}

/** One proof's own verdict, and the key that made it when it verified. */
interface ProofOutcome {
  proof: Record<string, unknown>;
  verdict: Verdict;
  signer?: { id: string; controller?: string };
  /** Its place in the credential's proof array, when there is one (problem paths then say `proof[1]…`). */
  index?: number;
}

/**
 * Each proof verifies against the credential under the key its verificationMethod names. A
 * credential with several proofs (e.g. Ed25519Signature2020 and eddsa-rdfc-2022) gets one part per
 * proof, each verified on its own.
 *
 * The rule for the whole check: it passes when every proof of a suite microcred supports verifies
 * (at least one exists: the proof check saw to that). One that does not verify fails the check;
 * one whose key cannot be resolved makes it "could not check". A proof of a suite microcred does not
 * support is shown as a could-not-check part, naming its suite, and counts neither way. A proof that
 * follows others (`previousProof`) is verified over the credential carrying them. A proof "verifies" only while it and
 * its key are in force: a proof past its `expires` or `created` in the future, a key revoked or
 * past its `expires`, fails. A VC-JWT's JWS verifies under the key its header names (src/jwt).
 *
 * Whose proof decides: the issuer's. When a proof by the issuer's key verifies, its key is the
 * signer the issuer check binds; another verified proof, by someone else's key, is a warning part
 * ("also signed by …") that neither adds to nor takes from the issuer's. When no verified proof is
 * the issuer's, the first verified one is the signer, and the issuer check says whose it is.
 */
export const signatureCheck: Check = {
  id: 'signature',
  title: 'The signature is valid',
  fatal: true,
  authenticity: 'required',
  async run(ctx) {
    if (ctx.format === 'vc-jwt') return verifyJwt(ctx);
    const doc = ctx.credential as Record<string, unknown>;
    const outcomes: ProofOutcome[] = [];
    for (const proof of ctx.proofs ?? []) {
      const outcome = suiteOf(proof) ? await verifyOne(ctx, doc, proof) : { proof, verdict: unsupported(proof) };
      const index = Array.isArray(doc.proof) ? doc.proof.indexOf(proof) : -1;
      outcomes.push(index >= 0 ? { ...outcome, index } : outcome);
    }

    const supported = outcomes.filter((o) => suiteOf(o.proof));
    const worst =
      supported.find((o) => o.verdict.outcome === 'failed') ?? supported.find((o) => o.verdict.outcome !== 'passed');
    if (worst) return withParts(atIndex(worst.verdict, worst.index), outcomes);
    const verified = supported.filter((o) => o.signer);
    const issuer = issuerIdOf(ctx);
    const own = verified.find((o) => o.signer && ownerOf(o.signer) === issuer);
    const signer = (own ?? verified[0])?.signer;
    if (signer) ctx.signer = signer;
    // Only beside a verified proof of the issuer is another's proof a mere "also signed by".
    const shown = own
      ? outcomes.map((o) =>
          o.signer && ownerOf(o.signer) !== issuer ? { ...o, verdict: notByIssuer(o.signer, issuer as string) } : o,
        )
      : outcomes;
    return withParts(passed, shown);
  },
};

function withParts(verdict: Verdict, outcomes: ProofOutcome[]): Verdict {
  return outcomes.length > 1 ? { ...verdict, parts: outcomes.map(partOf) } : verdict;
}

async function verifyJwt(ctx: VerifyContext): Promise<Verdict> {
  const jwt = ctx.jwt;
  if (!jwt) return failed({ code: ErrorCode.JWT_MALFORMED, detail: 'The JWT was not decoded.' });
  // The VC-JWT verifier (key resolution, jose) loads with the first VC-JWT met.
  const { verifyJwtSignature } = await import('../../jwt/verifySignature.js');
  try {
    const key = await verifyJwtSignature(jwt, { loader: ctx.loader, ...issuerHint(ctx), at: ctx });
    jwt.key = key;
    ctx.signer = { id: key.id, ...(key.controller ? { controller: key.controller } : {}) };
    return passed;
  } catch (error) {
    return jwtVerdict(error);
  }
}

// What a relative kid ("#key-1") is read against: the iss claim, else the credential's issuer.
function issuerHint(ctx: VerifyContext): { issuer?: string } {
  const iss = ctx.jwt?.payload.iss;
  const id = typeof iss === 'string' ? iss : issuerIdOf(ctx);
  return typeof id === 'string' ? { issuer: id } : {};
}

async function verifyOne(
  ctx: VerifyContext,
  doc: Record<string, unknown>,
  proof: Record<string, unknown>,
): Promise<ProofOutcome> {
  const method =
    typeof proof.verificationMethod === 'string'
      ? proof.verificationMethod
      : (proof.verificationMethod as { id?: unknown } | undefined)?.id;
  if (!isUri(method)) {
    // Not a URL at all: no verifier anywhere could find the key, so this is a defect, not a gap.
    return {
      proof,
      verdict: failed({
        code: ErrorCode.KEY_INVALID,
        detail: `The proof's verificationMethod must be the URL of the signing key (a DID URL or an https URL); it is ${JSON.stringify(method ?? null)}.`,
        path: 'proof.verificationMethod',
      }),
    };
  }
  if (!hasCanonicalSignature(proof)) {
    return {
      proof,
      verdict: failed({
        code: ErrorCode.SIGNATURE_INVALID,
        detail:
          "The Ed25519 signature's scalar S is not reduced (S ≥ L, RFC 8032 §5.1.7): it is an altered encoding of a signature, which careful verifiers refuse.",
        path: 'proof',
      }),
    };
  }
  const selective = suiteOf(proof);
  if ((selective === 'ecdsa-sd-2023' && isBaseProof(proof)) || (selective === 'bbs-2023' && isBbsBaseProof(proof))) {
    // Nothing was found wrong: the holder sent the proof meant for them, not a disclosure made from it.
    return {
      proof,
      verdict: couldNotCheck({
        code: ErrorCode.PROOF_BASE_FOR_HOLDER,
        detail: `This ${selective} proof is a base proof: the issuer gives it to the holder, who derives from it a credential that discloses what they choose, and that derived credential is what a verifier checks. A base proof is not verified (it also carries what would unblind the statements the holder may keep private). Ask the holder for a derived credential.`,
        path: 'proof.proofValue',
      }),
    };
  }
  // A proof of a chain (VC Data Integrity §2.1.2, previousProof) signed the credential together with
  // the proofs it names: each must be there, and the document it is verified over carries them.
  const previous = previousProofsOf(proof, ctx.proofs ?? []);
  if (previous.missing.length > 0) {
    return {
      proof,
      verdict: failed({
        code: ErrorCode.PROOF_CHAIN_BROKEN,
        detail: `This proof follows ${previous.missing.map((id) => JSON.stringify(id)).join(', ')} (its previousProof), and the credential carries no proof with that id: a proof of the chain was removed, so the chain cannot be checked in order.`,
        path: 'proof.previousProof',
      }),
    };
  }
  // jsonld-signatures checks every proof a document carries against the suites it is given; a copy
  // carrying only this proof is verified on its own.
  const single = { ...doc, proof };
  // The suites do not look at a key's `expires` (nor does the Ed25519Signature2020 suite pass it on):
  // the key the proof names is checked here, as the suites load it.
  const suiteName = suiteOf(proof);
  const load = async (url: string) => {
    const loaded = await ctx.loader.load(url);
    if (url === method && isJsonObject(loaded.document)) {
      assertKeyInForce(loaded.document, url, ctx);
      if (suiteName) assertKeyFitsSuite(loaded.document, url, suiteName);
      // Ed25519Signature2018 reads its key only as a 2018 or 2020 verification key, not as a Multikey.
      if (suiteName === 'Ed25519Signature2018') return { ...loaded, document: legacyKeyForm(loaded.document) };
    }
    return loaded;
  };
  let result: { verified?: boolean; results?: ProofResult[]; error?: unknown };
  try {
    result = await jsigs.verify(single, {
      suite: await chainedSuite(proof, previous.proofs, ctx.expansion),
      purpose: new AssertionProofPurpose({ date: ctx.now }),
      documentLoader: load,
    });
  } catch (error) {
    return { proof, verdict: explain(error, doc) };
  }
  const good = (result.results ?? []).find((r) => r.verified);
  if (result.verified && good) {
    // The proof's own lifetime is signed with it, so it is read only now that the signature holds.
    const dates = proofDateProblem(proof, ctx.now, ctx.clockSkewSeconds);
    if (dates) return { proof, verdict: failed(dates) };
    const signer = good.verificationMethod ?? {};
    return {
      proof,
      verdict: passed,
      signer: {
        id: String(signer.id),
        ...(typeof signer.controller === 'string' ? { controller: signer.controller } : {}),
      },
    };
  }
  return { proof, verdict: explain((result.results ?? []).find((r) => r.error)?.error ?? result.error, doc) };
}

// The Ed25519 suites write the 64-byte signature as base58btc multibase (`z…`); the JWS suites
// (Ed25519Signature2018, JsonWebSignature2020 with alg EdDSA) as base64url after the JWS header.
// What does not decode so is left to the suite, which refuses it; an ECDSA signature (also 64 bytes
// on P-256) has no such rule.
const ED25519_SUITES: readonly (string | undefined)[] = ['eddsa-rdfc-2022', 'eddsa-jcs-2022', 'Ed25519Signature2020'];
const JWS_SUITES: readonly (string | undefined)[] = ['Ed25519Signature2018', 'JsonWebSignature2020'];
function hasCanonicalSignature(proof: Record<string, unknown>): boolean {
  const bytes = ed25519SignatureOf(proof);
  return bytes === undefined || bytes.length !== 64 || isCanonicalEd25519Signature(bytes);
}

function ed25519SignatureOf(proof: Record<string, unknown>): Uint8Array | undefined {
  const suite = suiteOf(proof);
  try {
    if (JWS_SUITES.includes(suite)) {
      const jws = readDetachedJws(proof.jws);
      return jws.alg === 'EdDSA' ? jws.signature : undefined;
    }
    const value = proof.proofValue;
    if (!ED25519_SUITES.includes(suite) || typeof value !== 'string' || !value.startsWith('z') || value.length > 100)
      return undefined;
    return fromBase58btc(value.slice(1));
  } catch {
    return undefined;
  }
}

function notByIssuer(signer: { id: string; controller?: string }, issuer: string): Verdict {
  return warning({
    code: ErrorCode.PROOF_NOT_BY_ISSUER,
    detail: `Also signed by ${ownerOf(signer)}: this proof verifies, but it was made with a key of ${ownerOf(signer)} (${signer.id}), not of the issuer ${issuer}. It shows that ${ownerOf(signer)} signed the credential too; the issuer's own proof is what makes it authentic.`,
    path: 'proof',
  });
}

function atIndex(verdict: Verdict, index: number | undefined): Verdict {
  if (index === undefined || verdict.outcome === 'passed' || !verdict.problem.path?.startsWith('proof')) return verdict;
  return {
    ...verdict,
    problem: { ...verdict.problem, path: verdict.problem.path.replace(/^proof/, `proof[${index}]`) },
  };
}

// Not checked, so neither passed nor found wrong: "could not check", for this part only (the other proofs decide the check).
function unsupported(proof: Record<string, unknown>): Verdict {
  return couldNotCheck({
    code: ErrorCode.PROOF_UNSUPPORTED,
    detail: `This proof (${describeProof(proof)}) is of a suite microcred does not verify, so it was not checked; the other proofs decide. microcred verifies ${VERIFIED_SUITES.join(', ')}.`,
    path: 'proof',
  });
}

function partOf({ proof, verdict: unplaced, index }: ProofOutcome): CheckPart {
  const verdict = atIndex(unplaced, index);
  const label = describeProof(proof);
  return verdict.outcome === 'passed'
    ? { label, outcome: 'passed' }
    : { label, outcome: verdict.outcome, problem: verdict.problem };
}

/** "DataIntegrityProof (eddsa-rdfc-2022) by did:key:z6Mk…#z6Mk…" */
function describeProof(proof: Record<string, unknown>): string {
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const method = text(proof.verificationMethod) ?? text((proof.verificationMethod as { id?: unknown } | undefined)?.id);
  const suite = text(proof.cryptosuite);
  return `${text(proof.type) ?? 'a proof of no type'}${suite ? ` (${suite})` : ''}${method ? ` by ${method}` : ''}`;
}

function explain(error: unknown, doc: Record<string, unknown>): Verdict {
  // translateJsonLdError also finds a MicrocredError (the loader's) anywhere in the cause chain.
  const cause = translateJsonLdError(error, doc);
  if (cause) {
    // The key (or its controller document) needed the network, or what it returned was refused.
    if (NETWORK_ERROR_CODES.includes(cause.code)) {
      return couldNotCheck({
        code: cause.code,
        detail: `The signing key could not be fetched: ${cause.message}`,
        path: 'proof.verificationMethod',
      });
    }
    if (cause.code === ErrorCode.CONTEXT_UNKNOWN || cause.code === ErrorCode.KEY_UNRESOLVED) {
      const isContext = typeof cause.details.url === 'string' && !isKeyUrl(cause.details.url, doc);
      return couldNotCheck({
        code: isContext ? ErrorCode.CONTEXT_UNKNOWN : ErrorCode.KEY_UNRESOLVED,
        detail: isContext
          ? cause.message
          : `${cause.details.url ?? 'The verification method'} could not be resolved offline. For did:web, pass the issuer's DID document to the DocumentLoader. ${cause.message}`,
        path: 'proof.verificationMethod',
      });
    }
    if (cause.code === ErrorCode.KEY_INVALID)
      return failed({ code: cause.code, detail: cause.message, path: 'proof.verificationMethod' });
    if (cause.code === ErrorCode.KEY_EXPIRED)
      return failed({ code: cause.code, detail: cause.message, path: 'proof.verificationMethod' });
    // A JsonWebSignature2020 proof's JWS: a header the suite never writes, or one that does not fit
    // the key, is a defect of the proof; an algorithm microcred lacks is a signature it could not check.
    if (cause.code === ErrorCode.JWS_INVALID || cause.code === ErrorCode.JWS_KEY_ALG_MISMATCH)
      return failed({ code: cause.code, detail: cause.message, path: cause.details.path ?? 'proof.jws' });
    if (cause.code === ErrorCode.JWS_ALG_UNSUPPORTED)
      return couldNotCheck({ code: cause.code, detail: cause.message, path: cause.details.path ?? 'proof.jws' });
    if (cause.code === ErrorCode.TERM_UNDEFINED)
      return failed({
        code: cause.code,
        detail: cause.message,
        ...(cause.details.path ? { path: cause.details.path } : {}),
      });
  }
  const message = error instanceof Error ? error.message : String(error ?? '');
  if (/not authorized|authorized by controller|proof purpose/i.test(message)) {
    return failed({
      code: ErrorCode.KEY_NOT_AUTHORIZED,
      detail: `The signing key is not listed for assertionMethod by its controller: ${message}`,
      path: 'proof.verificationMethod',
    });
  }
  return failed(standardProblem(ErrorCode.SIGNATURE_INVALID, {}, 'proof'));
}

// The loader reports a URL it does not hold, whether a context or a key; a URL the proof names as
// its verificationMethod (or that method's controller document) is a key, whatever its scheme.
function isKeyUrl(url: string, doc: Record<string, unknown>): boolean {
  if (url.startsWith('did:')) return true;
  const proofs = Array.isArray(doc.proof) ? doc.proof : [doc.proof];
  return proofs.some((p) => {
    const method = (p as { verificationMethod?: unknown } | null)?.verificationMethod;
    const id = typeof method === 'string' ? method : (method as { id?: unknown } | null)?.id;
    return typeof id === 'string' && (url === id || url === id.split('#')[0]);
  });
}
