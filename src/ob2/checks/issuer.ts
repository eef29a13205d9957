import { ErrorCode } from '../../errors.js';
import { isJsonObject } from '../../jsonPath.js';
import { failed, passed, type Verdict } from '../../verify/check.js';
import { idOf, stringsOf } from '../fields.js';
import type { Ob2Check, Ob2State } from '../state.js';

/**
 * The assertion is bound to the issuer of its badge class. Hosted: its `id` is where the issuer
 * allows assertions to be hosted (§VerificationObject): under one of the profile's
 * `verification.startsWith` prefixes, on one of its `verification.allowedOrigins`, or, when it
 * states neither, on the host of the issuer's own `id`. Signed: the key that verified it names the
 * issuer as its `owner` (when it names one), and the issuer vouches for it: the profile lists it
 * under `publicKey`, or it is published where the same policy allows. A key document's `owner`
 * alone proves nothing: anyone can publish a key that claims any owner.
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
  const at = { path: 'verification.creator' };
  if (key.owner !== undefined && key.owner !== issuerId) {
    return failed({
      code: ErrorCode.OB2_KEY_NOT_OWNED,
      detail: `The key ${key.id} is owned by ${key.owner}, but the badge's issuer is ${issuerId}: whoever holds that key cannot issue this issuer's badges.`,
      ...at,
    });
  }
  if (key.listed || [issuer.publicKey].flat().map(idOf).includes(key.id)) return passed;
  const where = allowedPlace(key.id, issuer);
  if (where.allowed && key.owner !== undefined) return passed;
  return failed({
    code: ErrorCode.OB2_KEY_NOT_OWNED,
    detail:
      key.owner === undefined
        ? `The key ${key.id} names no "owner", and the issuer ${issuerId} does not list it under "publicKey": nothing ties it to the issuer.`
        : `The key ${key.id} says it is owned by ${issuerId}, but the issuer does not list it under "publicKey", and ${where.rule}: a key document can claim any owner.`,
    ...at,
  });
}

function hostedWhereAllowed(state: Ob2State): Verdict {
  const id = state.assertion!.id as string;
  const where = allowedPlace(id, state.issuer!);
  if (where.allowed) return passed;
  return failed({
    code: ErrorCode.OB2_ORIGIN_NOT_ALLOWED,
    detail: `The assertion is hosted at ${id}, but ${where.rule}: anyone can host a copy elsewhere.`,
    path: 'id',
  });
}

/** Whether `url` is where the issuer's verification policy allows its documents, and the rule applied (for messages). */
function allowedPlace(url: string, issuer: Record<string, unknown>): { allowed: boolean; rule: string } {
  const policy = isJsonObject(issuer.verification) ? issuer.verification : {};
  const startsWith = stringsOf(policy.startsWith);
  const origins = stringsOf(policy.allowedOrigins);
  const host = hostOf(url);
  if (startsWith.length > 0) {
    return {
      allowed: startsWith.some((prefix) => url.startsWith(prefix)),
      rule: `its issuer allows only URLs under ${startsWith.join(', ')} (verification.startsWith)`,
    };
  }
  if (origins.length > 0) {
    return {
      allowed: host !== undefined && origins.some((origin) => origin.toLowerCase() === host),
      rule: `its issuer allows only ${origins.join(', ')} (verification.allowedOrigins)`,
    };
  }
  const issuerHost = hostOf(issuer.id as string);
  return {
    allowed: host !== undefined && host === issuerHost,
    rule: `${url} is not on the issuer's own host (${issuerHost ?? String(issuer.id)}), the only place allowed when the issuer states no verification policy`,
  };
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}
