import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { MicrocredError, ErrorCode } from '../errors.js';
import { CONTEXT } from '../model/constants.js';
import { bundledContexts } from './bundled.js';

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
}

/**
 * Serves JSON-LD contexts and DID documents from memory, never from the network.
 * Create one and reuse it across calls: it caches resolved did:key documents.
 *
 * @example
 * const loader = new DocumentLoader({ documents: { 'did:web:pd.example.org': didDoc } });
 * await verifyCredential(vc, { loader });
 */
export class DocumentLoader {
  readonly #documents = new Map<string, unknown>();
  readonly #didKeys = new Map<string, unknown>();

  constructor(options: DocumentLoaderOptions = {}) {
    const extra = options.documents instanceof Map ? options.documents : Object.entries(options.documents ?? {});
    for (const [url, document] of extra) this.add(url, document);
  }

  /** Adds or replaces a document served at `url` (a bundled context cannot be replaced). */
  add(url: string, document: unknown): this {
    if (bundledContexts().has(url)) {
      throw new MicrocredError(ErrorCode.FIELD_INVALID, `${url} is a bundled context and cannot be replaced: its bytes are part of every signature made under it.`, { url });
    }
    this.#documents.set(url, document);
    return this;
  }

  /** The function form the Digital Bazaar libraries and jsonld call. */
  readonly load = async (url: string): Promise<RemoteDocument> => {
    const context = bundledContexts().get(url);
    // Static tag: jsonld may cache the processed context; safe because bundled bytes never change.
    if (context !== undefined) return { contextUrl: null, documentUrl: url, document: context, tag: 'static' };
    const [base, fragment] = splitFragment(url);
    const held = this.#documents.get(url) ?? this.#documents.get(base);
    if (held !== undefined) return { contextUrl: null, documentUrl: url, document: fragment && this.#documents.get(url) === undefined ? selectFragment(held, url) : held };
    if (base.startsWith('did:key:')) return { contextUrl: null, documentUrl: url, document: await this.#resolveDidKey(base, url) };
    throw new MicrocredError(
      ErrorCode.CONTEXT_UNKNOWN,
      `${url} is not a bundled context or a document this loader holds, and microcred does not fetch from the network.`,
      { url },
    );
  };

  async #resolveDidKey(did: string, url: string): Promise<unknown> {
    let document = this.#didKeys.get(did);
    if (!document) {
      document = await didKeyDocument(did);
      this.#didKeys.set(did, document);
    }
    return url === did ? document : selectFragment(document, url);
  }
}

function splitFragment(url: string): [string, string | undefined] {
  const hash = url.indexOf('#');
  return hash < 0 ? [url, undefined] : [url.slice(0, hash), url.slice(hash + 1)];
}

function selectFragment(document: unknown, url: string): unknown {
  const doc = document as { '@context'?: unknown; verificationMethod?: { id: string }[] };
  const [, fragment] = splitFragment(url);
  const method = doc.verificationMethod?.find((m) => m.id === url || m.id === `#${fragment}`);
  if (!method) {
    throw new MicrocredError(ErrorCode.KEY_UNRESOLVED, `The DID document does not list the verification method ${url}.`, { url });
  }
  // jsonld-signatures frames the method; it needs a context of its own.
  return { '@context': CONTEXT.MULTIKEY_V1, ...method };
}

// did:key for Ed25519 (did:key spec §3.1.1): the DID names its one key, used for every relationship.
async function didKeyDocument(did: string): Promise<unknown> {
  const multibase = did.slice('did:key:'.length);
  if (!multibase.startsWith('z6Mk')) {
    throw new MicrocredError(ErrorCode.KEY_UNRESOLVED, `${did} is not an Ed25519 did:key (it should start with did:key:z6Mk).`, { url: did });
  }
  try {
    const pair = await Ed25519Multikey.from({ publicKeyMultibase: multibase });
    if (pair.publicKey.length !== 32) throw new Error('length');
  } catch {
    throw new MicrocredError(ErrorCode.KEY_UNRESOLVED, `${did} does not encode a valid Ed25519 public key.`, { url: did });
  }
  const id = `${did}#${multibase}`;
  return {
    '@context': [CONTEXT.DID_V1, CONTEXT.MULTIKEY_V1],
    id: did,
    verificationMethod: [{ id, type: 'Multikey', controller: did, publicKeyMultibase: multibase }],
    authentication: [id],
    assertionMethod: [id],
    capabilityDelegation: [id],
    capabilityInvocation: [id],
  };
}
