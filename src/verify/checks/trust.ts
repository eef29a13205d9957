import { ErrorCode, isMicrocredError } from '../../errors.js';
import { findTrustedIssuer } from '../../trust/match.js';
import { parseTrustList } from '../../trust/trustList.js';
import { couldNotCheck, passed, standardProblem, warning, type Check, type Verdict } from '../check.js';
import { issuerPath } from '../view/view.js';
import { issuerIdOf, ownerOf } from '../issuerId.js';

/**
 * The issuer is one the caller knows (the `trust` option). A match passes and the report names the
 * issuer (`issuerTrust`); an issuer not on the list is a warning, never a failure: an unknown issuer
 * may be perfectly genuine, it is just not one the caller vouches for. The check appears only when
 * the caller passed a list.
 *
 * A listed issuer counts only when the signature binds it: a credential naming a known issuer but
 * signed by another key must not be shown under that issuer's name.
 */
export const trustCheck: Check = {
  id: 'trust',
  title: 'The issuer is one you know',
  fatal: false,
  appliesTo: (ctx) => ctx.options.trust !== undefined && ctx.options.trust !== null,
  run(ctx) {
    let list;
    try {
      list = parseTrustList(ctx.options.trust);
    } catch (error) {
      const detail = isMicrocredError(error) ? error.message : String(error);
      return couldNotCheck({
        code: ErrorCode.TRUST_LIST_INVALID,
        detail: `The trust option could not be read: ${detail}`,
      });
    }
    const issuerId = issuerIdOf(ctx);
    const path = issuerPath(ctx.credential);
    if (issuerId === undefined)
      return unknown('The credential names no issuer, so it cannot be matched against the issuers you know.', 'issuer');
    const entry = findTrustedIssuer(issuerId, list);
    if (!entry)
      return warning(standardProblem(ErrorCode.ISSUER_UNKNOWN, { issuer: issuerId, count: list.length }, path));
    const signedBy = ctx.signer && ownerOf(ctx.signer);
    if (signedBy !== issuerId) {
      return unknown(
        `${issuerId} (${entry.name}) is on your list, but the credential was not shown to be signed by it, so it is not treated as that issuer's.`,
        path,
      );
    }
    ctx.trustedIssuer = entry;
    return passed;
  },
};

function unknown(detail: string, path: string): Verdict {
  return warning({ code: ErrorCode.ISSUER_UNKNOWN, detail, path });
}
