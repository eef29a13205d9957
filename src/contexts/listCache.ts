// Status list credentials a verifier has already verified, kept by the DocumentLoader it holds, so
// that checking many credentials against the same list verifies the list once per time-to-live,
// not once per credential. Bounded in entries and bytes; the oldest entry goes first.

/** How a {@link DocumentLoader} keeps verified status lists (its `statusListCache` option). */
export interface StatusListCacheOptions {
  /** How long a verified list is used before it is loaded and verified again, in ms (default 5 minutes). */
  ttlMs?: number;
  /** At most this many lists are kept (default 64). */
  maxEntries?: number;
  /** At most this many bytes of decoded lists are kept (default 32 MiB); a larger list is not kept. */
  maxBytes?: number;
  /** The clock the time-to-live is measured on (default: the system clock). For tests. */
  clock?: () => Date;
}

/** The defaults of {@link StatusListCacheOptions}. */
export const DEFAULT_STATUS_LIST_CACHE = Object.freeze({
  ttlMs: 5 * 60_000,
  maxEntries: 64,
  maxBytes: 32 * 1024 * 1024,
});

interface Entry {
  value: unknown;
  bytes: number;
  expiresAt: number;
}

/**
 * A bounded map of verified lists with an expiry each. Holds only what the verifier put in it after
 * verifying; it never loads or verifies anything itself.
 */
export class ListCache {
  readonly ttlMs: number;
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  readonly #clock: () => Date;
  // A Map iterates in insertion order: the first key is the oldest entry.
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;

  constructor(options: StatusListCacheOptions = {}) {
    this.ttlMs = positive(options.ttlMs, DEFAULT_STATUS_LIST_CACHE.ttlMs);
    this.#maxEntries = positive(options.maxEntries, DEFAULT_STATUS_LIST_CACHE.maxEntries);
    this.#maxBytes = positive(options.maxBytes, DEFAULT_STATUS_LIST_CACHE.maxBytes);
    this.#clock = typeof options.clock === 'function' ? options.clock : () => new Date();
  }

  /** The value kept for `key`, unless it has expired (it is then dropped). */
  get(key: string): unknown {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (this.#now() >= entry.expiresAt) {
      this.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /**
   * Keeps `value` for `key` until the time-to-live has passed or `notAfter` (ms since the epoch,
   * e.g. the list's validUntil), whichever comes first. Older entries make room; a value larger
   * than the whole budget, or already expired, is not kept.
   */
  set(key: string, value: unknown, bytes: number, notAfter = Infinity): void {
    this.delete(key);
    const expiresAt = Math.min(this.#now() + this.ttlMs, notAfter);
    if (bytes > this.#maxBytes || !(expiresAt > this.#now())) return;
    while (this.#entries.size >= this.#maxEntries || this.#bytes + bytes > this.#maxBytes) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
    this.#entries.set(key, { value, bytes, expiresAt });
    this.#bytes += bytes;
  }

  /** Forgets `key`. */
  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  /** Forgets every entry whose key ends with ` ${url}` (the document at `url` was replaced). */
  forget(url: string): void {
    for (const key of [...this.#entries.keys()]) if (key.endsWith(` ${url}`)) this.delete(key);
  }

  /** How many lists and bytes are kept now. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.#entries.size, bytes: this.#bytes };
  }

  #now(): number {
    const time = this.#clock().getTime();
    return Number.isFinite(time) ? time : Date.now();
  }
}

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && value > 0 && !Number.isNaN(value) ? value : fallback;
}
