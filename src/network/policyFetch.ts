import { resolveHostAddresses } from '#runtime';
import { MicrocredError, ErrorCode } from '../errors.js';
import { ipLiteralOf, isLocalhostName, isPublicAddress } from './addresses.js';
import { readJsonBody } from './readBody.js';
import { networkError as fail, resolvePolicy, type NetworkPolicy } from './policy.js';

/** Fetches one JSON document under a {@link NetworkPolicy}; see {@link createPolicyFetch}. */
export type PolicyFetch = (url: string) => Promise<unknown>;

/**
 * Wraps a fetch function so that every request follows `policy`: https only, no private addresses,
 * a timeout over headers and body, a size cap, redirects checked hop by hop, JSON only, and a cache.
 * The function returns the parsed JSON; a refusal or failure is a {@link MicrocredError} with the URL
 * in `details.url` (ERR_NETWORK_REFUSED, ERR_NETWORK_TIMEOUT, ERR_RESPONSE_TOO_LARGE, ...).
 *
 * @example
 * const get = createPolicyFetch(globalThis.fetch, { timeoutMs: 3000 });
 * const didDocument = await get('https://pd.example.org/.well-known/did.json');
 */
export function createPolicyFetch(fetch: typeof globalThis.fetch, policy: NetworkPolicy = {}): PolicyFetch {
  const fetcher = new PolicyFetcher(fetch, policy);
  return (url) => fetcher.get(url);
}

/** What tests replace: the clock the cache reads and the resolver the address check asks. */
export interface PolicyFetcherHooks {
  now?: () => number;
  resolveHost?: (hostname: string) => Promise<string[] | undefined>;
}

// A failure is remembered briefly, so that one verification asking twice (a key, then its
// controller) does not wait twice, yet a server that comes back is tried again soon.
const FAILURE_TTL_MS = 5000;
const MAX_CACHE_ENTRIES = 500;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ACCEPT = 'application/did+json, application/did+ld+json, application/ld+json, application/json;q=0.9, */*;q=0.1';

interface CacheEntry {
  result: Promise<unknown>;
  expires: number;
}

/** The machinery behind {@link createPolicyFetch}; a DocumentLoader holds one, cache included. */
export class PolicyFetcher {
  readonly policy: Required<NetworkPolicy>;
  readonly #fetch: typeof globalThis.fetch;
  readonly #now: () => number;
  readonly #resolveHost: (hostname: string) => Promise<string[] | undefined>;
  readonly #cache = new Map<string, CacheEntry>();

  constructor(fetch: typeof globalThis.fetch, policy: NetworkPolicy = {}, hooks: PolicyFetcherHooks = {}) {
    if (typeof fetch !== 'function')
      throw new MicrocredError(ErrorCode.FIELD_INVALID, 'fetch must be a function such as globalThis.fetch.', {
        path: 'fetch',
      });
    this.policy = resolvePolicy(policy);
    this.#fetch = fetch;
    this.#now = hooks.now ?? Date.now;
    this.#resolveHost = hooks.resolveHost ?? resolveHostAddresses;
  }

  /**
   * The JSON document at `url`, from the cache while it is fresh. `timeoutMs` shortens the policy's
   * timeout for this request (a verification passes the time left before its deadline).
   */
  async get(url: string, options: { timeoutMs?: number } = {}): Promise<unknown> {
    const now = this.#now();
    const cached = this.#cache.get(url);
    if (cached && cached.expires > now) return structuredClone(await cached.result);
    const given = options.timeoutMs;
    const timeoutMs =
      typeof given === 'number' && given > 0 ? Math.min(given, this.policy.timeoutMs) : this.policy.timeoutMs;
    const entry: CacheEntry = { result: this.#fetchWithin(url, timeoutMs), expires: Number.POSITIVE_INFINITY };
    this.#remember(url, entry, now);
    entry.result.then(
      () => this.#settle(url, entry, this.policy.cacheTtlMs),
      () => this.#settle(url, entry, Math.min(this.policy.cacheTtlMs, FAILURE_TTL_MS)),
    );
    // Callers get a copy: one changing its document must not change what the next one reads.
    return structuredClone(await entry.result);
  }

  #remember(url: string, entry: CacheEntry, now: number): void {
    for (const [key, old] of this.#cache) if (old.expires <= now) this.#cache.delete(key);
    if (this.#cache.size >= MAX_CACHE_ENTRIES) this.#cache.delete(this.#cache.keys().next().value as string);
    this.#cache.set(url, entry);
  }

  // Until it settles an entry is shared by concurrent callers; then it lives for `ttl`.
  #settle(url: string, entry: CacheEntry, ttl: number): void {
    if (this.#cache.get(url) !== entry) return;
    if (ttl <= 0) this.#cache.delete(url);
    else entry.expires = this.#now() + ttl;
  }

  // One deadline for everything: address checks, every redirect hop, headers and the whole body.
  // The race also covers a fetch that ignores its abort signal.
  async #fetchWithin(url: string, timeoutMs: number): Promise<unknown> {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          fail(
            ErrorCode.NETWORK_TIMEOUT,
            `${url} did not answer in full within ${timeoutMs} ms (network.timeoutMs).`,
            url,
            { timeoutMs },
          ),
        );
        controller.abort();
      }, timeoutMs);
    });
    const work = this.#follow(url, controller.signal);
    work.catch(() => undefined); // after a timeout its own rejection is of no interest
    try {
      return await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
      controller.abort(); // releases whatever a response still holds
    }
  }

  async #follow(url: string, signal: AbortSignal): Promise<unknown> {
    const first = parseUrl(url, url);
    const describe = (hop: URL) => (hop.href === first.href ? url : `${hop.href} (redirected from ${url})`);
    let current = first;
    for (let redirects = 0; ; redirects++) {
      await this.#admit(current, url, describe(current));
      let response: Response;
      try {
        response = await this.#fetch(current.href, {
          redirect: 'manual',
          signal,
          credentials: 'omit',
          headers: { accept: ACCEPT },
        });
      } catch (error) {
        throw fail(
          ErrorCode.FETCH_FAILED,
          `${describe(current)} could not be fetched: ${(error as Error)?.message ?? String(error)}.`,
          url,
        );
      }
      // Browsers hide where a manual redirect leads, so its target could not be checked.
      if (response.type === 'opaqueredirect') {
        throw fail(
          ErrorCode.NETWORK_REFUSED,
          `${describe(current)} redirects, and this runtime hides the target, so it cannot be checked against the network policy. Use the final URL or supply the document.`,
          url,
        );
      }
      if (REDIRECTS.has(response.status)) {
        discard(response);
        const location = response.headers.get('location');
        if (!location)
          throw fail(
            ErrorCode.FETCH_FAILED,
            `${describe(current)} answered ${response.status} without a Location header.`,
            url,
          );
        if (redirects >= this.policy.maxRedirects) {
          throw fail(
            ErrorCode.TOO_MANY_REDIRECTS,
            `${url} redirected more than ${this.policy.maxRedirects} times (network.maxRedirects); the last hop pointed to ${location}.`,
            url,
          );
        }
        current = parseUrl(location, url, current);
        continue;
      }
      if (!response.ok) {
        discard(response);
        throw fail(
          ErrorCode.FETCH_FAILED,
          `${describe(current)} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`,
          url,
          { status: response.status },
        );
      }
      return readJsonBody(response, { url, where: describe(current), maxBytes: this.policy.maxBytes, signal });
    }
  }

  /** Refuses a URL the policy does not allow, before anything is sent to it. */
  async #admit(target: URL, url: string, where: string): Promise<void> {
    if (target.protocol !== 'https:' && target.protocol !== 'http:') {
      throw fail(ErrorCode.NETWORK_REFUSED, `${where} is not an https URL; microcred fetches only https.`, url);
    }
    if (target.protocol === 'http:' && this.policy.httpsOnly) {
      throw fail(
        ErrorCode.NETWORK_REFUSED,
        `${where} uses plain http, which the network policy refuses (network.httpsOnly).`,
        url,
      );
    }
    if (target.username || target.password)
      throw fail(ErrorCode.NETWORK_REFUSED, `${where} carries a user name or password; such URLs are refused.`, url);
    if (this.policy.allowPrivateAddresses) return;
    const host = target.hostname;
    const literal = ipLiteralOf(host);
    if (literal !== undefined) {
      if (!isPublicAddress(literal)) throw privateAddress(where, url, literal);
      return;
    }
    if (isLocalhostName(host)) throw privateAddress(where, url, host);
    let addresses: string[] | undefined;
    try {
      addresses = await this.#resolveHost(host);
    } catch (error) {
      throw fail(
        ErrorCode.FETCH_FAILED,
        `${where}: the host name ${host} could not be resolved (${(error as { code?: string })?.code ?? (error as Error)?.message}).`,
        url,
      );
    }
    // Every address counts: fetch may connect to any of them.
    const inside = addresses?.find((address) => !isPublicAddress(address));
    if (inside !== undefined) throw privateAddress(where, url, `${host} (${inside})`);
  }
}

function privateAddress(where: string, url: string, address: string): MicrocredError {
  return fail(
    ErrorCode.NETWORK_REFUSED,
    `${where} points to ${address}, a private, loopback or link-local address, which the network policy refuses (network.allowPrivateAddresses).`,
    url,
  );
}

function parseUrl(text: string, url: string, base?: URL): URL {
  try {
    return new URL(text, base);
  } catch {
    throw fail(
      ErrorCode.NETWORK_REFUSED,
      base ? `${url} redirects to ${text}, which is not a valid URL.` : `${text} is not a valid URL.`,
      url,
    );
  }
}

function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}
