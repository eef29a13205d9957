// Verifying an Open Badges 2.0 assertion: what OB 2.0 allows (§Verification), as checks of its own.
// OB 3.0's JSON-LD, schema and Data Integrity checks mean nothing for 2.0 and are not shown.
import { ErrorCode } from '../errors.js';
import { isJsonObject } from '../jsonPath.js';
import { problem, skippedBecause, type Verdict, type VerifyContext } from '../verify/check.js';
import type { CheckResult, CredentialSummary } from '../verify/report.js';
import type { TrustedIssuer } from '../trust/types.js';
import { ob2BadgeCheck } from './checks/badge.js';
import { ob2HostedCheck } from './checks/hosted.js';
import { ob2IssuerCheck } from './checks/issuer.js';
import { ob2ParseCheck } from './checks/parse.js';
import { ob2RecipientCheck } from './checks/recipient.js';
import { ob2SignatureCheck } from './checks/signature.js';
import { ob2StatusCheck } from './checks/status.js';
import { ob2TrustCheck } from './checks/trust.js';
import { ob2TypeCheck } from './checks/type.js';
import { ob2ValidityCheck } from './checks/validity.js';
import { idOf, ob2DateText } from './fields.js';
import type { Ob2Input } from './recognise.js';
import type { Ob2Check, Ob2State } from './state.js';

/**
 * The checks of an OB 2.0 assertion, in order: read it, check its shape, then what shows it genuine
 * (its signature, or the issuer's hosted copy) before anything else is fetched, then the badge class
 * and issuer, the binding to that issuer, the dates, revocation, the caller's known issuers when
 * given, and the recipient when one is named.
 */
export const OB2_CHECKS: readonly Ob2Check[] = [
  ob2ParseCheck,
  ob2TypeCheck,
  ob2SignatureCheck,
  ob2HostedCheck,
  ob2BadgeCheck,
  ob2IssuerCheck,
  ob2ValidityCheck,
  ob2StatusCheck,
  ob2TrustCheck,
  ob2RecipientCheck,
];

/** What verifying an OB 2.0 assertion found: its checks, whether it is genuine, and what it says. */
export interface Ob2Outcome {
  checks: CheckResult[];
  authentic: boolean;
  credential?: CredentialSummary;
  /** The caller's entry for the issuer (the `trust` option), when the assertion is bound to it. */
  trustedIssuer?: TrustedIssuer;
}

/**
 * Runs {@link OB2_CHECKS} on `input` within the verification `ctx` (its loader, clock, options and
 * deadline). `before`: the checks already run (`extract`, for an image). Never throws.
 */
export async function verifyOpenBadges2(
  ctx: VerifyContext,
  input: Ob2Input,
  before: CheckResult[],
): Promise<Ob2Outcome> {
  const state: Ob2State = { ctx, input, results: [...before] };
  let stoppedBy: CheckResult | undefined;
  for (const check of OB2_CHECKS) {
    if (check.appliesTo && !safely(() => check.appliesTo!(state))) continue;
    if (stoppedBy) {
      state.results.push(skippedBecause(check, stoppedBy));
      continue;
    }
    const result = { id: check.id, title: check.title, ...(await run(check, state)) } as CheckResult;
    state.results.push(result);
    if (check.fatal && result.outcome !== 'passed' && result.outcome !== 'warning') stoppedBy = result;
  }
  const credential = state.assertion ? summarizeSafely(state) : undefined;
  return {
    checks: state.results,
    authentic: authentic(state.results),
    ...(credential ? { credential } : {}),
    ...(state.trustedIssuer ? { trustedIssuer: state.trustedIssuer } : {}),
  };
}

async function run(check: Ob2Check, state: Ob2State): Promise<Verdict> {
  try {
    return await check.run(state);
  } catch (error) {
    // A check that throws is a bug in microcred or a library, never a verdict on the assertion.
    return {
      outcome: 'could-not-check',
      problem: problem({
        code: ErrorCode.INTERNAL,
        detail: `An unexpected error stopped this check: ${(error as Error)?.message ?? String(error)}`,
      }),
    };
  }
}

function safely(test: () => boolean): boolean {
  try {
    return test();
  } catch {
    return true;
  }
}

// Genuine: read, well-formed, shown genuine (signature or hosted copy), badge and issuer read, and
// bound to that issuer; every one of them passed.
function authentic(results: readonly CheckResult[]): boolean {
  const ok = (id: string) => results.some((r) => r.id === id && (r.outcome === 'passed' || r.outcome === 'warning'));
  const proof = ok('signature') || ok('hosted');
  const bearing = OB2_CHECKS.filter((c) => c.authenticity).map((c) => c.id);
  return (
    proof &&
    ['parse', 'type', 'badge', 'issuer'].every(ok) &&
    results.every((r) => !bearing.includes(r.id) || r.outcome === 'passed' || r.outcome === 'warning')
  );
}

// The summary is only what the checks already read; should reading it fail (a bug), the report
// goes without it rather than the verification throwing.
function summarizeSafely(state: Ob2State): CredentialSummary | undefined {
  try {
    return summarize(state);
  } catch {
    return undefined;
  }
}

// What a verifier site shows: the assertion's own fields, the badge class's and issuer's names once
// read. The recipient is said as given: plain, or which kind of identifier was hashed.
function summarize(state: Ob2State): CredentialSummary {
  const a = state.assertion!;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const badge = state.badge ?? (isJsonObject(a.badge) ? a.badge : undefined);
  const recipient = isJsonObject(a.recipient) ? a.recipient : {};
  const kind = str(recipient.type) ?? 'identifier';
  const hashed = recipient.hashed === true;
  const identity = str(recipient.identity);
  const algorithm = identity?.includes('$') ? identity.slice(0, identity.indexOf('$')) : undefined;
  const entries: [keyof CredentialSummary, unknown][] = [
    ['id', str(a.id)],
    ['name', str(badge?.name)],
    ['issuer', state.issuer && prune({ id: str(state.issuer.id), name: str(state.issuer.name) })],
    ['achievement', prune({ id: idOf(a.badge), name: str(badge?.name) })],
    [
      'recipient',
      identity === undefined
        ? undefined
        : hashed
          ? `hashed ${kind}${algorithm ? ` (${algorithm})` : ''}`
          : `${kind} ${identity}`,
    ],
    ['validFrom', ob2DateText(a.issuedOn)],
    ['validUntil', ob2DateText(a.expires)],
    [
      'proof',
      state.verification === 'signed'
        ? prune({
            type: 'SignedBadge',
            alg: str(state.jws?.header.alg),
            verificationMethod: str((a.verification as Record<string, unknown>).creator),
          })
        : state.verification === 'hosted'
          ? { type: 'HostedBadge' }
          : undefined,
    ],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as CredentialSummary;
}

function prune<T extends Record<string, unknown>>(value: T): T | undefined {
  const kept = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
  return Object.keys(kept).length ? (kept as T) : undefined;
}
