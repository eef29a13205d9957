import { ErrorCode } from '../errors.js';
import type { LoadsDocuments } from '../contexts/documentLoader.js';
import { isJsonObject } from '../jsonPath.js';
import { problem, skippedBecause, type Check, type DecodedJwt, type Verdict, type VerifyContext } from './check.js';
import type { CredentialView } from './view/view.js';
import type { NetworkPolicy } from '../network/policy.js';
import type { TrustedIssuer } from '../trust/types.js';
import type { StatusRegistry } from '../status/registry.js';
import { boundReport, type VerifyLimits } from './limits.js';
import { verificationLoaderFor } from './loader.js';
import { readVerifyOptions } from './options.js';
import { CHECKS } from './pipeline.js';
import { isAuthentic } from './authenticity.js';
import type { CheckResult, CredentialSummary, VerificationReport } from './report.js';
import { summarize } from './summary.js';
import { textOfBytes } from './inputText.js';
import { recogniseOpenBadges2 } from '../ob2/recognise.js';

/** Options of {@link verifyCredential}; every one has a default. */
export interface VerifyOptions {
  /**
   * A loader to reuse across calls (a {@link DocumentLoader}: its did:key and fetch caches then last;
   * or any object with a `load` function). It is read, never
   * changed: for each URL, `documents` come first, then this loader, then the network.
   */
  loader?: LoadsDocuments;
  /** The moment to check validity at (default: now). */
  now?: Date;
  /** Tolerance for clocks that disagree, in seconds (default 300). */
  clockSkewSeconds?: number;
  /**
   * Documents served by URL without the network: DID documents (keyed by the DID), status list
   * credentials, JSON Schemas, key documents. They take precedence over `loader`; an entry for a
   * bundled context is ignored (the bundled bytes are what signatures cover).
   */
  documents?: Record<string, unknown> | Map<string, unknown>;
  /**
   * A fetch function (e.g. `globalThis.fetch`). Only with one may microcred use the network, and
   * only under `network`, for did:web DID documents and https documents neither `documents` nor
   * `loader` holds; JSON-LD contexts are never fetched. Without one (and without a loader that has
   * one), what needs the network is reported as could-not-check with its URL (ERR_NETWORK_DISABLED).
   */
  fetch?: typeof globalThis.fetch;
  /** The rules every request through `fetch` follows (defaults: https only, 5 s, 1 MiB, no private addresses). */
  network?: NetworkPolicy;
  /** Issuers you know: a match is reported with what matched; an unknown issuer is a warning. */
  trust?: TrustedIssuer[];
  /** Bounds on what is read and echoed back (defaults: {@link DEFAULT_LIMITS}). */
  limits?: Partial<VerifyLimits>;
  /**
   * What to do with a credential that defines terms in an inline (object) context: `'warn'` (the
   * default) reports it as a warning, `'refuse'` fails it. Either way the report shows what the
   * signed graph states, under the standard meaning of each term.
   */
  inlineContexts?: 'warn' | 'refuse';
  /**
   * One deadline for the whole verification, in milliseconds (default 10000). It covers every
   * document fetched or asked of `loader` (DID and key documents, JSON Schemas, status lists),
   * however many: each gets at most the time left, and once it has passed nothing more is loaded;
   * what needed it is could-not-check (ERR_VERIFY_TIMEOUT). A loader or fetch that never answers
   * cannot hold the verification past it.
   */
  timeoutMs?: number;
  /**
   * Your own {@link StatusRegistry}: the status check is served the lists it keeps, signed now, so an
   * issuer can check what it issued (and revoked) without publishing or looking anything up. A list
   * it does not keep is read as without it (`documents`, `loader`, the network). The lists are
   * verified like any other: signature, issuer, validity (they are signed at the registry's clock,
   * so a `now` before it finds them not yet valid).
   *
   * @example
   * const report = await verifyCredential(signed, { status: registry });
   */
  status?: StatusRegistry;
  /**
   * For an Open Badges 2.0 assertion: the recipient you expect (an email address, URL or telephone
   * number). Its `recipient` identity, hashed (`sha256$…` with its salt) or plain, is compared with
   * it in a `recipient` check; without this option the report only says how the recipient is named.
   *
   * @example
   * const report = await verifyCredential(badgePng, { recipient: 'ana.ruiz@riverbend.example' });
   */
  recipient?: string;
}

/**
 * Verifies a credential (an object or a JSON string) and reports check by check. Never throws.
 * A baked badge image is verified as it is: PNG or SVG bytes (Uint8Array, Buffer, ArrayBuffer), or
 * SVG text (a string whose first non-blank character is `<`); the report then starts with the
 * `extract` check and names the `image`.
 *
 * An Open Badges 2.0 assertion (JSON under https://w3id.org/openbadges/v2, the compact JWS of a
 * signed one, or one baked in a PNG or SVG) is verified as OB 2.0 allows, in checks of its own, and
 * the report's `format` is `'open-badges-2.0'`: a signed assertion's JWS against the key its
 * `verification.creator` names, a hosted one against the issuer's copy at its `id`, then its badge
 * class and issuer, dates, revocation and (with `recipient`) its recipient. What needs a document
 * neither `documents` nor `loader` holds is fetched only with `fetch`, else could-not-check with its URL.
 *
 * @example
 * const report = await verifyCredential(json);
 * if (report.verified) show('Verified');
 * else if (report.authentic) show('Genuine, but ' + report.checks.find(c => c.problem)?.problem?.title);
 */
export async function verifyCredential(input: unknown, options: VerifyOptions = {}): Promise<VerificationReport> {
  return (await verifyAt(input, options, 0)).report;
}

/**
 * {@link verifyCredential}, returning the credential's view beside its report: for a presentation,
 * whose holder is compared with each credential's subjects as signed. Internal.
 */
export async function verifyCredentialWithView(
  input: unknown,
  options: VerifyOptions,
): Promise<{ report: VerificationReport; view?: CredentialView }> {
  return verifyAt(input, options, 0);
}

// The verification of `input` at `depth`: 0 for the caller's credential, 1 for a status list read
// for it, and so on. The depth is this function's own parameter, so no option can forge or hide it.
// Returns the view with the report, for a check that verifies a credential it then reads (a status list).
async function verifyAt(
  input: unknown,
  options: VerifyOptions,
  depth: number,
): Promise<{ report: VerificationReport; view?: CredentialView }> {
  // Read once, defensively: whatever the options hold (a throwing getter, a Proxy), this never throws.
  const snapshot = await readVerifyOptions(options);
  const checks: CheckResult[] = [];
  const ctx: VerifyContext = {
    input,
    // JSON or JWT text given as bytes is read as that text; an image's bytes go to `extract`.
    source: textOfBytes(input) ?? input,
    options: snapshot,
    verify: (document, how) => verifyAt(document, nestedOptions(ctx, how?.trust === true), depth + 1),
    depth,
    results: checks,
    checks: CHECKS,
    now: snapshot.now,
    loader: verificationLoaderFor(snapshot, () => ctx.credential),
    clockSkewSeconds: snapshot.clockSkewSeconds,
  };
  let stoppedBy: CheckResult | undefined;
  for (const check of CHECKS) {
    // An Open Badges 2.0 assertion (given, or taken out of an image) leaves the OB 3.0 pipeline here.
    if (check.id === 'parse' && !stoppedBy) {
      const ob2 = recogniseOpenBadges2(ctx.source, ctx.openBadges2 === true, snapshot.limits.maxInputBytes);
      if (ob2) {
        // Loaded on first use: a verifier page meets 2.0 badges rarely, and their checks bring a JOSE library.
        // A module that cannot be loaded (a page gone offline) is could-not-check, never a throw.
        const loaded = await import('../ob2/verifyOpenBadges2.js').catch((error: unknown) => ({ error }));
        if (!('error' in loaded))
          return { report: await openBadges2Report(ctx, loaded.verifyOpenBadges2(ctx, ob2, checks)) };
        stoppedBy = {
          id: check.id,
          title: check.title,
          outcome: 'could-not-check',
          problem: problem({
            code: ErrorCode.INTERNAL,
            detail: `This is an Open Badges 2.0 assertion, and the part of microcred that reads one could not be loaded: ${(loaded.error as Error)?.message ?? String(loaded.error)}`,
          }),
        };
        checks.push(stoppedBy);
        continue;
      }
    }
    if (check.appliesTo && !applies(check, ctx)) continue;
    if (stoppedBy && informative(check, stoppedBy, ctx)) {
      checks.push(await informationOnly(check, ctx, stoppedBy));
      continue;
    }
    if (stoppedBy) {
      checks.push(skippedBecause(check, stoppedBy));
      continue;
    }
    let result: CheckResult;
    try {
      const verdict = await check.run(ctx);
      result = { id: check.id, title: check.title, ...verdict };
    } catch (error) {
      // A check that throws is a bug in microcred or a library, never a verdict on the credential.
      result = {
        id: check.id,
        title: check.title,
        outcome: 'could-not-check',
        problem: problem({
          code: ErrorCode.INTERNAL,
          detail: `An unexpected error stopped this check: ${(error as Error)?.message ?? String(error)}`,
        }),
      };
    }
    checks.push(result);
    if (check.fatal && result.outcome !== 'passed' && result.outcome !== 'warning') stoppedBy = result;
  }
  const authentic = isAuthentic(checks, CHECKS);
  const summary = summarize(checks);
  // Whatever the checks quoted from the input, the report never repeats megabytes of it.
  const report = boundReport(
    {
      verified: authentic && (summary === 'verified' || summary === 'verified-with-warnings'),
      authentic,
      summary,
      checkedAt: ctx.now.toISOString(),
      ...(ctx.format ? { format: ctx.format } : {}),
      ...(ctx.image ? { image: ctx.image } : {}),
      ...(ctx.view ? { credential: summarizeCredential(ctx.view, ctx.credential, ctx.jwt, ctx.signer) } : {}),
      ...(ctx.trustedIssuer ? { issuerTrust: { ...ctx.trustedIssuer } } : {}),
      checks,
    },
    snapshot.limits,
  );
  return ctx.view ? { report, view: ctx.view } : { report };
}

// The report of an Open Badges 2.0 assertion: its own checks, and what it says.
async function openBadges2Report(
  ctx: VerifyContext,
  outcome: ReturnType<typeof import('../ob2/verifyOpenBadges2.js').verifyOpenBadges2>,
): Promise<VerificationReport> {
  const { checks, authentic, credential, trustedIssuer } = await outcome;
  const summary = summarize(checks);
  return boundReport(
    {
      verified: authentic && (summary === 'verified' || summary === 'verified-with-warnings'),
      authentic,
      summary,
      checkedAt: ctx.now.toISOString(),
      format: 'open-badges-2.0',
      ...(ctx.image ? { image: ctx.image } : {}),
      ...(credential ? { credential } : {}),
      ...(trustedIssuer ? { issuerTrust: { ...trustedIssuer } } : {}),
      checks,
    },
    ctx.options.limits,
  );
}

// What a credential read for this one (a status list) is verified under: this verification's loader
// (the caller's documents, loader and network, and what is left of the deadline), clock, skew,
// limits and inline-context rule; not the trust list, whose verdict on the list's issuer would say
// nothing about the credential — unless `trust`: a credential judged on its own issuer (an endorser,
// a credential bundled in a CLR) is checked against the caller's list like any issuer.
function nestedOptions(ctx: VerifyContext, trust: boolean): VerifyOptions {
  const { limits, inlineContexts, timeoutMs } = ctx.options;
  return {
    ...(trust && ctx.options.trust ? { trust: ctx.options.trust } : {}),
    loader: ctx.loader,
    now: ctx.now,
    clockSkewSeconds: ctx.clockSkewSeconds,
    limits,
    timeoutMs,
    ...(inlineContexts ? { inlineContexts } : {}),
  };
}

// A check that still says something useful when the proof could not be checked (not when it failed:
// then nothing the credential states is worth reporting).
function informative(check: Check, stoppedBy: CheckResult, ctx: VerifyContext): boolean {
  return check.informativeWhenUnchecked === true && stoppedBy.outcome === 'could-not-check' && ctx.view !== undefined;
}

// The check run for information: a finding becomes a warning that says the proof was not checked;
// a check that passes says nothing more than that the dates hold, if the credential is genuine.
async function informationOnly(check: Check, ctx: VerifyContext, stoppedBy: CheckResult): Promise<CheckResult> {
  let verdict: Verdict;
  try {
    verdict = await check.run(ctx);
  } catch {
    verdict = { outcome: 'could-not-check', problem: problem({ code: ErrorCode.CHECK_SKIPPED, detail: '' }) };
  }
  if (verdict.outcome === 'passed') return { id: check.id, title: check.title, outcome: 'passed' };
  if (verdict.outcome !== 'failed') return skippedBecause(check, stoppedBy);
  const { code, detail, path } = verdict.problem;
  return {
    id: check.id,
    title: check.title,
    outcome: 'warning',
    problem: problem({
      code,
      detail: `${detail} For information only: "${stoppedBy.title}" could not be checked, so nothing yet shows the credential is genuine.`,
      ...(path === undefined ? {} : { path }),
    }),
  };
}

function applies(check: Check, ctx: VerifyContext): boolean {
  try {
    return check.appliesTo?.(ctx) !== false;
  } catch {
    return true; // let run() report what is wrong
  }
}

// What a verifier site shows, all of it from the view (the signed graph) but the proof's own fields,
// which are not part of the credential's graph: those of the proof that decided (the issuer's, found
// by the signature check), else of the first one listed.
function summarizeCredential(
  view: CredentialView,
  doc: Record<string, unknown> | undefined,
  jwt: DecodedJwt | undefined,
  signer: { id: string } | undefined,
): CredentialSummary {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const subject = view.subjects[0];
  const identifier = subject?.identifiers[0];
  const proofs = [doc?.proof].flat().filter(isJsonObject);
  const methodOf = (p: Record<string, unknown>) =>
    str(p.verificationMethod) ?? (isJsonObject(p.verificationMethod) ? str(p.verificationMethod.id) : undefined);
  const proof = proofs.find((p) => signer !== undefined && methodOf(p) === signer.id) ?? proofs[0] ?? {};
  const recipient =
    subject?.id ??
    (identifier?.hashed === true ? `hashed ${identifier.identityType ?? 'identifier'}` : identifier?.identityHash);
  const entries: [keyof CredentialSummary, unknown][] = [
    ['id', view.id],
    ['name', view.name],
    ['issuer', view.issuer && prune({ id: view.issuer.id, name: view.issuer.name })],
    ['achievement', subject?.achievement && prune({ id: subject.achievement.id, name: subject.achievement.name })],
    ['recipient', recipient],
    ['validFrom', view.validFrom ?? view.issuanceDate],
    ['validUntil', view.validUntil ?? view.expirationDate],
    [
      'proof',
      jwt
        ? prune({ type: 'VC-JWT', alg: str(jwt.header.alg), verificationMethod: jwt.key?.id ?? str(jwt.header.kid) })
        : prune({
            type: str(proof.type),
            cryptosuite: str(proof.cryptosuite),
            verificationMethod: methodOf(proof),
          }),
    ],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as CredentialSummary;
}

function prune<T extends Record<string, unknown>>(value: T): T | undefined {
  const kept = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
  return Object.keys(kept).length ? (kept as T) : undefined;
}
