import { ErrorCode } from '../../errors.js';
import { isJsonObject } from '../../jsonPath.js';
import { couldNotCheck, failed, passed, type Verdict } from '../../verify/check.js';
import { embeddedOrLoaded } from '../documents.js';
import { hasType } from '../fields.js';
import type { Ob2Check, Ob2State } from '../state.js';

/**
 * The assertion has not been revoked: it does not say `revoked: true` (a hosted assertion's
 * current copy does when its issuer revoked it), and the issuer's `revocationList`, when the
 * profile names one, does not list it (by `id`, or by `uid` for older assertions). A list that
 * cannot be read is could-not-check with its URL, never "not revoked".
 */
export const ob2StatusCheck: Ob2Check = {
  id: 'status',
  title: 'The assertion has not been revoked',
  fatal: false,
  async run(state) {
    const a = state.assertion!;
    if (a.revoked === true)
      return revoked(a.revocationReason, 'The assertion says it was revoked (revoked: true)', 'revoked');
    const ref = state.issuer!.revocationList;
    if (ref === undefined) return passed;
    const loaded = await embeddedOrLoaded(state, ref, "The issuer's revocation list", 'badge.issuer.revocationList');
    if ('problem' in loaded) return loaded.unreachable ? couldNotCheck(loaded.problem) : failed(loaded.problem);
    return listed(state, loaded.document, typeof ref === 'string' ? ref : undefined);
  },
};

function listed(state: Ob2State, list: Record<string, unknown>, url: string | undefined): Verdict {
  const where = url ? ` at ${url}` : '';
  const entries = list.revokedAssertions;
  if (!hasType(list, 'RevocationList') || (entries !== undefined && !Array.isArray(entries))) {
    return couldNotCheck({
      code: ErrorCode.OB2_DOCUMENT_INVALID,
      detail: `The issuer's revocation list${where} is not a RevocationList with a "revokedAssertions" list, so whether the assertion was revoked is unknown.`,
      path: 'badge.issuer.revocationList',
    });
  }
  const { id, uid } = state.assertion!;
  for (const entry of (entries as unknown[] | undefined) ?? []) {
    const hit = isJsonObject(entry)
      ? (entry.id !== undefined && entry.id === id) || (entry.uid !== undefined && entry.uid === uid)
      : entry === id;
    if (hit) {
      const reason = isJsonObject(entry) ? entry.revocationReason : undefined;
      return revoked(reason, `The issuer's revocation list${where} lists this assertion`, 'id');
    }
  }
  return passed;
}

function revoked(reason: unknown, what: string, path: string): Verdict {
  return failed({
    code: ErrorCode.REVOKED,
    detail: `${what}${typeof reason === 'string' && reason ? `, for this reason: "${reason}"` : ''}. Its issuer withdrew it.`,
    path,
  });
}
