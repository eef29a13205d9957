import jsigs from 'jsonld-signatures';
import { ErrorCode, isMicrocredError } from '../../errors.js';
import { CONTEXT } from '../../model/constants.js';
import { expandInSafeMode } from '../../contexts/undefinedTerms.js';
import { translateJsonLdError } from '../../contexts/jsonldErrors.js';
import { EDDSA_RDFC_2022, eddsaRdfc2022Verifying } from '../../proofs/eddsaRdfc2022.js';
import { proofDateProblem } from '../../proofs/proofDates.js';
import { checkJwtHeader } from '../../jwt/header.js';
import { verifyJwtSignature } from '../../jwt/verifySignature.js';
import { isJsonObject } from '../../jsonPath.js';
import { NETWORK_ERROR_CODES } from '../../network/policy.js';
import { jwtVerdict } from '../jwtVerdict.js';
import { couldNotCheck, failed, passed, type Verdict } from '../check.js';
import { echo } from '../limits.js';
import type { DecodedJwt } from '../../jwt/decode.js';
import type { PresentationCheck, PresentationContext } from './context.js';
import { PRESENTATION_CHECK_TITLES } from './titles.js';

const HOLDER = 'https://www.w3.org/2018/credentials#holder';

/**
 * The presentation's contexts are known and define every term (safe mode), as for a credential; the
 * holder is read from its graph. A VP-JWT's JWS signs bytes: its credentials are each read on their own.
 */
export const presentationJsonldCheck: PresentationCheck = {
  id: 'jsonld',
  title: PRESENTATION_CHECK_TITLES.jsonld,
  fatal: true,
  appliesTo: (ctx) => ctx.format === 'json-ld',
  async run(ctx) {
    const vp = ctx.presentation as Record<string, unknown>;
    const context = vp['@context'];
    const first = Array.isArray(context) ? context[0] : context;
    if (first !== CONTEXT.VC_V2 && first !== CONTEXT.VC_V1)
      return failed({
        code: ErrorCode.CONTEXT_ORDER,
        detail: `@context must start with ${CONTEXT.VC_V2} (or ${CONTEXT.VC_V1}).`,
        path: '@context',
      });
    try {
      const { expanded, undefinedTerms } = await expandInSafeMode(vp, ctx.loader);
      const [term] = undefinedTerms;
      if (term)
        return failed({
          code: ErrorCode.TERM_UNDEFINED,
          detail: `"${echo(term.term, ctx.options.limits)}" is not defined by the presentation's contexts, so its meaning is not part of what the holder signed.`,
          ...(term.path ? { path: term.path } : {}),
        });
      const node = expanded[0];
      const holder = isJsonObject(node) && Array.isArray(node[HOLDER]) ? node[HOLDER][0] : undefined;
      if (isJsonObject(holder) && typeof holder['@id'] === 'string') ctx.statedHolder = holder['@id'];
      ctx.signedProofs = isJsonObject(node) ? authenticationProofsOf(node) : [];
      return passed;
    } catch (error) {
      const e = isMicrocredError(error) ? error : undefined;
      if (e?.code === ErrorCode.CONTEXT_UNKNOWN)
        return couldNotCheck({ code: e.code, detail: e.message, path: '@context' });
      return failed({ code: e?.code ?? ErrorCode.JSONLD_INVALID, detail: e?.message ?? String(error) });
    }
  },
};

const SEC = 'https://w3id.org/security#';

/** The authentication proofs of an expanded presentation node, each as its graph states it. */
function authenticationProofsOf(node: Record<string, unknown>): NonNullable<PresentationContext['signedProofs']> {
  const values = (n: Record<string, unknown>, iri: string): unknown[] =>
    (Array.isArray(n[iri]) ? (n[iri] as unknown[]) : []).map((v) =>
      isJsonObject(v) ? (v['@value'] ?? v['@id']) : undefined,
    );
  const graphs = Array.isArray(node[`${SEC}proof`]) ? (node[`${SEC}proof`] as unknown[]) : [];
  return graphs
    .flatMap((g) => (isJsonObject(g) && Array.isArray(g['@graph']) ? g['@graph'] : []))
    .filter(isJsonObject)
    .filter((p) => values(p, `${SEC}proofPurpose`).includes(`${SEC}authenticationMethod`))
    .map((p) => {
      const [proofValue] = values(p, `${SEC}proofValue`);
      const [challenge] = values(p, `${SEC}challenge`);
      return {
        ...(typeof proofValue === 'string' ? { proofValue } : {}),
        ...(typeof challenge === 'string' ? { challenge } : {}),
        domains: values(p, `${SEC}domain`).filter((d): d is string => typeof d === 'string'),
      };
    });
}

/**
 * The holder's proof is there: a DataIntegrityProof (eddsa-rdfc-2022) whose proofPurpose is
 * `authentication` (a presentation proves who shows it, not who issued something); for a VP-JWT, an
 * acceptable JOSE header.
 */
export const presentationProofCheck: PresentationCheck = {
  id: 'proof',
  title: PRESENTATION_CHECK_TITLES.proof,
  fatal: true,
  run(ctx) {
    if (ctx.jwt) return headerVerdict(ctx.jwt);
    const proofs = [ctx.presentation?.proof].flat().filter(isJsonObject);
    if (proofs.length === 0)
      return failed({
        code: ErrorCode.PROOF_MISSING,
        detail: 'The presentation has no proof, so nothing shows who is presenting it or that it was made for you.',
        path: 'proof',
      });
    const proof = proofs.find((p) => p.proofPurpose === 'authentication');
    if (!proof)
      return failed({
        code: ErrorCode.PRESENTATION_INVALID,
        detail: `A presentation's proof has proofPurpose "authentication"; this one has ${JSON.stringify(proofs[0]?.proofPurpose ?? null)}.`,
        path: 'proof.proofPurpose',
      });
    if (proof.type !== EDDSA_RDFC_2022.type || proof.cryptosuite !== EDDSA_RDFC_2022.cryptosuite)
      return couldNotCheck({
        code: ErrorCode.PROOF_UNSUPPORTED,
        detail: `The holder's proof is ${echo(JSON.stringify([proof.type, proof.cryptosuite].filter(Boolean)), ctx.options.limits)}; microcred verifies presentations signed DataIntegrityProof (eddsa-rdfc-2022) or as a VP-JWT.`,
        path: 'proof',
      });
    ctx.proof = proof;
    return passed;
  },
};

/** The holder's proof verifies over the presentation (the credentials in it included) under the key it names. */
export const presentationSignatureCheck: PresentationCheck = {
  id: 'signature',
  title: PRESENTATION_CHECK_TITLES.signature,
  fatal: true,
  async run(ctx) {
    return ctx.jwt ? verifyJwt(ctx, ctx.jwt) : verifyProof(ctx);
  },
};

async function verifyProof(ctx: PresentationContext): Promise<Verdict> {
  const proof = ctx.proof as Record<string, unknown>;
  const single = { ...(ctx.presentation as Record<string, unknown>), proof };
  let result: Record<string, unknown>;
  try {
    result = await jsigs.verify(single, {
      suite: [eddsaRdfc2022Verifying()],
      // The key must be one its controller uses to authenticate. Challenge and domain are signed
      // proof options, compared with the caller's by their own checks once the signature holds.
      purpose: new jsigs.purposes.ControllerProofPurpose({ term: 'authentication', date: ctx.now }),
      documentLoader: ctx.loader.load,
    });
  } catch (error) {
    return explain(error, single);
  }
  const results = (result.results ?? []) as {
    verified?: boolean;
    error?: unknown;
    verificationMethod?: Record<string, unknown>;
  }[];
  const good = results.find((r) => r.verified);
  if (!result.verified || !good) return explain(results.find((r) => r.error)?.error ?? result.error, single);
  const dates = proofDateProblem(proof, ctx.now, ctx.options.clockSkewSeconds);
  if (dates) return failed(dates);
  const method = good.verificationMethod ?? {};
  ctx.signer = {
    id: String(method.id),
    ...(typeof method.controller === 'string' ? { controller: method.controller } : {}),
  };
  return passed;
}

async function verifyJwt(ctx: PresentationContext, jwt: DecodedJwt): Promise<Verdict> {
  try {
    const key = await verifyJwtSignature(asVerifiable(jwt), {
      loader: ctx.loader,
      ...(ctx.statedHolder ? { issuer: ctx.statedHolder } : {}),
      at: { now: ctx.now, clockSkewSeconds: ctx.options.clockSkewSeconds },
    });
    jwt.key = key;
    ctx.signer = { id: key.id, ...(key.controller ? { controller: key.controller } : {}) };
  } catch (error) {
    return jwtVerdict(error);
  }
  return tokenLifetime(ctx, jwt.payload);
}

// A VP-JWT's own exp and nbf (signed with it): a token past its exp is not to be accepted.
function tokenLifetime(ctx: PresentationContext, payload: Record<string, unknown>): Verdict {
  const now = ctx.now.getTime() / 1000;
  const skew = ctx.options.clockSkewSeconds;
  if (typeof payload.exp === 'number' && now - skew > payload.exp)
    return failed({
      code: ErrorCode.EXPIRED,
      detail: `The presentation's token expired at ${new Date(payload.exp * 1000).toISOString()} (exp); it is checked at ${ctx.now.toISOString()}.`,
      path: 'payload.exp',
    });
  if (typeof payload.nbf === 'number' && now + skew < payload.nbf)
    return failed({
      code: ErrorCode.NOT_YET_VALID,
      detail: `The presentation's token is valid from ${new Date(payload.nbf * 1000).toISOString()} (nbf); it is checked at ${ctx.now.toISOString()}.`,
      path: 'payload.nbf',
    });
  return passed;
}

function headerVerdict(jwt: DecodedJwt): Verdict {
  try {
    checkJwtHeader(asVerifiable(jwt).header);
    return passed;
  } catch (error) {
    return jwtVerdict(error);
  }
}

// VC-JOSE-COSE names a presentation token "vp+jwt"; the JWT layer accepts the typs of credentials.
// The header is read here only for its typ: the signature is checked over the token as received.
function asVerifiable(jwt: DecodedJwt): DecodedJwt {
  const typ = typeof jwt.header.typ === 'string' ? jwt.header.typ.toLowerCase() : undefined;
  if (typ !== 'vp+jwt' && typ !== 'vp+ld+json+jwt') return jwt;
  return { ...jwt, header: { ...jwt.header, typ: 'JWT' } };
}

function explain(error: unknown, vp: Record<string, unknown>): Verdict {
  const cause = translateJsonLdError(error, vp);
  if (
    cause &&
    (NETWORK_ERROR_CODES.includes(cause.code) ||
      cause.code === ErrorCode.KEY_UNRESOLVED ||
      cause.code === ErrorCode.CONTEXT_UNKNOWN)
  )
    return couldNotCheck({
      code: cause.code === ErrorCode.CONTEXT_UNKNOWN ? ErrorCode.KEY_UNRESOLVED : cause.code,
      detail: `The holder's key could not be resolved: ${cause.message}`,
      path: 'proof.verificationMethod',
    });
  if (cause && (cause.code === ErrorCode.KEY_INVALID || cause.code === ErrorCode.KEY_EXPIRED))
    return failed({ code: cause.code, detail: cause.message, path: 'proof.verificationMethod' });
  const message = error instanceof Error ? error.message : String(error ?? '');
  if (/not authorized|authorized by controller|proof purpose/i.test(message))
    return failed({
      code: ErrorCode.KEY_NOT_AUTHORIZED,
      detail: `The key that signed the presentation is not listed for authentication by its controller: ${message}`,
      path: 'proof.verificationMethod',
    });
  return failed({
    code: ErrorCode.SIGNATURE_INVALID,
    detail:
      "The holder's proof does not verify over this presentation: something in it (a credential, the holder, the challenge or domain) was changed after signing, or another key made it.",
    path: 'proof',
  });
}
