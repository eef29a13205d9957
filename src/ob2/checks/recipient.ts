import { sha256 } from '#runtime';
import { ErrorCode } from '../../errors.js';
import { toHex, utf8 } from '../../encoding.js';
import { normalizeEmail } from '../../identity/hash.js';
import { couldNotCheck, failed, passed } from '../../verify/check.js';
import type { Ob2Check } from '../state.js';

/**
 * The badge was awarded to the recipient the caller names (the `recipient` option: an email
 * address, URL or telephone number). A hashed identity (§IdentityHash) is `sha256$` and the hex
 * SHA-256 of the identifier followed by the `salt`; an email address is also tried lower-cased,
 * as issuers differ. `md5$` hashes, which the spec allows, cannot be computed in every runtime
 * microcred supports (WebCrypto has no MD5): could-not-check, never "someone else".
 */
export const ob2RecipientCheck: Ob2Check = {
  id: 'recipient',
  title: 'The badge was awarded to the recipient named',
  fatal: false,
  appliesTo: (state) => state.ctx.options.recipient !== undefined,
  async run(state) {
    const given = state.ctx.options.recipient!;
    const recipient = state.assertion!.recipient as Record<string, unknown>;
    const identity = recipient.identity as string;
    const isEmail = recipient.type === 'email';
    const candidates = [...new Set(isEmail ? [given.trim(), normalizeEmail(given)] : [given.trim()])];
    const what = `${recipient.hashed === true ? 'hashed ' : ''}${typeof recipient.type === 'string' ? recipient.type : 'identity'}`;
    if (recipient.hashed !== true) {
      const same = isEmail ? normalizeEmail(identity) === normalizeEmail(given) : identity === given.trim();
      return same ? passed : mismatch(what);
    }
    const at = identity.indexOf('$');
    const algorithm = at < 0 ? '' : identity.slice(0, at).toLowerCase();
    const hex = identity.slice(at + 1).toLowerCase();
    if (algorithm !== 'sha256' || !/^[0-9a-f]{64}$/.test(hex)) {
      return couldNotCheck({
        code: ErrorCode.OB2_RECIPIENT_UNCHECKED,
        detail: `The recipient is hashed as ${JSON.stringify(identity.slice(0, Math.max(at, 0)) || identity.slice(0, 12))}; microcred compares sha256 hashes only, so whether it is the recipient named is unknown.`,
        path: 'recipient.identity',
      });
    }
    const salt = typeof recipient.salt === 'string' ? recipient.salt : '';
    for (const candidate of candidates) {
      if (toHex(await sha256(utf8(candidate + salt))) === hex) return passed;
    }
    return mismatch(what);
  },
};

function mismatch(what: string) {
  return failed({
    code: ErrorCode.OB2_RECIPIENT_MISMATCH,
    detail: `The assertion's recipient (${what}) is not the recipient named: this badge was awarded to someone else.`,
    path: 'recipient.identity',
  });
}
