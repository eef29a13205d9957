import { ErrorCode } from '../../errors.js';
import { isUri } from '../../identifiers.js';
import { isJsonObject } from '../../jsonPath.js';
import { isListVerification, readStatusList, type ListFormat } from '../../status/readList.js';
import type { Check, Verdict, VerifyContext } from '../check.js';
import type { CheckPart, Problem } from '../report.js';

/**
 * Revocation and suspension: each `credentialStatus` entry is one part of this check. A Bitstring
 * Status List (or StatusList2021) entry is read from its list credential, which must verify and
 * be the credential issuer's own. A list that was not read, did not verify or is too short is
 * "could not check", never "not revoked" (other verifiers' users were misled by that).
 */
export const statusCheck: Check = {
  id: 'status',
  title: 'It has not been revoked or suspended',
  fatal: false,
  appliesTo: (ctx) => !isListVerification(ctx.options),
  async run(ctx) {
    const status = ctx.credential?.credentialStatus;
    if (status === undefined) return { outcome: 'passed' };
    const entries = Array.isArray(status) ? status : [status];
    const parts: CheckPart[] = [];
    for (const [i, entry] of entries.entries()) parts.push(await checkEntry(ctx, entry, Array.isArray(status) ? `credentialStatus[${i}]` : 'credentialStatus'));
    return combine(parts);
  },
};

const FORMATS = new Map<unknown, ListFormat>([['BitstringStatusListEntry', 'BitstringStatusList'], ['StatusList2021Entry', 'StatusList2021']]);

async function checkEntry(ctx: VerifyContext, entry: unknown, path: string): Promise<CheckPart> {
  if (!isJsonObject(entry)) return part('status entry', 'could-not-check', entryInvalid(path, 'is not an object'));
  const type = Array.isArray(entry.type) ? entry.type.find((t) => FORMATS.has(t)) : entry.type;
  const format = FORMATS.get(type);
  if (!format) return unsupported(entry, path);

  const purpose = entry.statusPurpose;
  if (typeof purpose !== 'string' || purpose === '') return part(type as string, 'could-not-check', entryInvalid(`${path}.statusPurpose`, 'is missing'));
  if (purpose !== 'revocation' && purpose !== 'suspension') {
    return part(`${purpose} status`, 'warning', {
      code: ErrorCode.STATUS_NOT_INTERPRETED,
      title: 'A status microcred does not interpret',
      detail: `The entry's purpose is "${purpose}"; microcred reads revocation and suspension only, so this status was not read and says nothing about validity here.`,
      path: `${path}.statusPurpose`,
    });
  }
  const index = indexOf(entry.statusListIndex);
  if (index === undefined) return part(`${purpose} entry`, 'could-not-check', entryInvalid(`${path}.statusListIndex`, `must be a whole number written as a string (e.g. "94567"); it is ${JSON.stringify(entry.statusListIndex)}`));
  const url = entry.statusListCredential;
  if (!isUri(url)) return part(`${purpose} entry`, 'could-not-check', entryInvalid(`${path}.statusListCredential`, 'must be the URL of the status list credential'));
  if (entry.statusSize !== undefined && Number(entry.statusSize) !== 1) {
    return part(`${purpose} entry`, 'could-not-check', entryInvalid(`${path}.statusSize`, `is ${JSON.stringify(entry.statusSize)}; a ${purpose} entry is one bit`));
  }

  const label = `${purpose}: ${url} index ${index}`;
  const reading = await readStatusList(ctx, url, format, issuerIdOf(ctx.credential?.issuer));
  if (!reading.ok) return part(label, 'could-not-check', { ...reading.problem, path: `${path}.statusListCredential` });
  if (!reading.purposes.includes(purpose)) {
    return part(label, 'could-not-check', {
      code: ErrorCode.STATUS_PURPOSE_MISMATCH,
      title: 'The status list is for another purpose',
      detail: `The entry is for ${purpose}, but the list ${url} is a ${reading.purposes.join(', ') || 'list of no stated purpose'} list, so it does not say whether the credential is ${purpose === 'revocation' ? 'revoked' : 'suspended'}.`,
      path: `${path}.statusPurpose`,
    });
  }
  if (index >= reading.list.length) {
    return part(label, 'could-not-check', {
      code: ErrorCode.STATUS_INDEX_OUT_OF_RANGE,
      title: 'The status index is beyond the list',
      detail: `The entry points at index ${index}, but the list ${url} has ${reading.list.length} entries, so the credential's status is unknown.`,
      path: `${path}.statusListIndex`,
    });
  }
  if (!reading.list.getStatus(index)) return part(label, 'passed');
  return part(label, 'failed', purpose === 'revocation'
    ? { code: ErrorCode.REVOKED, title: 'Revoked', detail: `The issuer has revoked this credential: bit ${index} of its revocation list ${url} is set.`, path }
    : { code: ErrorCode.SUSPENDED, title: 'Suspended', detail: `The issuer has suspended this credential (it may be reinstated): bit ${index} of its suspension list ${url} is set.`, path });
}

function unsupported(entry: Record<string, unknown>, path: string): CheckPart {
  const type = typeof entry.type === 'string' ? entry.type : JSON.stringify(entry.type ?? null);
  const at = typeof entry.id === 'string' ? ` at ${entry.id}` : '';
  // OB 3.0's own mechanism: an unsigned JSON list of revoked ids on the issuer's site.
  const why = type === '1EdTechRevocationList'
    ? `The credential names a 1EdTech revocation list${at}. microcred does not read these lists (unsigned JSON on the issuer's site), so whether it was revoked is unknown; look it up there.`
    : `The credential has a status entry of type ${type}${at}, which microcred does not read, so whether it was revoked or suspended is unknown.`;
  return part(type, 'could-not-check', { code: ErrorCode.STATUS_UNCHECKED, title: 'Status not checked', detail: why, path });
}

/** The check's verdict: the worst part decides (failed, then could-not-check, then warning). */
function combine(parts: CheckPart[]): Verdict {
  const problems = parts.map((p) => p.problem).filter((p): p is Problem => p !== undefined);
  for (const outcome of ['failed', 'could-not-check', 'warning'] as const) {
    const worst = parts.find((p) => p.outcome === outcome);
    if (worst?.problem) return { outcome, problem: worst.problem, ...(problems.length > 1 ? { problems } : {}), parts };
  }
  return { outcome: 'passed', parts };
}

function part(label: string, outcome: CheckPart['outcome'], problem?: Problem): CheckPart {
  return problem ? { label, outcome, problem } : { label, outcome };
}

function entryInvalid(path: string, what: string): Problem {
  return { code: ErrorCode.STATUS_ENTRY_INVALID, title: 'Unreadable status entry', detail: `${path} ${what}, so the credential's status cannot be read.`, path };
}

// The spec writes the index as a string of digits; some issuers (the 1EdTech validator's fixtures) write a number.
function indexOf(value: unknown): number | undefined {
  const index = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
  return typeof index === 'number' && Number.isSafeInteger(index) && index >= 0 ? index : undefined;
}

function issuerIdOf(issuer: unknown): string | undefined {
  const id = isJsonObject(issuer) ? issuer.id : issuer;
  return typeof id === 'string' ? id : undefined;
}
