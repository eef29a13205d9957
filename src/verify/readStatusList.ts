// The verifier's side of a status list: load the list credential, check it is the list the entry
// names, verify it as a credential of its own (its own status included, one level down), check it
// is the issuer's list of the right kind, and decode its bits. Browser-safe.
import { ErrorCode, isMicrocredError } from '../errors.js';
import { isJsonObject } from '../jsonPath.js';
import type { DecodedList, ListFormat } from '../status/bitstring.js';
import { authenticityFailure } from './authenticity.js';
import type { ProblemInput, VerifyContext } from './check.js';
import { echo, type VerifyLimits } from './limits.js';
import type { CheckResult } from './report.js';

export type { ListFormat };

/** A list that could be used, or the problem that stopped it (never "not revoked"). */
export type ListReading = { ok: true; list: DecodedList; purposes: string[] } | Refusal;

/** Why a list cannot be used. */
type Refusal = { ok: false; problem: ProblemInput };

// The validity problems that disqualify a list (a VC 2.0 list need not have validFrom).
const DATE_PROBLEMS: ReadonlySet<string> = new Set([
  ErrorCode.EXPIRED,
  ErrorCode.NOT_YET_VALID,
  ErrorCode.DATE_INVALID,
]);

/** A list that verified, as kept in the caller's loader's cache (src/contexts/listCache.ts). */
interface VerifiedList {
  issuer: string | undefined;
  list: DecodedList;
  purposes: string[];
  /** Its validity window, ms since the epoch (NaN-free; ±Infinity when it states none). */
  validFrom: number;
  validUntil: number;
}

/**
 * Reads the list at `url` for a credential issued by `issuerId`. A list that verified is kept in
 * the cache of the caller's DocumentLoader when it came from there (see
 * {@link VerificationLoader.statusListCache}): until its time-to-live or its validUntil, the next
 * verification uses it without loading or verifying it again. A list that failed is never kept.
 * Without such a cache, each verification loads and verifies the list, answers every entry on it
 * and lets it go, so a revocation published since the last verification is seen.
 */
export async function readStatusList(
  ctx: VerifyContext,
  url: string,
  format: ListFormat,
  issuerId: string | undefined,
): Promise<ListReading> {
  const cache = await ctx.loader.statusListCache(url);
  const key = `${format} ${url}`;
  const now = ctx.now.getTime();
  const kept = cache?.get(key) as VerifiedList | undefined;
  // A list kept from a verification at another moment is used only within its own validity.
  if (kept && now >= kept.validFrom && now < kept.validUntil) return usable(kept, url, issuerId);
  const read = await verifyList(ctx, url, format, issuerId);
  if (!read.ok) return read;
  const { verified } = read;
  cache?.set(key, verified, Math.ceil(verified.list.length / 8), verified.validUntil);
  return { ok: true, list: verified.list, purposes: verified.purposes };
}

// A kept list, for a credential of `issuerId`: only the list's issuer can speak for the credential.
function usable(verified: VerifiedList, url: string, issuerId: string | undefined): ListReading {
  const mismatch = issuerMismatch(url, verified.issuer, issuerId);
  return mismatch ?? { ok: true, list: verified.list, purposes: verified.purposes };
}

function issuerMismatch(
  url: string,
  listIssuer: string | undefined,
  issuerId: string | undefined,
): Refusal | undefined {
  if (issuerId !== undefined && listIssuer === issuerId) return undefined;
  return unusable(
    ErrorCode.STATUS_LIST_ISSUER_MISMATCH,
    `The status list ${url} is issued by ${listIssuer ?? 'no one'}, not by the credential's issuer ${issuerId ?? '(none)'}; only the issuer can say the credential was revoked or suspended, so its status is unknown.`,
  );
}

// Loads the list, verifies it as a credential, checks it is the issuer's and decodes its bits.
async function verifyList(
  ctx: VerifyContext,
  url: string,
  format: ListFormat,
  issuerId: string | undefined,
): Promise<{ ok: true; verified: VerifiedList } | Refusal> {
  let document: unknown;
  try {
    document = (await ctx.loader.load(url)).document;
    if (typeof document === 'string') document = JSON.parse(document);
  } catch (error) {
    const why =
      error instanceof SyntaxError
        ? 'it is not JSON'
        : isMicrocredError(error, ErrorCode.CONTEXT_UNKNOWN)
          ? 'it was not supplied, and microcred fetches nothing unless given a fetch function'
          : messageOf(error).replace(/\.$/, '');
    return unavailable(url, why);
  }
  if (!isJsonObject(document)) return invalid(url, 'it is not a JSON object');

  // Cheap refusals first. Another list of the same issuer, signed and valid, could be served at this
  // URL (one with the credential's bit clear): only the list whose id is this URL speaks for it.
  const listId = document.id;
  if (listId !== url) return idMismatch(url, listId, ctx.options.limits);
  const types = asList(document.type);
  if (!types.includes(`${format}Credential`))
    return invalid(url, `its type does not include "${format}Credential" (it is ${JSON.stringify(document.type)})`);

  const { report, view } = await ctx.verify(document);
  if (!report.authentic) {
    const cause = authenticityFailure(report.checks, ctx.checks);
    return invalid(
      url,
      `it did not verify as a credential (${cause?.problem ? `${cause.problem.title}: ${cause.problem.detail}` : 'not authentic'})`,
    );
  }
  const validity = report.checks.find((c) => c.id === 'validity');
  if (validity?.problem && DATE_PROBLEMS.has(validity.problem.code)) {
    return invalid(url, `it is not valid now: ${validity.problem.detail}`);
  }
  const ownStatus = report.checks.find((c) => c.id === 'status');
  if (ownStatus) {
    const why = ownStatusProblem(ownStatus);
    if (why) return invalid(url, why);
  }

  // From here on, the list as signed (its view): the JSON above only served to refuse early.
  if (!view || view.id !== url) return idMismatch(url, view?.id, ctx.options.limits);
  if (!view.types.includes(`${format}Credential`))
    return invalid(url, `its type does not include "${format}Credential" (it is ${JSON.stringify(view.types)})`);
  const mismatch = issuerMismatch(url, view.issuer?.id, issuerId);
  if (mismatch) return mismatch;
  const [subject, ...others] = view.subjects;
  if (!subject || others.length > 0 || !subject.types.includes(format))
    return invalid(url, `its credentialSubject is not one ${format}`);
  // The list's reader (and the status libraries behind it) loads with the first status list read.
  const { decodeList } = await import('../status/bitstring.js');
  try {
    const list = await decodeList(subject.encodedList, format);
    return {
      ok: true,
      verified: {
        issuer: view.issuer?.id,
        list,
        purposes: subject.statusPurposes,
        validFrom: timeOf(view.validFrom ?? view.issuanceDate, -Infinity),
        validUntil: timeOf(view.validUntil ?? view.expirationDate, Infinity),
      },
    };
  } catch (error) {
    return invalid(url, messageOf(error));
  }
}

function timeOf(date: string | undefined, none: number): number {
  if (date === undefined) return none;
  const time = Date.parse(date);
  // A date the validity check accepted parses; should one not, the window is empty: never used from the cache.
  return Number.isNaN(time) ? -none : time;
}

// A list revoked or suspended by its issuer no longer speaks for anyone; one whose own status is
// unknown might have been. A warning (a purpose microcred does not read) leaves it usable.
function ownStatusProblem(status: CheckResult): string | undefined {
  const problem = status.problem;
  if (status.outcome === 'failed')
    return `the list itself is no longer in force (${problem ? `${problem.title}: ${problem.detail}` : 'its status check failed'})`;
  if (status.outcome === 'could-not-check')
    return `whether the list itself was revoked or suspended is unknown (${problem ? `${problem.title}: ${problem.detail}` : 'its status could not be checked'})`;
  return undefined;
}

function idMismatch(url: string, listId: unknown, limits: VerifyLimits): Refusal {
  const named = typeof listId === 'string' ? `is the list ${echo(listId, limits)}` : 'names no id';
  return unusable(
    ErrorCode.STATUS_LIST_ID_MISMATCH,
    `The entry names the status list ${url}, but the list credential given for that URL ${named}. A list speaks only for the URL that is its id (another list could have the credential's bit clear), so whether the credential was revoked or suspended is unknown.`,
  );
}

function unavailable(url: string, why: string): Refusal {
  return unusable(
    ErrorCode.STATUS_LIST_UNAVAILABLE,
    `The status list ${url} could not be loaded (${why}), so whether the credential was revoked or suspended is unknown. Supply it (the documents option, or DocumentLoader.add), or allow the network (the fetch option).`,
  );
}

function invalid(url: string, why: string): Refusal {
  return unusable(
    ErrorCode.STATUS_LIST_INVALID,
    `The status list ${url} cannot be used: ${why.replace(/\.$/, '')}. Whether the credential was revoked or suspended is unknown.`,
  );
}

function unusable(code: ErrorCode, detail: string): Refusal {
  return { ok: false, problem: { code, detail } };
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
