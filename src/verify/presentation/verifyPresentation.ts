import { ErrorCode } from '../../errors.js';
import { problem, skippedBecause, type Verdict } from '../check.js';
import { verificationLoaderFor } from '../loader.js';
import { readVerifyOptions } from '../options.js';
import { boundChecks } from '../limits.js';
import { summarize } from '../summary.js';
import { verifyCredentialWithView, type VerifyOptions } from '../verifyCredential.js';
import type { PresentationCheck, PresentationContext } from './context.js';
import { presentationParseCheck } from './parse.js';
import { presentationJsonldCheck, presentationProofCheck, presentationSignatureCheck } from './holderProof.js';
import { challengeCheck, domainCheck, holderCheck } from './binding.js';
import { credentialsCheck, subjectCheck, type VerifyInner } from './credentials.js';
import type { PresentationCheckResult, PresentationReport } from './report.js';

/** Options of {@link verifyPresentation}: those of verifyCredential (for the holder's key and every credential inside), and the request's. */
export interface VerifyPresentationOptions extends VerifyOptions {
  /**
   * The challenge (nonce) you gave the holder for this request. The presentation must answer it: one
   * made for another challenge, or with none, may be a replay (ERR_PRESENTATION_CHALLENGE). Without
   * it, freshness is not checked (a warning).
   */
  challenge?: string;
  /** Your domain (a VP-JWT's `aud`): the presentation must be meant for it (ERR_PRESENTATION_DOMAIN). */
  domain?: string;
  /**
   * Whether the holder must be the subject of every credential it presents (default true). With
   * false, a credential about someone else is a warning (a parent presenting a child's badge).
   */
  holderMustBeSubject?: boolean;
}

// Each credential inside is verified as the caller would verify it on its own, under the
// presentation's loader (so one deadline covers everything, and what was resolved once is reused).
const verifyInner: VerifyInner = (credential, ctx) => {
  const { trust, limits, inlineContexts, timeoutMs, clockSkewSeconds } = ctx.options;
  return verifyCredentialWithView(credential, {
    loader: ctx.loader,
    now: ctx.now,
    clockSkewSeconds,
    limits,
    timeoutMs,
    ...(trust ? { trust } : {}),
    ...(inlineContexts ? { inlineContexts } : {}),
  });
};

/**
 * The checks of a presentation in order: the holder's proof first (nothing inside is verified before
 * it holds: an unsigned upload costs one signature check at most), then the request it answers,
 * then each credential inside, then whether the holder is their subject.
 */
export const PRESENTATION_CHECKS: readonly PresentationCheck[] = [
  presentationParseCheck,
  presentationJsonldCheck,
  presentationProofCheck,
  presentationSignatureCheck,
  holderCheck,
  challengeCheck,
  domainCheck,
  credentialsCheck(verifyInner),
  subjectCheck,
];

/**
 * Verifies a Verifiable Presentation and reports check by check: the holder's proof (a
 * DataIntegrityProof with eddsa-rdfc-2022 and proofPurpose `authentication`, or a VP-JWT whose
 * `nonce` and `aud` carry the challenge and domain), that the holder signed it, that it answers
 * `challenge` and `domain`, then each credential inside with its own full report
 * (`report.credentials`), then whether the holder is their subject. `verified` is true only when all
 * of that holds and every credential is verified. Never throws. The holder's key is resolved as an
 * issuer's is: did:key offline, did:web from `documents` or with `fetch`.
 *
 * @example
 * const report = await verifyPresentation(vp, { challenge: session.nonce, domain: 'verifier.example.org' });
 * if (report.verified) admit(report.holder);
 * for (const c of report.credentials) show(c.credential?.name, c.summary);
 */
export async function verifyPresentation(
  input: unknown,
  options: VerifyPresentationOptions = {},
): Promise<PresentationReport> {
  const snapshot = await readVerifyOptions(options);
  const own = readOwn(options);
  const ctx: PresentationContext = {
    input,
    options: snapshot,
    now: snapshot.now,
    ...own,
    loader: verificationLoaderFor(snapshot, () => ctx.presentation),
  };
  const checks = await runChecks(ctx);
  const credentials = (ctx.verified ?? []).map((v) => v.report);
  const summary = summarize(checks);
  return {
    verified: (summary === 'verified' || summary === 'verified-with-warnings') && credentials.every((c) => c.verified),
    summary,
    checkedAt: ctx.now.toISOString(),
    ...(ctx.format ? { format: ctx.format } : {}),
    ...(ctx.holder ? { holder: ctx.holder } : {}),
    // The presentation's own lines are bounded like a credential's report (each credential's already is).
    checks: boundChecks(checks, snapshot.limits),
    credentials,
  };
}

async function runChecks(ctx: PresentationContext): Promise<PresentationCheckResult[]> {
  const results: PresentationCheckResult[] = [];
  let stoppedBy: PresentationCheckResult | undefined;
  for (const check of PRESENTATION_CHECKS) {
    if (check.appliesTo && !safely(() => check.appliesTo!(ctx), true)) continue;
    if (stoppedBy) {
      results.push(skippedBecause(check, stoppedBy));
      continue;
    }
    let verdict: Verdict;
    try {
      verdict = await check.run(ctx);
    } catch (error) {
      // A check that throws is a bug in microcred or a library, never a verdict on the presentation.
      verdict = {
        outcome: 'could-not-check',
        problem: problem({
          code: ErrorCode.INTERNAL,
          detail: `An unexpected error stopped this check: ${(error as Error)?.message ?? String(error)}`,
        }),
      };
    }
    const result = { id: check.id, title: check.title, ...verdict } as PresentationCheckResult;
    results.push(result);
    if (check.fatal && result.outcome !== 'passed' && result.outcome !== 'warning') stoppedBy = result;
  }
  return results;
}

function readOwn(options: unknown): Pick<PresentationContext, 'challenge' | 'domain' | 'holderMustBeSubject'> {
  const get = (name: string) => safely(() => (options as Record<string, unknown> | undefined)?.[name], undefined);
  const challenge = get('challenge');
  const domain = get('domain');
  return {
    challenge: typeof challenge === 'string' ? challenge : undefined,
    domain: typeof domain === 'string' ? domain : undefined,
    holderMustBeSubject: get('holderMustBeSubject') !== false,
  };
}

function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
