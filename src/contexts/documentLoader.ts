import { MicrocredError, ErrorCode } from '../errors.js';
import { isJsonObject } from '../jsonPath.js';
import { didWebUrl } from '../network/didWeb.js';
import { PolicyFetcher } from '../network/policyFetch.js';
import type { NetworkPolicy } from '../network/policy.js';
import { bundledContexts } from './bundled.js';
import { didKeyDocument } from './didKey.js';
import { selectVerificationMethod, splitFragment, withAbsoluteReferences } from './verificationMethod.js';

/** What a JSON-LD document loader returns. */
export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
  tag?: 'static';
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
}

/** Anything with a `load` function, as jsonld and the Digital Bazaar libraries call it. */
interface LoadFunction {
  load(url: string): Promise<RemoteDocument>;
}

/** What one verification adds to a loader: the caller's loader to fall back on, and its input. */
interface Layering {
  fallback?: LoadFunction;
  /** The document being verified: its contexts are never fetched, and a URL it does not use as one may be. */
  input: () => unknown;
}

let layer: (loader: DocumentLoader, layering: Layering) => void;

/**
 * Serves JSON-LD contexts and DID documents from memory; with a `fetch`, also fetches did:web
 * documents and https documents it does not hold, under a network policy. Contexts are only ever
 * served from the bundled set and documents you add: a remote context would change what is signed.
 * Create one and reuse it across calls: it caches resolved did:key documents and fetched documents.
 *
 * @example
 * const loader = new DocumentLoader({ documents: { 'did:web:pd.example.org': didDoc } });
 * await verifyCredential(vc, { loader });
 * const online = new DocumentLoader({ fetch: globalThis.fetch, network: { timeoutMs: 3000 } });
 */
export class DocumentLoader {
  readonly #documents = new Map<string, unknown>();
  readonly #didKeys = new Map<string, unknown>();
  readonly #fetcher: PolicyFetcher | undefined;
  // URLs that documents this loader served use as contexts: never fetched, whatever they are.
  readonly #contexts = new Set<string>();
  #layering: Layering | undefined;

  static {
    layer = (loader, layering) => {
      loader.#layering = layering;
    };
  }

  constructor(options: DocumentLoaderOptions = {}) {
    const extra = options.documents instanceof Map ? options.documents : Object.entries(options.documents ?? {});
    for (const [url, document] of extra) this.add(url, document);
    this.#fetcher = options.fetch === undefined ? undefined : new PolicyFetcher(options.fetch, options.network);
  }

  /** Adds or replaces a document served at `url` (a bundled context cannot be replaced). */
  add(url: string, document: unknown): this {
    if (bundledContexts().has(url)) {
      throw new MicrocredError(ErrorCode.FIELD_INVALID, `${url} is a bundled context and cannot be replaced: its bytes are part of every signature made under it.`, { url });
    }
    this.#documents.set(url, document);
    collectContextUrls(document, this.#contexts);
    return this;
  }

  /** The function form the Digital Bazaar libraries and jsonld call. */
  readonly load = async (url: string): Promise<RemoteDocument> => {
    const context = bundledContexts().get(url);
    // Static tag: jsonld may cache the processed context; safe because bundled bytes never change.
    if (context !== undefined) return { contextUrl: null, documentUrl: url, document: context, tag: 'static' };
    const held = await this.#held(url);
    if (held !== undefined) return { contextUrl: null, documentUrl: url, document: held };
    const fallback = this.#layering?.fallback;
    if (fallback && !DocumentLoader.#isLoader(fallback)) {
      try {
        return await fallback.load(url);
      } catch (error) {
        if (!this.#fetcher) throw error;
      }
    }
    return { contextUrl: null, documentUrl: url, document: await this.#fetched(url) };
  };

  // What this loader (and the loader it falls back on) answers without the network; undefined when it holds nothing for `url`.
  async #held(url: string): Promise<unknown> {
    const [base, fragment] = splitFragment(url);
    // A method held under its own URL (`did:web:x#key-1`) is served as given.
    const exact = fragment === undefined ? undefined : this.#documents.get(url);
    if (exact !== undefined) return exact;
    // A did:web document may be held under its DID or under the https URL it is published at.
    const document = this.#documents.get(base) ?? (base.startsWith('did:web:') ? this.#documents.get(publishedAt(base) ?? '') : undefined);
    if (document !== undefined) {
      const checked = base.startsWith('did:') ? ownDidDocument(document, base, `the document supplied for ${base}`) : document;
      return fragment === undefined ? checked : selectVerificationMethod(checked, url);
    }
    // The caller's loader next: what it holds, and the did:key documents it already resolved.
    const fallback = this.#layering?.fallback;
    if (DocumentLoader.#isLoader(fallback)) return fallback.#held(url);
    return base.startsWith('did:key:') ? this.#resolveDidKey(base, url) : undefined;
  }

  async #fetched(url: string): Promise<unknown> {
    const [base, fragment] = splitFragment(url);
    if (this.#usedAsContext(url) || this.#usedAsContext(base)) {
      throw new MicrocredError(ErrorCode.CONTEXT_UNKNOWN, `${url} is a JSON-LD context that is not bundled with microcred and was not supplied; contexts are never fetched, because a remote context could change what a signature covers.`, { url });
    }
    const fetcher = this.#networkFetcher();
    const isDidWeb = base.startsWith('did:web:');
    if (!isDidWeb && !/^https?:\/\//i.test(base)) {
      throw new MicrocredError(ErrorCode.CONTEXT_UNKNOWN, `${url} is not a bundled context or a document this loader holds, and microcred does not fetch it.`, { url });
    }
    const location = isDidWeb ? didWebUrl(base) : base;
    if (!fetcher) {
      // A plain loader cannot tell a context from a document at an https URL; a verification can.
      if (!isDidWeb && !this.#layering) {
        throw new MicrocredError(ErrorCode.CONTEXT_UNKNOWN, `${url} is not a bundled context or a document this loader holds, and this loader has no fetch function: supply it with the documents option (CLI: --doc URL=FILE).`, { url });
      }
      const subject = isDidWeb ? `${url} is resolved from ${location}` : `${url} is not held`;
      throw new MicrocredError(
        ErrorCode.NETWORK_DISABLED,
        `${subject}, and no fetch function was given, so nothing was fetched. Supply the document (option documents; CLI --doc URL=FILE${isDidWeb ? ' or --did-doc FILE' : ''}) or allow the network (option fetch; CLI --allow-network).`,
        { url: location, ...(isDidWeb ? { did: base } : {}) },
      );
    }
    let document: unknown;
    try {
      document = await fetcher.get(location);
    } catch (error) {
      if (error instanceof MicrocredError) throw error;
      throw new MicrocredError(ErrorCode.FETCH_FAILED, `${location} could not be read: ${(error as Error)?.message ?? String(error)}`, { url: location }, { cause: error });
    }
    if (isDidWeb) document = ownDidDocument(document, base, location);
    collectContextUrls(document, this.#contexts);
    return fragment === undefined ? document : selectVerificationMethod(document, url);
  }

  // A loader whose private state this class can read: a wrapper made with Object.create or a
  // Proxy passes instanceof but has none, so it is treated like any other load function.
  static #isLoader(value: unknown): value is DocumentLoader {
    return typeof value === 'object' && value !== null && #documents in value;
  }

  #networkFetcher(): PolicyFetcher | undefined {
    const fallback = this.#layering?.fallback;
    return this.#fetcher ?? (DocumentLoader.#isLoader(fallback) ? fallback.#networkFetcher() : undefined);
  }

  #usedAsContext(url: string): boolean {
    if (this.#contexts.has(url)) return true;
    const layering = this.#layering;
    if (!layering) return false;
    if (DocumentLoader.#isLoader(layering.fallback) && layering.fallback.#usedAsContext(url)) return true;
    return collectContextUrls(layering.input(), new Set()).has(url);
  }

  async #resolveDidKey(did: string, url: string): Promise<unknown> {
    let document = this.#didKeys.get(did);
    if (!document) {
      document = await didKeyDocument(did);
      this.#didKeys.set(did, document);
    }
    return url === did ? document : selectVerificationMethod(document, url);
  }
}

/**
 * The loader one verification uses. For each URL: bundled contexts, then `documents`, then the
 * caller's `loader`, then did:key, then the network (the call's `fetch`, else the loader's) for a
 * did:web or https document. The caller's loader is read, never changed; `input` is the document
 * being verified, whose contexts are never fetched.
 */
export function verificationLoader(options: {
  documents?: unknown;
  fetch?: unknown;
  network?: NetworkPolicy;
  loader?: LoadFunction;
  input: () => unknown;
}): DocumentLoader {
  const documents = options.documents instanceof Map ? [...options.documents] : isJsonObject(options.documents) ? Object.entries(options.documents) : [];
  // A bundled context is served from the bundle whatever is supplied for its URL.
  const loader = new DocumentLoader({
    documents: new Map(documents.filter(([url]) => typeof url === 'string' && !bundledContexts().has(url))),
    ...(typeof options.fetch === 'function' ? { fetch: options.fetch as typeof globalThis.fetch, network: options.network ?? {} } : {}),
  });
  layer(loader, { ...(options.loader ? { fallback: options.loader } : {}), input: options.input });
  return loader;
}

function publishedAt(did: string): string | undefined {
  try {
    return didWebUrl(did);
  } catch {
    return undefined;
  }
}

/** `document` when it is the DID document of `did` (its id says so), relative references made absolute. */
function ownDidDocument(document: unknown, did: string, source: string): Record<string, unknown> {
  const id = isJsonObject(document) ? document.id : undefined;
  if (!isJsonObject(document) || id !== did) {
    throw new MicrocredError(
      ErrorCode.DID_DOCUMENT_MISMATCH,
      `${source} is ${isJsonObject(document) ? `the DID document of ${JSON.stringify(id ?? null)}` : 'not a DID document'}, not of ${did}; its keys are not used for ${did}.`,
      { url: source.startsWith('https://') ? source : did, did },
    );
  }
  return withAbsoluteReferences(document, did);
}

// Every string under an "@context" key anywhere in `value` (walked without recursion: a hostile
// document may nest deeply): over-collecting only means a URL is never fetched, which is safe.
function collectContextUrls(value: unknown, into: Set<string>): Set<string> {
  const stack: [unknown, boolean][] = [[value, false]];
  while (stack.length) {
    const [node, inContext] = stack.pop() as [unknown, boolean];
    if (typeof node === 'string') {
      if (inContext) into.add(node);
    } else if (Array.isArray(node)) {
      for (const item of node) stack.push([item, inContext]);
    } else if (isJsonObject(node)) {
      for (const [key, item] of Object.entries(node)) stack.push([item, inContext || key === '@context']);
    }
  }
  return into;
}
