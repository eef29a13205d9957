import { ErrorCode } from '../../errors.js';
import { isJsonObject, joinPath } from '../../jsonPath.js';
import { couldNotCheck, failed, passed } from '../../verify/check.js';
import { loadDocument } from '../documents.js';
import type { Ob2Check } from '../state.js';

/**
 * A hosted assertion (§HostedBadge): the issuer publishes it at its `id`, and that copy is the
 * source of truth. It is read through the caller's documents or fetch and must be the assertion
 * given, member for member (but `revoked` and `revocationReason`, which the issuer's copy gains
 * when it revokes the badge: those are taken from it for the status check); without a way to read
 * it, could-not-check names the URL.
 */
export const ob2HostedCheck: Ob2Check = {
  id: 'hosted',
  title: 'The issuer hosts this assertion, as given',
  fatal: true,
  authenticity: true,
  appliesTo: (state) => state.verification === 'hosted',
  async run(state) {
    const assertion = state.assertion!;
    const id = assertion.id as string;
    if (state.fetchedFrom === id) return passed;
    const loaded = await loadDocument(state, id, "The issuer's copy of the assertion", 'id');
    if ('problem' in loaded) return loaded.unreachable ? couldNotCheck(loaded.problem) : failed(loaded.problem);
    const hosted = loaded.document;
    // The issuer's copy is the current one: a badge revoked since it was handed out says so there
    // (revoked, revocationReason), and the status check reports that rather than "differs".
    const difference = firstDifference(withoutRevocation(assertion), withoutRevocation(hosted), '');
    if (difference === undefined) {
      for (const name of REVOCATION) {
        if (Object.hasOwn(hosted, name)) assertion[name] = hosted[name];
        else delete assertion[name];
      }
      return passed;
    }
    return failed({
      code: ErrorCode.OB2_HOSTED_MISMATCH,
      detail: `The assertion published at ${id} differs from the one given${difference ? ` at ${difference}` : ''}: the one given was changed, or the issuer changed or withdrew it.`,
      ...(difference ? { path: difference } : {}),
    });
  },
};

const REVOCATION = ['revoked', 'revocationReason'] as const;

function withoutRevocation(assertion: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...assertion };
  for (const name of REVOCATION) delete rest[name];
  return rest;
}

/** The JSON path of the first value that differs between `a` and `b` ('' for the roots), or undefined when equal. */
function firstDifference(a: unknown, b: unknown, path: string): string | undefined {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return path;
    for (let i = 0; i < a.length; i++) {
      const found = firstDifference(a[i], b[i], joinPath(path, i));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!Object.hasOwn(a, key) || !Object.hasOwn(b, key)) return joinPath(path, key);
      const found = firstDifference(a[key], b[key], joinPath(path, key));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return a === b ? undefined : path;
}
