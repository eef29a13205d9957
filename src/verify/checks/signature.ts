import jsigs from 'jsonld-signatures';
import { ErrorCode } from '../../errors.js';
import { isJsonObject } from '../../jsonPath.js';
import { suiteOf, verificationSuites, type SuiteName } from '../../proofs/suites.js';
import { translateJsonLdError } from '../../contexts/jsonldErrors.js';
import { NETWORK_ERROR_CODES } from '../../network/policy.js';
import { verifyJwtSignature } from '../../jwt/verifySignature.js';
import { jwtVerdict } from '../jwtVerdict.js';
import { couldNotCheck, failed, passed, type Check, type Verdict, type VerifyContext } from '../check.js';
import type { CheckPart, Problem } from '../report.js';

const { AssertionProofPurpose } = jsigs.purposes;

interface ProofResult {
  verified: boolean;
  error?: unknown;
  verificationMethod?: { id?: string; controller?: string };
}

type Signer = { id: string; controller?: string };

/**
 * Every proof of a suite microcred implements verifies against the credential under the key its
 * verificationMethod names. Proofs of a set are checked one by one (VC Data Integrity, "Verify Proof
 * Sets and Chains"): one that does not verify fails the credential, even when another does. For a
 * VC-JWT, the JWS verifies under the key its header names (src/jwt).
 */
export const signatureCheck: Check = {
  id: 'signature',
  title: 'The signature is valid',
  fatal: true,
  async run(ctx) {
    if (ctx.format === 'vc-jwt') return verifyJwt(ctx);
    const doc = ctx.credential as Record<string, unknown>;
    const all = Array.isArray(doc.proof) ? doc.proof : [doc.proof];
    if (all.length === 1) {
      const { verdict, signer } = await verifyProof(doc, all[0], 'proof', ctx.now, ctx.loader.load);
      if (signer) ctx.signer = signer;
      return verdict;
    }
    const parts: CheckPart[] = [];
    const signers: Signer[] = [];
    let failure: Problem | undefined;
    let unchecked: Problem | undefined;
    for (const [i, proof] of all.entries()) {
      const path = `proof[${i}]`;
      const label = labelOf(proof, path);
      if (!isJsonObject(proof) || !suiteOf(proof)) {
        // Not a proof microcred implements: reported, not counted (like any unknown proof in a set).
        parts.push({ label, outcome: 'skipped', problem: { code: ErrorCode.PROOF_UNSUPPORTED, title: 'Not checked', detail: 'microcred does not implement this kind of proof, so it was not checked.', path } });
        continue;
      }
      const { verdict, signer } = await verifyProof(doc, proof, path, ctx.now, ctx.loader.load);
      if (signer) signers.push(signer);
      if (verdict.outcome === 'passed') parts.push({ label, outcome: 'passed' });
      else {
        parts.push({ label, outcome: verdict.outcome, problem: verdict.problem });
        if (verdict.outcome === 'failed') failure ??= verdict.problem;
        else unchecked ??= verdict.problem;
      }
    }
    const issuerId = issuerIdOf(doc);
    const signer = signers.find((s) => (s.controller ?? s.id.split('#')[0]) === issuerId) ?? signers[0];
    if (failure) return { outcome: 'failed', problem: failure, parts };
    if (unchecked) return { outcome: 'could-not-check', problem: unchecked, parts };
    if (signer) ctx.signer = signer;
    return { ...passed, parts };
  },
};

async function verifyProof(doc: Record<string, unknown>, proof: unknown, path: string, now: Date, load: unknown): Promise<{ verdict: Verdict; signer?: Signer }> {
  const suites = verificationSuites([suiteOf(proof as Record<string, unknown>) as SuiteName]);
  let result: { verified?: boolean; results?: ProofResult[]; error?: unknown };
  try {
    result = await jsigs.verify({ ...doc, proof }, { suite: suites, purpose: new AssertionProofPurpose({ date: now }), documentLoader: load });
  } catch (error) {
    return { verdict: explain(error, doc, path) };
  }
  const good = (result.results ?? []).find((r) => r.verified);
  if (result.verified && good) {
    const method = good.verificationMethod ?? {};
    return { verdict: passed, signer: { id: String(method.id), ...(typeof method.controller === 'string' ? { controller: method.controller } : {}) } };
  }
  return { verdict: explain((result.results ?? []).find((r) => r.error)?.error ?? result.error, doc, path) };
}

async function verifyJwt(ctx: VerifyContext): Promise<Verdict> {
  const jwt = ctx.jwt;
  if (!jwt) return failed({ code: ErrorCode.JWT_MALFORMED, title: 'Not a well-formed JWT', detail: 'The JWT was not decoded.' });
  try {
    const key = await verifyJwtSignature(jwt, { loader: ctx.loader, ...issuerHint(ctx) });
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
  const issuer = ctx.credential?.issuer;
  const id = typeof iss === 'string' ? iss : typeof issuer === 'string' ? issuer : (issuer as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? { issuer: id } : {};
}

function explain(error: unknown, doc: Record<string, unknown>, path: string): Verdict {
  // translateJsonLdError also finds a MicrocredError (the loader's) anywhere in the cause chain.
  const cause = translateJsonLdError(error, doc);
  if (cause) {
    // The key (or its controller document) needed the network, or what it returned was refused.
    if (NETWORK_ERROR_CODES.includes(cause.code)) {
      return couldNotCheck({ code: cause.code, title: cause.code === ErrorCode.NETWORK_DISABLED ? 'The signing key needs the network' : 'The signing key could not be fetched', detail: cause.message, path: `${path}.verificationMethod` });
    }
    if (cause.code === ErrorCode.CONTEXT_UNKNOWN || cause.code === ErrorCode.KEY_UNRESOLVED) {
      const isContext = typeof cause.details.url === 'string' && !isKeyUrl(cause.details.url, doc);
      return couldNotCheck({
        code: isContext ? ErrorCode.CONTEXT_UNKNOWN : ErrorCode.KEY_UNRESOLVED,
        title: isContext ? 'Unknown context' : 'The signing key could not be found',
        detail: isContext
          ? cause.message
          : `${cause.details.url ?? 'The verification method'} could not be resolved offline. For did:web, pass the issuer's DID document to the DocumentLoader. ${cause.message}`,
        path: `${path}.verificationMethod`,
      });
    }
    if (cause.code === ErrorCode.KEY_INVALID) return failed({ code: cause.code, title: 'The signing key cannot be used', detail: cause.message, path: `${path}.verificationMethod` });
    if (cause.code === ErrorCode.TERM_UNDEFINED) return failed({ code: cause.code, title: 'A term is not defined', detail: cause.message, ...(cause.details.path ? { path: cause.details.path } : {}) });
  }
  const message = error instanceof Error ? error.message : String(error ?? '');
  if (/not authorized|authorized by controller|proof purpose/i.test(message)) {
    return failed({ code: ErrorCode.KEY_NOT_AUTHORIZED, title: 'The key may not issue credentials', detail: `The signing key is not listed for assertionMethod by its controller: ${message}`, path: `${path}.verificationMethod` });
  }
  return failed({
    code: ErrorCode.SIGNATURE_INVALID,
    title: 'The signature does not match',
    detail: 'The proof does not verify over this credential: a signed value was changed after signing, the proof was taken from another credential, or it was made by a different key than the one it names.',
    path,
  });
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

// "DataIntegrityProof (eddsa-rdfc-2022) by did:key:z6Mk…#z6Mk…", or the path when the proof says nothing.
function labelOf(proof: unknown, path: string): string {
  if (!isJsonObject(proof)) return `${path}: not a proof object`;
  const name = [proof.type, proof.cryptosuite].map((v) => (typeof v === 'string' ? v : undefined));
  const method = typeof proof.verificationMethod === 'string' ? ` by ${proof.verificationMethod}` : '';
  return `${name[0] ?? path}${name[1] ? ` (${name[1]})` : ''}${method}`;
}

function issuerIdOf(doc: Record<string, unknown>): unknown {
  return isJsonObject(doc.issuer) ? doc.issuer.id : doc.issuer;
}
