import { ErrorCode, isMicrocredError } from '../../errors.js';
import { findTrustedIssuer } from '../../trust/match.js';
import { parseTrustList } from '../../trust/trustList.js';
import { couldNotCheck, passed, warning } from '../../verify/check.js';
import type { Ob2Check } from '../state.js';

/**
 * The badge's issuer is one the caller knows (the `trust` option), as for an OB 3.0 credential: a
 * match passes and the report names the issuer (`issuerTrust`); an issuer not on the list is a
 * warning. It runs only once the assertion is bound to that issuer (the `issuer` check passed), so
 * a badge naming a known issuer's profile is never shown under that issuer's name unless the
 * issuer's key or host vouches for it.
 */
export const ob2TrustCheck: Ob2Check = {
  id: 'trust',
  title: 'The issuer is one you know',
  fatal: false,
  appliesTo: (state) => state.ctx.options.trust !== undefined && state.ctx.options.trust !== null,
  run(state) {
    let list;
    try {
      list = parseTrustList(state.ctx.options.trust);
    } catch (error) {
      const detail = isMicrocredError(error) ? error.message : String(error);
      return couldNotCheck({
        code: ErrorCode.TRUST_LIST_INVALID,
        detail: `The trust option could not be read: ${detail}`,
      });
    }
    const issuerId = state.issuer!.id as string;
    const entry = findTrustedIssuer(issuerId, list);
    if (!entry) {
      return warning({
        code: ErrorCode.ISSUER_UNKNOWN,
        detail: `${issuerId} is not on your list of known issuers (${list.length} listed). The badge may be genuine; you just do not vouch for its issuer.`,
        path: 'badge.issuer',
      });
    }
    state.trustedIssuer = entry;
    return passed;
  },
};
