// Which network origins the element may reach. microcred uses the network only through the fetch it
// is given; the element gives it one that refuses every origin the host page did not list, so a
// credential cannot make a visitor's browser call an address of the credential's choosing.
import { MicrocredError, ErrorCode, type NetworkPolicy } from '../index.js';
import { ipLiteralOf, isLocalhostName, isPublicAddress } from '../network/addresses.js';
import { TEXT } from './text.js';

/**
 * The origins of a space- or comma-separated list (`https://pd.example.org http://127.0.0.1:8080`),
 * normalised (`https://PD.example.org:443/x` → `https://pd.example.org`). Entries that are not
 * http(s) URLs are left out.
 */
export function parseOrigins(list: string | readonly string[] | null | undefined): string[] {
  const entries = typeof list === 'string' ? list.split(/[\s,]+/) : [...(list ?? [])];
  const origins = new Set<string>();
  for (const entry of entries) {
    const origin = originOf(entry.trim());
    if (origin) origins.add(origin);
  }
  return [...origins];
}

function originOf(text: string): string | undefined {
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `fetch` limited to `allowed` origins: any other request (a redirect hop included, since the
 * network policy asks for each hop itself) is refused with ERR_NETWORK_REFUSED before it is made.
 */
export function fetchWithin(fetch: typeof globalThis.fetch, allowed: readonly string[]): typeof globalThis.fetch {
  const origins = new Set(allowed);
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const origin = originOf(url);
    if (!origin || !origins.has(origin)) {
      return Promise.reject(
        new MicrocredError(ErrorCode.NETWORK_REFUSED, TEXT.originNotAllowed(origin ?? url), { url }),
      );
    }
    return fetch(input, init);
  };
}

/**
 * The network policy for `allowed` origins on top of the host's `base` policy: plain http and
 * private addresses are permitted only when the host listed such an origin itself (a school's
 * intranet status server, a test on 127.0.0.1); the origin list still bounds every request.
 */
export function policyFor(allowed: readonly string[], base: NetworkPolicy = {}): NetworkPolicy {
  const hosts = allowed.map((origin) => new URL(origin));
  const plainHttp = hosts.some((url) => url.protocol === 'http:');
  const privateHost = hosts.some((url) => {
    const literal = ipLiteralOf(url.hostname);
    return isLocalhostName(url.hostname) || (literal !== undefined && !isPublicAddress(literal));
  });
  return {
    ...base,
    ...(plainHttp ? { httpsOnly: false } : {}),
    ...(privateHost ? { allowPrivateAddresses: true } : {}),
  };
}
