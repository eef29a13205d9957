import { MicrocredError, ErrorCode } from '../errors.js';
import { PolicyFetcher } from '../network/policyFetch.js';
import type { NetworkPolicy } from '../network/policy.js';
import { bundledContexts } from './bundled.js';
import { DidKeyCache } from './didKeyCache.js';
import { fetchDocument } from './fetchDocument.js';
import { HeldDocuments } from './heldDocuments.js';
import { ListCache, type StatusListCacheOptions } from './listCache.js';

/** What a JSON-LD document loader returns. */
export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
  tag?: 'static';
}

/** Anything with a `load` function, as jsonld and the Digital Bazaar libraries call it. */
export interface LoadsDocuments {
  load(url: string): Promise<RemoteDocument>;
}

/** Options of {@link DocumentLoader}. */
export interface DocumentLoaderOptions {
  /** Extra documents served by URL, e.g. a did:web DID document you hold: `{ 'did:web:example.org': doc }`. */
  documents?: Record<string, unknown> | Map<string, unknown>;
  /**
   * A fetch function. With one, what the loader does not hold is fetched under `network`: did:web
   * DID documents, and https documents (key and controller documents, status list credentials,
   * JSON Schemas). Without one, nothing is fetched. JSON-LD contexts are never fetched either way.
   */
  fetch?: typeof globalThis.fetch;
  /** The rules every request through `fetch` follows (see {@link NetworkPolicy} for the defaults). */
  network?: NetworkPolicy;
  /**
   * Status list credentials that verified are kept and used again, so that checking many
   * credentials against one list verifies it once: for `ttlMs` (default 5 minutes), never past the
   * list's own validUntil, at most `maxEntries` lists and `maxBytes` of decoded bits. A list that
   * failed is not kept; a list replaced with {@link DocumentLoader.add} is forgotten. A revocation
   * published since is seen once the time-to-live has passed. `false`: verify every list every time.
   */
  statusListCache?: StatusListCacheOptions | false;
}

/**
 * What a verification reads of a caller's {@link DocumentLoader}: its documents, its did:key and
 * fetch caches. Internal: the verification builds its own loader over these (src/verify/loader.ts).
 */
export interface DocumentLoaderParts {
  held: HeldDocuments;
  didKeys: DidKeyCache;
  fetcher: PolicyFetcher | undefined;
  /** The verified status lists it keeps (undefined when the caller turned that off). */
  statusLists: ListCache | undefined;
}

const parts = new WeakMap<object, DocumentLoaderParts>();

/** The parts of `loader` when it is a {@link DocumentLoader} (not a wrapper or a Proxy of one), else undefined. */
export function documentLoaderParts(loader: unknown): DocumentLoaderParts | undefined {
  return typeof loader === 'object' && loader !== null ? parts.get(loader) : undefined;
}

/**
 * Serves JSON-LD contexts and DID documents from memory; with a `fetch`, also fetches did:web
 * documents and https documents it does not hold, under a network policy. Contexts are only ever
 * served from the bundled set and documents you add: a remote context would change what is signed.
 * Create one and reuse it across calls: it caches resolved did:key documents and fetched documents.
 *
 * For each URL it tries, in order: the bundled contexts, the documents it holds, did:key, then the
 * network (with a fetch function only).
 *
 * @example
 * const loader = new DocumentLoader({ documents: { 'did:web:pd.example.org': didDoc } });
 * await verifyCredential(vc, { loader });
 * const online = new DocumentLoader({ fetch: globalThis.fetch, network: { timeoutMs: 3000 } });
 * const verifier = new DocumentLoader({ fetch: globalThis.fetch, statusListCache: { ttlMs: 60_000 } });
 */
export class DocumentLoader implements LoadsDocuments {
  readonly #held = new HeldDocuments();
  readonly #didKeys = new DidKeyCache();
  readonly #fetcher: PolicyFetcher | undefined;
  readonly #statusLists: ListCache | undefined;

  constructor(options: DocumentLoaderOptions = {}) {
    this.#statusLists = options.statusListCache === false ? undefined : new ListCache(options.statusListCache);
    const extra = options.documents instanceof Map ? options.documents : Object.entries(options.documents ?? {});
    for (const [url, document] of extra) this.add(url, document);
    this.#fetcher = options.fetch === undefined ? undefined : new PolicyFetcher(options.fetch, options.network);
    parts.set(this, {
      held: this.#held,
      didKeys: this.#didKeys,
      fetcher: this.#fetcher,
      statusLists: this.#statusLists,
    });
  }

  /** Adds or replaces a document served at `url` (a bundled context cannot be replaced). */
  add(url: string, document: unknown): this {
    if (bundledContexts().has(url)) {
      throw new MicrocredError(
        ErrorCode.FIELD_INVALID,
        `${url} is a bundled context and cannot be replaced: its bytes are part of every signature made under it.`,
        { url },
      );
    }
    this.#held.add(url, document);
    this.#statusLists?.forget(url);
    return this;
  }

  /** The function form the Digital Bazaar libraries and jsonld call. */
  readonly load = async (url: string): Promise<RemoteDocument> => {
    const context = bundledContexts().get(url);
    // Static tag: jsonld may cache the processed context; safe because bundled bytes never change.
    if (context !== undefined) return { contextUrl: null, documentUrl: url, document: context, tag: 'static' };
    const document = (await this.#held.get(url)) ?? (await this.#didKeys.resolve(url)) ?? (await this.#fetched(url));
    return { contextUrl: null, documentUrl: url, document };
  };

  #fetched(url: string): Promise<unknown> {
    const contexts = this.#held.contexts;
    return fetchDocument(url, {
      fetcher: this.#fetcher,
      usedAsContext: (u) => contexts.has(u),
      verifying: false,
      contexts,
    });
  }
}
