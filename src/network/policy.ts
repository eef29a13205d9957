/**
 * The rules every request microcred makes must follow. microcred only ever uses the network through
 * a fetch function the caller passes; this policy bounds what that fetch may be asked to do.
 */
export interface NetworkPolicy {
  /** Refuse plain http (default true). */
  httpsOnly?: boolean;
  /** Give up on a request after this many milliseconds, headers and body together (default 5000). */
  timeoutMs?: number;
  /** Refuse a response body larger than this many bytes (default 1 MiB). */
  maxBytes?: number;
  /** Keep a fetched document this many milliseconds (default 300000; 0 turns caching off). */
  cacheTtlMs?: number;
  /** Allow private, link-local and loopback addresses (default false). */
  allowPrivateAddresses?: boolean;
  /** Follow at most this many redirects, each checked against this policy (default 3). */
  maxRedirects?: number;
}
