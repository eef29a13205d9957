// One `credentialStatus` entry, read without loading anything: either the list lookup it asks for,
// or its part of the report straight away (unreadable, of a type or purpose microcred does not read).
import { ErrorCode } from '../errors.js';
import { isUri } from '../identifiers.js';
import { isJsonObject } from '../jsonPath.js';
import type { ListFormat } from '../status/bitstring.js';
import type { CheckOutcome, CheckPart } from './report.js';
import { problem, type ProblemInput } from './check.js';

/** What an entry asks for: bit `index` of the `format` list at `url`, read for `purpose`. */
export interface ListLookup {
  format: ListFormat;
  url: string;
  purpose: 'revocation' | 'suspension';
  index: number;
  /** The entry's JSON path, e.g. `credentialStatus[1]`. */
  path: string;
  /** The report part's label, e.g. `revocation: https://… index 94567`. */
  label: string;
}

/** The entry's lookup, or its part when nothing need (or can) be loaded for it. */
export type EntryReading = { lookup: ListLookup } | { part: CheckPart };

const FORMATS = new Map<unknown, ListFormat>([
  ['BitstringStatusListEntry', 'BitstringStatusList'],
  ['StatusList2021Entry', 'StatusList2021'],
]);

/** Reads the status entry at `path`. */
export function readStatusEntry(entry: unknown, path: string): EntryReading {
  if (!isJsonObject(entry))
    return { part: part('status entry', 'could-not-check', entryInvalid(path, 'is not an object')) };
  const type = Array.isArray(entry.type) ? entry.type.find((t) => FORMATS.has(t)) : entry.type;
  const format = FORMATS.get(type);
  if (!format) return { part: unsupported(entry, path) };

  const purpose = entry.statusPurpose;
  if (typeof purpose !== 'string' || purpose === '')
    return { part: part(type as string, 'could-not-check', entryInvalid(`${path}.statusPurpose`, 'is missing')) };
  if (purpose !== 'revocation' && purpose !== 'suspension') {
    return {
      part: part(`${purpose} status`, 'warning', {
        code: ErrorCode.STATUS_NOT_INTERPRETED,
        detail: `The entry's purpose is "${purpose}"; microcred reads revocation and suspension only, so this status was not read and says nothing about validity here.`,
        path: `${path}.statusPurpose`,
      }),
    };
  }
  const index = indexOf(entry.statusListIndex);
  if (index === undefined)
    return {
      part: part(
        `${purpose} entry`,
        'could-not-check',
        entryInvalid(
          `${path}.statusListIndex`,
          `must be a whole number written as a string (e.g. "94567"); it is ${JSON.stringify(entry.statusListIndex)}`,
        ),
      ),
    };
  const url = entry.statusListCredential;
  if (!isUri(url))
    return {
      part: part(
        `${purpose} entry`,
        'could-not-check',
        entryInvalid(`${path}.statusListCredential`, 'must be the URL of the status list credential'),
      ),
    };
  if (entry.statusSize !== undefined && Number(entry.statusSize) !== 1) {
    return {
      part: part(
        `${purpose} entry`,
        'could-not-check',
        entryInvalid(`${path}.statusSize`, `is ${JSON.stringify(entry.statusSize)}; a ${purpose} entry is one bit`),
      ),
    };
  }
  return { lookup: { format, url, purpose, index, path, label: `${purpose}: ${url} index ${index}` } };
}

/** A part of the status check's report: passed, or another outcome with its problem (its title from the catalogue). */
export function part(label: string, outcome: 'passed'): CheckPart;
export function part(label: string, outcome: Exclude<CheckOutcome, 'passed'>, input: ProblemInput): CheckPart;
export function part(label: string, outcome: CheckOutcome, input?: ProblemInput): CheckPart {
  return input && outcome !== 'passed' ? { label, outcome, problem: problem(input) } : { label, outcome: 'passed' };
}

function unsupported(entry: Record<string, unknown>, path: string): CheckPart {
  const type = typeof entry.type === 'string' ? entry.type : JSON.stringify(entry.type ?? null);
  const at = typeof entry.id === 'string' ? ` at ${entry.id}` : '';
  // OB 3.0's own mechanism: an unsigned JSON list of revoked ids on the issuer's site.
  const why =
    type === '1EdTechRevocationList'
      ? `The credential names a 1EdTech revocation list${at}. microcred does not read these lists (unsigned JSON on the issuer's site), so whether it was revoked is unknown; look it up there.`
      : `The credential has a status entry of type ${type}${at}, which microcred does not read, so whether it was revoked or suspended is unknown.`;
  return part(type, 'could-not-check', { code: ErrorCode.STATUS_UNCHECKED, detail: why, path });
}

function entryInvalid(path: string, what: string): ProblemInput {
  return {
    code: ErrorCode.STATUS_ENTRY_INVALID,
    detail: `${path} ${what}, so the credential's status cannot be read.`,
    path,
  };
}

// The spec writes the index as a string of digits; some issuers (the 1EdTech validator's fixtures) write a number.
function indexOf(value: unknown): number | undefined {
  const index = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
  return typeof index === 'number' && Number.isSafeInteger(index) && index >= 0 ? index : undefined;
}
