// The verifier's side of a status list: load the list credential, check it is the list the entry
// names, verify it as a credential of its own (its own status included, one level down), check it
// is the issuer's list of the right kind, and decode its bits. Browser-safe.
import { ErrorCode, isMicrocredError } from '../errors.js';
import { isJsonObject } from '../jsonPath.js';
import { decodeList, type DecodedList, type ListFormat } from '../status/bitstring.js';
import { authenticityFailure } from './authenticity.js';
import type { ProblemInput, VerifyContext } from './check.js';
import { echo, type VerifyLimits } from './limits.js';
import type { CheckResult } from './report.js';

export type { ListFormat };

/** A list that could be used, or the problem that stopped it (never "not revoked"). */
export type ListReading = { ok: true; list: DecodedList; purposes: string[] } | { ok: false; problem: ProblemInput };

// The validity problems that disqualify a list (a VC 2.0 list need not have validFrom).
const DATE_PROBLEMS: ReadonlySet<string> = new Set([
  ErrorCode.EXPIRED,
  ErrorCode.NOT_YET_VALID,
  ErrorCode.DATE_INVALID,
]);

/**
 * Reads the list at `url` for a credential issued by `issuerId`. Nothing is cached: the caller
 * reads each list once, answers every entry on it and lets it go, so a verification holds one
 * decoded list at a time, and a revocation published since the last verification is seen.
 */
export async function readStatusList(
  ctx: VerifyContext,
  url: string,
  format: ListFormat,
  issuerId: string | undefined,
): Promise<ListReading> {
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
  const listIssuer = view.issuer?.id;
  if (issuerId === undefined || listIssuer !== issuerId) {
    return unusable(
      ErrorCode.STATUS_LIST_ISSUER_MISMATCH,
      `The status list ${url} is issued by ${listIssuer ?? 'no one'}, not by the credential's issuer ${issuerId ?? '(none)'}; only the issuer can say the credential was revoked or suspended, so its status is unknown.`,
    );
  }
  const [subject, ...others] = view.subjects;
  if (!subject || others.length > 0 || !subject.types.includes(format))
    return invalid(url, `its credentialSubject is not one ${format}`);
  try {
    const list = await decodeList(subject.encodedList, format);
    return { ok: true, list, purposes: subject.statusPurposes };
  } catch (error) {
    return invalid(url, messageOf(error));
  }
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

function idMismatch(url: string, listId: unknown, limits: VerifyLimits): ListReading {
  const named = typeof listId === 'string' ? `is the list ${echo(listId, limits)}` : 'names no id';
  return unusable(
    ErrorCode.STATUS_LIST_ID_MISMATCH,
    `The entry names the status list ${url}, but the list credential given for that URL ${named}. A list speaks only for the URL that is its id (another list could have the credential's bit clear), so whether the credential was revoked or suspended is unknown.`,
  );
}

function unavailable(url: string, why: string): ListReading {
  return unusable(
    ErrorCode.STATUS_LIST_UNAVAILABLE,
    `The status list ${url} could not be loaded (${why}), so whether the credential was revoked or suspended is unknown. Supply it (the documents option, or DocumentLoader.add), or allow the network (the fetch option).`,
  );
}

function invalid(url: string, why: string): ListReading {
  return unusable(
    ErrorCode.STATUS_LIST_INVALID,
    `The status list ${url} cannot be used: ${why.replace(/\.$/, '')}. Whether the credential was revoked or suspended is unknown.`,
  );
}

function unusable(code: ErrorCode, detail: string): ListReading {
  return { ok: false, problem: { code, detail } };
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
