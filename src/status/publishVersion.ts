import { MicrocredError, ErrorCode } from '../errors.js';
import { fromBase64Url, toBase64Url } from '../encoding.js';

/**
 * A publish version token: which version of each list was signed, as `v1.` + base64url(JSON of
 * `[listId, version][]`). Per-list versions rather than one store-wide counter, because every store
 * already bumps a list's version in the same atomic change as its bits; a store-wide counter read
 * while another writer's change is uncommitted could skip that change.
 */
export function versionToken(lists: readonly { id: string; version: number }[]): string {
  const pairs = lists.map(({ id, version }) => [id, version]);
  return `v1.${toBase64Url(new TextEncoder().encode(JSON.stringify(pairs)))}`;
}

/** Reads a token from {@link versionToken}; `undefined` (no token) means every list is new. */
export function readVersionToken(token: string | undefined): Map<string, number> {
  if (token === undefined) return new Map();
  const fail = () =>
    new MicrocredError(
      ErrorCode.FIELD_INVALID,
      `since must be a version returned by publishChanges, not ${JSON.stringify(token).slice(0, 80)}.`,
      { path: 'since' },
    );
  if (typeof token !== 'string' || !token.startsWith('v1.')) throw fail();
  let pairs: unknown;
  try {
    pairs = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(token.slice(3))));
  } catch {
    throw fail();
  }
  if (
    !Array.isArray(pairs) ||
    !pairs.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && Number.isSafeInteger(p[1]))
  )
    throw fail();
  return new Map(pairs as [string, number][]);
}

/** True when `list` is new or its version differs from the one `since` recorded. */
export function changedSince(since: Map<string, number>, list: { id: string; version: number }): boolean {
  return since.get(list.id) !== list.version;
}
