import { MicrocredError, ErrorCode } from '../errors.js';
import { parseDateTimeZ } from '../dates.js';

/** When a key is checked: the verification's moment and the clock skew it allows. */
export interface KeyCheckTime {
  now: Date;
  clockSkewSeconds: number;
}

/**
 * Throws when the verification method `method` (as its DID or controller document publishes it) is
 * no longer in force at `at`: `revoked` (Controlled Identifiers §2.2.1: any value means it is) is
 * `ERR_KEY_INVALID`; `expires` more than the clock skew before `now` is `ERR_KEY_EXPIRED`, and an
 * `expires` that is not a date-time with a timezone is `ERR_KEY_INVALID`. `id` names the key in messages.
 *
 * @example
 * assertKeyInForce(method, 'did:web:pd.example.org#key-1', { now: new Date(), clockSkewSeconds: 300 });
 */
export function assertKeyInForce(method: Record<string, unknown>, id: string, at: KeyCheckTime): void {
  assertNotRevoked(method, id);
  if (method.expires === undefined) return;
  const expires = parseDateTimeZ(method.expires);
  if (expires === undefined) {
    throw new MicrocredError(
      ErrorCode.KEY_INVALID,
      `The key ${id} has an unreadable expires (${JSON.stringify(method.expires).slice(0, 80)}), so no one can tell whether it is still in force.`,
      { url: id },
    );
  }
  if (expires < at.now.getTime() - at.clockSkewSeconds * 1000) {
    throw new MicrocredError(
      ErrorCode.KEY_EXPIRED,
      `The key ${id} expired at ${method.expires as string} (its controller says so); it is checked at ${at.now.toISOString()}, so it no longer verifies anything.`,
      { url: id },
    );
  }
}

/** Throws `ERR_KEY_INVALID` when `method` says it was `revoked` (any value means it was), whenever that was. */
export function assertNotRevoked(method: Record<string, unknown>, id: string): void {
  if (method.revoked !== undefined) {
    throw new MicrocredError(
      ErrorCode.KEY_INVALID,
      `The key ${id} was revoked (${JSON.stringify(method.revoked).slice(0, 80)}) by its controller; it no longer verifies anything.`,
      { url: id },
    );
  }
}
