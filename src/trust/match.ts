import type { TrustedIssuer } from './types.js';

/**
 * The entry of `trusted` for an issuer id, or undefined. Ids are compared exactly (a DID is a DID),
 * except that an http(s) URL matches with or without one trailing slash: `https://example.edu/issuer`
 * and `https://example.edu/issuer/` name the same issuer in practice, and only that host's owner can
 * sign as either.
 */
export function findTrustedIssuer(issuerId: string, trusted: readonly TrustedIssuer[]): TrustedIssuer | undefined {
  const wanted = comparable(issuerId);
  return trusted.find((entry) => comparable(entry.id) === wanted);
}

function comparable(id: string): string {
  return /^https?:\/\//i.test(id) ? id.replace(/\/$/, '') : id;
}
