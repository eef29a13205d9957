import { MicrocredError, ErrorCode } from '../errors.js';

/**
 * The rules every request microcred makes must follow. microcred only ever uses the network through
 * a fetch function the caller passes; this policy bounds what that fetch may be asked to do.
 *
 * @example
 * await verifyCredential(vc, { fetch: globalThis.fetch, network: { timeoutMs: 3000 } });
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
  /**
   * Allow private, link-local and loopback addresses (default false). An IP-literal host is always
   * checked. A host name is resolved first (all its addresses) in Node; a browser cannot resolve
   * names, so there the check covers IP literals and `localhost` only and the rest is left to the
   * browser (its Private Network Access rules and CORS).
   */
  allowPrivateAddresses?: boolean;
  /** Follow at most this many redirects, each checked against this policy (default 3). */
  maxRedirects?: number;
}

/** The policy used for whatever a {@link NetworkPolicy} leaves out. */
export const DEFAULT_NETWORK_POLICY: Readonly<Required<NetworkPolicy>> = Object.freeze({
  httpsOnly: true,
  timeoutMs: 5000,
  maxBytes: 1024 * 1024,
  cacheTtlMs: 300_000,
  allowPrivateAddresses: false,
  maxRedirects: 3,
});

const NUMBERS = ['timeoutMs', 'maxBytes', 'cacheTtlMs', 'maxRedirects'] as const;
const BOOLEANS = ['httpsOnly', 'allowPrivateAddresses'] as const;

/** `policy` with every default filled in; a value of the wrong kind is ERR_FIELD_INVALID at `network.<name>`. */
export function resolvePolicy(policy: NetworkPolicy | undefined): Required<NetworkPolicy> {
  const given = (policy ?? {}) as Record<string, unknown>;
  if (typeof given !== 'object')
    throw new MicrocredError(ErrorCode.FIELD_INVALID, 'The network policy must be an object.', { path: 'network' });
  for (const name of NUMBERS) {
    const value = given[name];
    const positive = name === 'timeoutMs' || name === 'maxBytes';
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < (positive ? 1 : 0))) {
      throw new MicrocredError(
        ErrorCode.FIELD_INVALID,
        `network.${name} must be a number${positive ? ' above 0' : ', 0 or more'}; it is ${JSON.stringify(value)}.`,
        { path: `network.${name}` },
      );
    }
  }
  for (const name of BOOLEANS) {
    if (given[name] !== undefined && typeof given[name] !== 'boolean') {
      throw new MicrocredError(
        ErrorCode.FIELD_INVALID,
        `network.${name} must be true or false; it is ${JSON.stringify(given[name])}.`,
        { path: `network.${name}` },
      );
    }
  }
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_NETWORK_POLICY, ...defined } as Required<NetworkPolicy>;
}

/** The codes a refused or failed request carries: what a check reports as could-not-check, never as a verdict. */
export const NETWORK_ERROR_CODES: readonly ErrorCode[] = [
  ErrorCode.NETWORK_DISABLED,
  ErrorCode.NETWORK_REFUSED,
  ErrorCode.NETWORK_TIMEOUT,
  ErrorCode.FETCH_FAILED,
  ErrorCode.TOO_MANY_REDIRECTS,
  ErrorCode.RESPONSE_TOO_LARGE,
  ErrorCode.CONTENT_TYPE_REFUSED,
  ErrorCode.RESPONSE_NOT_JSON,
  ErrorCode.DID_DOCUMENT_MISMATCH,
  ErrorCode.VERIFY_TIMEOUT,
];

/** A network error naming the URL that was asked for (in `details.url`). */
export function networkError(
  code: ErrorCode,
  message: string,
  url: string,
  extra: Record<string, unknown> = {},
): MicrocredError {
  return new MicrocredError(code, message, { url, ...extra });
}
