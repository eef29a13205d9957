// The loader one verification builds. Its whole lookup order is the list in `#sources`: a URL is
// answered by the first source that holds it. Contexts come only from the bundle or the caller's
// documents (never the network: a remote context could change what a signature covers), and every
// source that may wait on something outside this process runs against one deadline.
import { ErrorCode, MicrocredError } from '../errors.js';
import { bundledContexts } from '../contexts/bundled.js';
import { collectContextUrls } from '../contexts/contextUrls.js';
import { DidKeyCache } from '../contexts/didKeyCache.js';
import {
  documentLoaderParts,
  type DocumentLoaderParts,
  type LoadsDocuments,
  type RemoteDocument,
} from '../contexts/documentLoader.js';
import { fetchDocument } from '../contexts/fetchDocument.js';
import { HeldDocuments } from '../contexts/heldDocuments.js';
import type { ListCache } from '../contexts/listCache.js';
import { PolicyFetcher } from '../network/policyFetch.js';
import type { NetworkPolicy } from '../network/policy.js';
import type { VerifyOptionsSnapshot } from './options.js';

/** What one verification's loader is built from (the options, already read into plain values). */
export interface VerificationLoaderOptions {
  /** The call's `documents`; an entry for a bundled context is ignored. */
  documents?: ReadonlyMap<string, unknown>;
  /** The call's fetch function, used under `network`. */
  fetch?: typeof globalThis.fetch;
  network?: NetworkPolicy;
  /** The caller's loader: a DocumentLoader, any object with a `load` function, or the loader of an enclosing verification. */
  loader?: LoadsDocuments;
  /** The caller's status registry (the `status` option): it serves the signed lists it keeps, at their ids. */
  statusLists?: StatusListSource;
  /** The document being verified, once read: its contexts are never fetched. */
  input: () => unknown;
  /** When the verification must be done, in `Date.now()` milliseconds. */
  deadline: number;
  /** The verification's `timeoutMs`, for messages. */
  timeoutMs: number;
}

/**
 * The loader of one verification (a credential's or a presentation's), built from the call's
 * options as read once; `input` gives the document being verified once it is read. The deadline
 * starts now.
 */
export function verificationLoaderFor(
  snapshot: Pick<VerifyOptionsSnapshot, 'documents' | 'fetch' | 'network' | 'loader' | 'status' | 'timeoutMs'>,
  input: () => unknown,
): VerificationLoader {
  return new VerificationLoader({
    documents: snapshot.documents,
    ...(snapshot.fetch ? { fetch: snapshot.fetch } : {}),
    ...(snapshot.network ? { network: snapshot.network } : {}),
    ...(snapshot.loader ? { loader: snapshot.loader } : {}),
    ...(snapshot.status ? { statusLists: snapshot.status } : {}),
    input,
    deadline: Date.now() + snapshot.timeoutMs,
    timeoutMs: snapshot.timeoutMs,
  });
}

/** What serves status list credentials by URL: a {@link StatusRegistry}; `undefined` for a list it does not keep. */
export interface StatusListSource {
  findListCredential(url: string): Promise<unknown>;
}

/** One place a document may come from. `undefined`: this source does not hold it, ask the next. */
interface Source {
  /** Whether this source may wait on something outside this process (it then runs against the deadline). */
  waits: boolean;
  lookup(url: string): Promise<RemoteDocument | undefined>;
}

/**
 * The loader of one verification. For each URL, in order: the bundled contexts, the call's
 * `documents`, the lists of the call's status registry, the caller's `loader`, did:key, then the network (the call's `fetch`, else the
 * caller's loader's) for a did:web or https document. Once the deadline has passed nothing more is
 * asked of the caller's loader or the network (ERR_VERIFY_TIMEOUT), and neither can hold the
 * verification past it, even if it never answers.
 */
export class VerificationLoader implements LoadsDocuments {
  readonly #held = new HeldDocuments();
  readonly #caller: Caller;
  readonly #didKeys: DidKeyCache;
  readonly #fetcher: PolicyFetcher | undefined;
  readonly #contexts = new Set<string>();
  readonly #input: () => unknown;
  readonly #deadline: number;
  readonly #timeoutMs: number;
  readonly #sources: readonly Source[];
  readonly #statusLists: StatusListSource | undefined;

  constructor(options: VerificationLoaderOptions) {
    for (const [url, document] of options.documents ?? [])
      if (!bundledContexts().has(url)) this.#held.add(url, document);
    this.#caller = VerificationLoader.#callerOf(options.loader);
    const enclosing = this.#caller.kind === 'verification' ? this.#caller.loader : undefined;
    const parts = this.#caller.kind === 'document-loader' ? this.#caller.parts : undefined;
    this.#didKeys = parts?.didKeys ?? (enclosing ? enclosing.#didKeys : new DidKeyCache());
    this.#fetcher = fetcherOf(options) ?? parts?.fetcher ?? (enclosing ? enclosing.#fetcher : undefined);
    this.#input = options.input;
    this.#statusLists = options.statusLists ?? (enclosing ? enclosing.#statusLists : undefined);
    // A verification inside another (a status list's) ends no later than the one that started it.
    this.#deadline = enclosing ? Math.min(options.deadline, enclosing.#deadline) : options.deadline;
    this.#timeoutMs = enclosing ? enclosing.#timeoutMs : options.timeoutMs;
    this.#sources = [
      { waits: false, lookup: async (url) => bundledContext(url) },
      { waits: false, lookup: async (url) => found(url, await this.#held.get(url)) },
      // The registry's store may wait on a disk or a database: raced against the deadline inside, so
      // that a verification inside this one (a status list's) is bounded by it too.
      { waits: false, lookup: (url) => this.#fromRegistry(url) },
      // The caller's loader is raced against the deadline inside, so that its failure falls through to did:key.
      { waits: false, lookup: (url) => this.#fromCaller(url) },
      { waits: false, lookup: async (url) => found(url, await this.#didKeys.resolve(url)) },
      { waits: true, lookup: async (url) => found(url, await this.#fetched(url)) },
    ];
  }

  /** True for the loader of a verification (a brand check: it runs no code of `value`, such as a Proxy's traps). */
  static isVerificationLoader(value: unknown): value is VerificationLoader {
    return typeof value === 'object' && value !== null && #sources in value;
  }

  // A brand check, not instanceof: it runs no code of the object it is given (a Proxy's traps).
  static #callerOf(loader: LoadsDocuments | undefined): Caller {
    if (loader === undefined) return { kind: 'none' };
    if (typeof loader === 'object' && loader !== null && #sources in loader) return { kind: 'verification', loader };
    const parts = documentLoaderParts(loader);
    if (parts) return { kind: 'document-loader', parts };
    return { kind: 'function', load: (url) => loader.load(url) };
  }

  /** The function form the Digital Bazaar libraries and jsonld call. */
  readonly load = async (url: string): Promise<RemoteDocument> => {
    for (const source of this.#sources) {
      const answer = source.waits
        ? await this.#beforeDeadline(url, () => source.lookup(url))
        : await source.lookup(url);
      if (answer) return answer;
    }
    // The network source always answers or throws; this is for a type checker.
    throw new MicrocredError(ErrorCode.CONTEXT_UNKNOWN, `${url} could not be loaded.`, { url });
  };

  /**
   * Where a verified status list at `url` may be kept and found again: the caller's
   * {@link DocumentLoader}'s cache, when the list would come from that loader. Not when this call's
   * own `documents` hold the URL (the caller gave that document for this call), nor with a status
   * registry (its lists are the issuer's state now, and a revocation just made must show).
   */
  async statusListCache(url: string): Promise<ListCache | undefined> {
    if (this.#statusLists) return undefined;
    try {
      if ((await this.#held.get(url)) !== undefined) return undefined;
    } catch {
      return undefined;
    }
    const caller = this.#caller;
    if (caller.kind === 'document-loader') return caller.parts.statusLists;
    if (caller.kind === 'verification') return caller.loader.statusListCache(url);
    return undefined;
  }

  // What the caller's loader holds. A load function that fails (or does not answer before the
  // deadline) is remembered, not final: did:key and the network may still have the document; its
  // error is the answer when they cannot try.
  #callerError: { url: string; error: unknown } | undefined;

  async #fromCaller(url: string): Promise<RemoteDocument | undefined> {
    const caller = this.#caller;
    if (caller.kind === 'none') return undefined;
    if (caller.kind === 'document-loader') return found(url, await caller.parts.held.get(url));
    if (caller.kind === 'verification') return caller.loader.#local(url);
    try {
      return await this.#beforeDeadline(url, () => caller.load(url));
    } catch (error) {
      this.#callerError = { url, error };
      return undefined;
    }
  }

  // The registry's own list at `url`, signed now; a list it does not keep is asked of the next source.
  async #fromRegistry(url: string): Promise<RemoteDocument | undefined> {
    const registry = this.#statusLists;
    // Lists are published at http(s) URLs: a DID or a urn is never asked of the store.
    if (!registry || !/^https?:\/\//i.test(url)) return undefined;
    return found(url, await this.#beforeDeadline(url, () => registry.findListCredential(url)));
  }

  // What this verification answers without waiting on anything: every source but the network.
  async #local(url: string): Promise<RemoteDocument | undefined> {
    for (const source of this.#sources.slice(0, -1)) {
      const answer = await source.lookup(url);
      if (answer) return answer;
    }
    return undefined;
  }

  async #fetched(url: string): Promise<unknown> {
    const failed = this.#callerError;
    if (!this.#fetcher && failed?.url === url) throw failed.error;
    return fetchDocument(url, {
      fetcher: this.#fetcher,
      usedAsContext: (u) => this.#usedAsContext(u),
      verifying: true,
      timeoutMs: Math.max(1, this.#deadline - Date.now()),
      contexts: this.#contexts,
    });
  }

  #usedAsContext(url: string): boolean {
    if (this.#contexts.has(url) || this.#held.contexts.has(url)) return true;
    const caller = this.#caller;
    if (caller.kind === 'document-loader' && caller.parts.held.contexts.has(url)) return true;
    if (caller.kind === 'verification' && caller.loader.#usedAsContext(url)) return true;
    return collectContextUrls(this.#input(), new Set()).has(url);
  }

  // `work` raced against the deadline: whatever it waits on, the verification goes on at the deadline.
  async #beforeDeadline<T>(url: string, work: () => Promise<T>): Promise<T> {
    const left = this.#deadline - Date.now();
    if (left <= 0) throw this.#timeout(url);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expiry = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.#timeout(url)), left);
    });
    const attempt = Promise.resolve().then(work);
    attempt.catch(() => undefined); // after the deadline its own failure is of no interest
    try {
      return await Promise.race([attempt, expiry]);
    } catch (error) {
      // The request's own timer was cut to the time left: at the deadline it is the deadline's error.
      if (
        error instanceof MicrocredError &&
        error.code === ErrorCode.NETWORK_TIMEOUT &&
        Date.now() >= this.#deadline - 20
      )
        throw this.#timeout(url);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  #timeout(url: string): MicrocredError {
    return new MicrocredError(
      ErrorCode.VERIFY_TIMEOUT,
      `${url} was not loaded: the verification ran out of its ${this.#timeoutMs} ms (timeoutMs), which covers every document it fetches. Supply the document (option documents) or allow more time.`,
      { url, timeoutMs: this.#timeoutMs },
    );
  }
}

type Caller =
  | { kind: 'none' }
  | { kind: 'document-loader'; parts: DocumentLoaderParts }
  | { kind: 'verification'; loader: VerificationLoader }
  | { kind: 'function'; load: (url: string) => Promise<RemoteDocument> };

function fetcherOf(options: VerificationLoaderOptions): PolicyFetcher | undefined {
  if (typeof options.fetch !== 'function') return undefined;
  try {
    return new PolicyFetcher(options.fetch, options.network ?? {});
  } catch {
    // A malformed policy must not make verification throw: the defaults are the strict ones.
    return new PolicyFetcher(options.fetch, {});
  }
}

function bundledContext(url: string): RemoteDocument | undefined {
  const context = bundledContexts().get(url);
  // Static tag: jsonld may cache the processed context; safe because bundled bytes never change.
  return context === undefined ? undefined : { contextUrl: null, documentUrl: url, document: context, tag: 'static' };
}

function found(url: string, document: unknown): RemoteDocument | undefined {
  return document === undefined ? undefined : { contextUrl: null, documentUrl: url, document };
}
