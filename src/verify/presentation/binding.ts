import { ErrorCode, isMicrocredError } from '../../errors.js';
import { issuerListsKey } from '../../jwt/resolveKey.js';
import { couldNotCheck, failed, passed, warning, type Verdict } from '../check.js';
import { echo } from '../limits.js';
import { ownerOf } from '../issuerId.js';
import type { PresentationCheck, PresentationContext } from './context.js';
import { PRESENTATION_CHECK_TITLES } from './titles.js';

/**
 * The holder signed: the presentation's `holder` (a VP-JWT's `iss`) controls the key that made its
 * proof. A presentation that names no holder is the signer's.
 */
export const holderCheck: PresentationCheck = {
  id: 'holder',
  title: PRESENTATION_CHECK_TITLES.holder,
  fatal: true,
  async run(ctx) {
    const signer = ctx.signer;
    if (!signer) return failed({ code: ErrorCode.HOLDER_MISMATCH, detail: 'No key was found to have signed.' });
    const stated = ctx.statedHolder;
    const key = ctx.jwt?.key;
    // A key in a JWT header says nothing about its owner: the holder's own document must list it.
    if (key && key.controller === undefined) return bindHeaderKey(ctx, stated, key.jwk, key.id);
    const owner = ownerOf(signer);
    if (stated !== undefined && stated !== owner)
      return failed({
        code: ErrorCode.HOLDER_MISMATCH,
        detail: `The presentation names ${echo(stated, ctx.options.limits)} as its holder, but it was signed with a key of ${echo(owner, ctx.options.limits)} (${echo(signer.id, ctx.options.limits)}).`,
        path: ctx.jwt ? 'payload.iss' : 'holder',
      });
    ctx.holder = owner;
    return passed;
  },
};

async function bindHeaderKey(
  ctx: PresentationContext,
  stated: string | undefined,
  jwk: Parameters<typeof issuerListsKey>[1],
  id: string,
): Promise<Verdict> {
  if (stated === undefined)
    return failed({
      code: ErrorCode.HOLDER_MISMATCH,
      detail: `The token was signed with the public key in its header (${id}) and names no holder (iss), so nothing shows who presents it.`,
      path: 'payload.iss',
    });
  try {
    if (
      await issuerListsKey(stated, jwk, ctx.loader, { now: ctx.now, clockSkewSeconds: ctx.options.clockSkewSeconds })
    ) {
      ctx.holder = stated;
      return passed;
    }
  } catch (error) {
    return couldNotCheck({
      code: ErrorCode.HOLDER_MISMATCH,
      detail: `The token was signed with the public key in its header; it is the holder's only if ${stated} lists it, and that could not be looked up: ${isMicrocredError(error) ? error.message : String(error)}`,
      path: 'payload.iss',
    });
  }
  return failed({
    code: ErrorCode.HOLDER_MISMATCH,
    detail: `The token was signed with the public key in its header (${id}), which ${stated} does not list.`,
    path: 'payload.iss',
  });
}

/**
 * The presentation answers this verifier's challenge (a Data Integrity proof's `challenge`, a
 * VP-JWT's `nonce`), so it was made for this request and is not a replay of one made for another.
 * Without a challenge to compare, freshness cannot be told: a warning.
 */
export const challengeCheck: PresentationCheck = {
  id: 'challenge',
  title: PRESENTATION_CHECK_TITLES.challenge,
  fatal: false,
  run(ctx) {
    const signed = ctx.jwt ? ctx.jwt.payload.nonce : signedProofOf(ctx)?.challenge;
    const where = ctx.jwt ? 'payload.nonce' : 'proof.challenge';
    const limits = ctx.options.limits;
    if (ctx.challenge === undefined)
      return warning({
        code: ErrorCode.PRESENTATION_CHALLENGE_UNCHECKED,
        detail: `No challenge was given to compare with (option challenge), so nothing shows this presentation was made for this request rather than copied from an earlier one${typeof signed === 'string' ? ` (it answers ${echo(JSON.stringify(signed), limits)})` : ''}.`,
        path: where,
      });
    if (signed === ctx.challenge) return passed;
    return failed({
      code: ErrorCode.PRESENTATION_CHALLENGE,
      detail:
        typeof signed === 'string'
          ? `The presentation answers the challenge ${echo(JSON.stringify(signed), limits)}, not ${echo(JSON.stringify(ctx.challenge), limits)}: it was made for another request, and may be a replay.`
          : `The presentation carries no challenge (${where}), so it was not made for this request (${echo(JSON.stringify(ctx.challenge), limits)}) and may be a replay.`,
      path: where,
    });
  },
};

/**
 * The presentation is meant for this verifier: its `domain` (a VP-JWT's `aud`), a string or a list,
 * includes the domain given. One that names a domain when none was given is a warning.
 */
export const domainCheck: PresentationCheck = {
  id: 'domain',
  title: PRESENTATION_CHECK_TITLES.domain,
  fatal: false,
  appliesTo: (ctx) => ctx.domain !== undefined || signedDomains(ctx).length > 0,
  run(ctx) {
    const domains = signedDomains(ctx);
    const where = ctx.jwt ? 'payload.aud' : 'proof.domain';
    const limits = ctx.options.limits;
    const listed = echo(domains.map((d) => JSON.stringify(d)).join(', '), limits);
    if (ctx.domain === undefined)
      return warning({
        code: ErrorCode.PRESENTATION_DOMAIN_UNCHECKED,
        detail: `The presentation is meant for ${listed}; no domain was given to compare with (option domain).`,
        path: where,
      });
    if (domains.includes(ctx.domain)) return passed;
    return failed({
      code: ErrorCode.PRESENTATION_DOMAIN,
      detail: domains.length
        ? `The presentation is meant for ${listed}, not ${echo(JSON.stringify(ctx.domain), limits)}.`
        : `The presentation names no domain (${where}), so nothing shows it was meant for ${echo(JSON.stringify(ctx.domain), limits)}.`,
      path: where,
    });
  },
};

function signedDomains(ctx: PresentationContext): string[] {
  if (!ctx.jwt) return signedProofOf(ctx)?.domains ?? [];
  return [ctx.jwt.payload.aud].flat().filter((d): d is string => typeof d === 'string');
}

/** The holder's proof as its signed graph states it (read by `jsonld`), found by its proofValue. */
function signedProofOf(ctx: PresentationContext) {
  return ctx.signedProofs?.find((p) => p.proofValue === ctx.proof?.proofValue);
}
