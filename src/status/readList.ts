// The verifier's side of a status list: load the list credential, verify it as a credential of
// its own, check it is the issuer's list of the right kind, and decode its bits. Browser-safe.
import { ErrorCode, isMicrocredError } from '../errors.js';
import { isJsonObject } from '../jsonPath.js';
import type { VerifyContext } from '../verify/check.js';
import type { VerifyOptions } from '../verify/verifyCredential.js';
import type { Problem, VerificationReport } from '../verify/report.js';
import { AUTHENTICITY_CHECKS } from '../verify/pipeline.js';
import { decodeList, type DecodedList, type ListFormat } from './bitstring.js';

export type { ListFormat };

/** A list that could be used, or the problem that stopped it (never "not revoked"). */
export type ListReading = { ok: true; list: DecodedList; purposes: string[] } | { ok: false; problem: Problem };

// Marks the options of a list's own verification, whose status check is left out: a list whose
// credentialStatus points at a list never recurses. A symbol key survives copies made by spreading.
const LIST_VERIFICATION = Symbol('microcred.statusListVerification');

/** True for the options of a status list's own verification. */
export function isListVerification(options: object): boolean {
  return (options as { [LIST_VERIFICATION]?: unknown })[LIST_VERIFICATION] === true;
}

// The validity problems that disqualify a list (a VC 2.0 list need not have validFrom).
const DATE_PROBLEMS: ReadonlySet<string> = new Set([ErrorCode.EXPIRED, ErrorCode.NOT_YET_VALID, ErrorCode.DATE_INVALID]);

// One reading per list per verification run: two entries on one list load and verify it once.
// Not per loader: a list must be read afresh for each verification, or a revocation would go unseen.
const readings = new WeakMap<VerifyContext, Map<string, Promise<ListReading>>>();

/** Reads the list at `url` for a credential issued by `issuerId`, once per verification run. */
export function readStatusList(ctx: VerifyContext, url: string, format: ListFormat, issuerId: string | undefined): Promise<ListReading> {
  let cache = readings.get(ctx);
  if (!cache) readings.set(ctx, (cache = new Map()));
  const key = `${format} ${url}`;
  let reading = cache.get(key);
  if (!reading) cache.set(key, (reading = read(ctx, url, format, issuerId)));
  return reading;
}

async function read(ctx: VerifyContext, url: string, format: ListFormat, issuerId: string | undefined): Promise<ListReading> {
  let document: unknown;
  try {
    document = (await ctx.loader.load(url)).document;
    if (typeof document === 'string') document = JSON.parse(document);
  } catch (error) {
    const why = error instanceof SyntaxError
      ? 'it is not JSON'
      : isMicrocredError(error, ErrorCode.CONTEXT_UNKNOWN)
        ? 'it was not supplied, and microcred fetches nothing unless given a fetch function'
        : messageOf(error).replace(/\.$/, '');
    return unavailable(url, why);
  }
  if (!isJsonObject(document)) return invalid(url, 'it is not a JSON object');

  const report = await verifyList(ctx, document);
  if (!report.authentic) {
    const cause = report.checks.find((c) => (AUTHENTICITY_CHECKS as readonly string[]).includes(c.id) && c.outcome !== 'passed' && c.outcome !== 'skipped');
    return invalid(url, `it did not verify as a credential (${cause?.problem ? `${cause.problem.title}: ${cause.problem.detail}` : 'not authentic'})`);
  }
  const validity = report.checks.find((c) => c.id === 'validity');
  if (validity?.problem && DATE_PROBLEMS.has(validity.problem.code)) {
    return invalid(url, `it is not valid now: ${validity.problem.detail}`);
  }

  const types = asList(document.type);
  if (!types.includes(`${format}Credential`)) return invalid(url, `its type does not include "${format}Credential" (it is ${JSON.stringify(document.type)})`);
  const listIssuer = idOf(document.issuer);
  if (issuerId === undefined || listIssuer !== issuerId) {
    return unusable(
      ErrorCode.STATUS_LIST_ISSUER_MISMATCH,
      'The status list is not the issuer\'s',
      `The status list ${url} is issued by ${listIssuer ?? 'no one'}, not by the credential's issuer ${issuerId ?? '(none)'}; only the issuer can say the credential was revoked or suspended, so its status is unknown.`,
    );
  }
  const subject = Array.isArray(document.credentialSubject) ? document.credentialSubject[0] : document.credentialSubject;
  if (!isJsonObject(subject) || !asList(subject.type).includes(format)) return invalid(url, `its credentialSubject is not a ${format}`);
  try {
    const list = await decodeList(subject.encodedList, format);
    return { ok: true, list, purposes: asList(subject.statusPurpose).filter((p): p is string => typeof p === 'string') };
  } catch (error) {
    return invalid(url, messageOf(error));
  }
}

async function verifyList(ctx: VerifyContext, document: Record<string, unknown>): Promise<VerificationReport> {
  const { trust: _trust, ...rest } = ctx.options;
  const options: VerifyOptions = { ...rest, loader: ctx.loader, now: ctx.now, clockSkewSeconds: ctx.clockSkewSeconds, [LIST_VERIFICATION]: true } as VerifyOptions;
  return ctx.verify(document, options);
}

function unavailable(url: string, why: string): ListReading {
  return unusable(ErrorCode.STATUS_LIST_UNAVAILABLE, 'The status list could not be read', `The status list ${url} could not be loaded (${why}), so whether the credential was revoked or suspended is unknown. Supply it (the documents option, DocumentLoader.add, or microcred verify --status-list FILE), or pass a fetch function.`);
}

function invalid(url: string, why: string): ListReading {
  return unusable(ErrorCode.STATUS_LIST_INVALID, 'The status list cannot be trusted', `The status list ${url} cannot be used: ${why.replace(/\.$/, '')}. Whether the credential was revoked or suspended is unknown.`);
}

function unusable(code: ErrorCode, title: string, detail: string): ListReading {
  return { ok: false, problem: { code, title, detail } };
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function idOf(value: unknown): string | undefined {
  const id = isJsonObject(value) ? value.id : value;
  return typeof id === 'string' ? id : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
