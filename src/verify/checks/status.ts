import { ErrorCode } from '../../errors.js';
import { isAuthentic } from '../authenticity.js';
import { couldNotCheck, standardProblem, type Check, type ProblemInput, type Verdict } from '../check.js';
import type { VerifyLimits } from '../limits.js';
import { issuerIdOf } from '../issuerId.js';
import type { ListReading } from '../readStatusList.js';
import type { CheckPart, Problem } from '../report.js';
import { part, readStatusEntry, type ListLookup } from '../statusEntry.js';

/**
 * How deep status is followed: the credential's lists (read at depth 1) have their own status read,
 * so a revoked or suspended list is refused; the lists those name (depth 2) are verified, but their
 * status is not followed further. Bounds the work a chain (or a cycle) of lists can cause.
 */
const DEEPEST_STATUS_READ = 1;

/**
 * Revocation and suspension: each `credentialStatus` entry is one part of this check. A Bitstring
 * Status List (or StatusList2021) entry is read from its list credential, which must be the list
 * at the entry's URL, verify, be in force and be the credential issuer's own. A list that was not
 * read, did not verify or is too short is "could not check", never "not revoked" (other verifiers'
 * users were misled by that).
 *
 * Nothing is loaded unless the proof holds and binds the credential to its issuer: an unsigned or
 * forged credential must not make the verifier fetch. At most `limits.maxStatusEntries` entries
 * and `limits.maxStatusLists` distinct lists are read, one list at a time: each is loaded, every
 * entry on it answered, and it is dropped before the next is loaded.
 */
export const statusCheck: Check = {
  id: 'status',
  title: 'It has not been revoked or suspended',
  fatal: false,
  appliesTo: (ctx) => ctx.depth <= DEEPEST_STATUS_READ,
  async run(ctx) {
    // The entries as signed (the view), whichever way the JSON writes them.
    const entries = ctx.view?.status ?? [];
    if (entries.length === 0) return { outcome: 'passed' };
    if (!isAuthentic(ctx.results, ctx.checks)) return couldNotCheck(notBound());
    const limits = ctx.options.limits;
    const read = entries.slice(0, limits.maxStatusEntries);
    const parts: CheckPart[] = new Array(read.length);

    // Entry i's lookup, grouped by list in the order lists are first named.
    const lists = new Map<string, [number, ListLookup][]>();
    for (const [i, entry] of read.entries()) {
      const { path, types, ...fields } = entry;
      const reading = readStatusEntry({ ...fields, type: types.length === 1 ? types[0] : types }, path);
      if ('part' in reading) parts[i] = reading.part;
      else {
        const key = `${reading.lookup.format} ${reading.lookup.url}`;
        lists.set(key, [...(lists.get(key) ?? []), [i, reading.lookup]]);
      }
    }
    const issuerId = issuerIdOf(ctx);
    let listsRead = 0;
    for (const lookups of lists.values()) {
      if (listsRead >= limits.maxStatusLists) {
        for (const [i, lookup] of lookups)
          parts[i] = part(lookup.label, 'could-not-check', tooManyLists(lookup, limits));
        continue;
      }
      listsRead++;
      const [, first] = lookups[0] as [number, ListLookup];
      // The list reader (and the bitstring libraries behind it) loads with the first list read.
      const { readStatusList } = await import('../readStatusList.js');
      // Block-scoped: the decoded list is garbage once its entries are answered.
      const reading = await readStatusList(ctx, first.url, first.format, issuerId);
      for (const [i, lookup] of lookups) parts[i] = answer(reading, lookup);
    }
    if (entries.length > read.length) parts.push(tooManyEntries(entries.length, limits));
    return combine(parts);
  },
};

/** The part of one entry, from the reading of its list. */
function answer(reading: ListReading, { label, url, purpose, index, path }: ListLookup): CheckPart {
  if (!reading.ok) return part(label, 'could-not-check', { ...reading.problem, path: `${path}.statusListCredential` });
  if (!reading.purposes.includes(purpose)) {
    return part(label, 'could-not-check', {
      code: ErrorCode.STATUS_PURPOSE_MISMATCH,
      detail: `The entry is for ${purpose}, but the list ${url} is a ${reading.purposes.join(', ') || 'list of no stated purpose'} list, so it does not say whether the credential is ${purpose === 'revocation' ? 'revoked' : 'suspended'}.`,
      path: `${path}.statusPurpose`,
    });
  }
  if (index >= reading.list.length) {
    return part(label, 'could-not-check', {
      code: ErrorCode.STATUS_INDEX_OUT_OF_RANGE,
      detail: `The entry points at index ${index}, but the list ${url} has ${reading.list.length} entries, so the credential's status is unknown.`,
      path: `${path}.statusListIndex`,
    });
  }
  if (!reading.list.getStatus(index)) return part(label, 'passed');
  return part(
    label,
    'failed',
    standardProblem(purpose === 'revocation' ? ErrorCode.REVOKED : ErrorCode.SUSPENDED, { index, list: url }, path),
  );
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

function notBound(): ProblemInput {
  return {
    code: ErrorCode.STATUS_UNCHECKED,
    detail:
      "The credential's status was not read, and no status list was loaded, because its proof does not show that its issuer signed it (see the checks above). Only a list of the issuer who signed could say whether it was revoked or suspended.",
    path: 'credentialStatus',
  };
}

function tooManyEntries(count: number, limits: VerifyLimits): CheckPart {
  const from = limits.maxStatusEntries;
  return part(`credentialStatus[${from}] to [${count - 1}]`, 'could-not-check', {
    code: ErrorCode.STATUS_TOO_MANY_ENTRIES,
    detail: `The credential has ${count} status entries; the first ${from} were read (limits.maxStatusEntries) and the other ${count - from} were not, so whether it was revoked or suspended by them is unknown. Real credentials carry one or two.`,
    path: `credentialStatus[${from}]`,
  });
}

function tooManyLists({ url, path }: ListLookup, limits: VerifyLimits): ProblemInput {
  return {
    code: ErrorCode.STATUS_TOO_MANY_LISTS,
    detail: `The entry names the status list ${url}, but ${limits.maxStatusLists} other lists were read for this credential already (limits.maxStatusLists), so this one was not loaded and what it says is unknown.`,
    path: `${path}.statusListCredential`,
  };
}
