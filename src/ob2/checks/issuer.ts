import { ErrorCode } from '../../errors.js';
import { isJsonObject } from '../../jsonPath.js';
import { failed, passed, type Verdict } from '../../verify/check.js';
import { idOf, stringsOf } from '../fields.js';
import type { Ob2Check, Ob2State } from '../state.js';

/**
 * The assertion is bound to the issuer of its badge class. Signed: the key that verified it is
 * owned by the issuer (its `owner`, or the issuer profile listing it under `publicKey`). Hosted:
 * its `id` is where the issuer allows assertions to be hosted: under one of the profile's
 * `verification.startsWith` prefixes, on one of its `verification.allowedOrigins`, or, when it
 * states neither, on the host of the issuer's own `id` (§VerificationObject).
 */
export const ob2IssuerCheck: Ob2Check = {
  id: 'issuer',
  title: 'The assertion is bound to its issuer',
  fatal: true,
  authenticity: true,
  run(state) {
    return state.verification === 'signed' ? keyOwned(state) : hostedWhereAllowed(state);
  },
};

function keyOwned(state: Ob2State): Verdict {
  const key = state.key!;
  const issuer = state.issuer!;
  const issuerId = issuer.id as string;
  const listed = [issuer.publicKey].flat().map(idOf).includes(key.id);
  if (key.owner === issuerId || (key.owner === undefined && listed)) return passed;
  return failed({
    code: ErrorCode.OB2_KEY_NOT_OWNED,
    detail:
      key.owner === undefined
        ? `The key ${key.id} names no "owner", and the issuer ${issuerId} does not list it under "publicKey": nothing ties it to the issuer.`
        : `The key ${key.id} is owned by ${key.owner}, but the badge's issuer is ${issuerId}: whoever holds that key cannot issue this issuer's badges.`,
    path: 'verification.creator',
  });
}

function hostedWhereAllowed(state: Ob2State): Verdict {
  const id = state.assertion!.id as string;
  const issuerId = state.issuer!.id as string;
  const policy = isJsonObject(state.issuer!.verification) ? state.issuer!.verification : {};
  const startsWith = stringsOf(policy.startsWith);
  const origins = stringsOf(policy.allowedOrigins);
  const host = hostOf(id);
  let allowed: boolean;
  let rule: string;
  if (startsWith.length > 0) {
    allowed = startsWith.some((prefix) => id.startsWith(prefix));
    rule = `its issuer allows hosted assertions only under ${startsWith.join(', ')} (verification.startsWith)`;
  } else if (origins.length > 0) {
    allowed = host !== undefined && origins.some((origin) => origin.toLowerCase() === host);
    rule = `its issuer allows hosted assertions only on ${origins.join(', ')} (verification.allowedOrigins)`;
  } else {
    const issuerHost = hostOf(issuerId);
    allowed = host !== undefined && host === issuerHost;
    rule = `its issuer states no verification policy, so it must be on the issuer's own host (${issuerHost ?? issuerId})`;
  }
  if (allowed) return passed;
  return failed({
    code: ErrorCode.OB2_ORIGIN_NOT_ALLOWED,
    detail: `The assertion is hosted at ${id}, but ${rule}: anyone can host a copy elsewhere.`,
    path: 'id',
  });
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}
