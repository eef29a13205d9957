import { MicrocredError, ErrorCode } from '../errors.js';
import { isJsonObject } from '../jsonPath.js';
import { didWebUrl } from '../network/didWeb.js';
import { collectContextUrls } from './contextUrls.js';
import { selectVerificationMethod, splitFragment, withAbsoluteReferences } from './verificationMethod.js';

/**
 * Documents served by URL from memory: DID documents (held under the DID, or a did:web document
 * under the https URL it is published at), key and controller documents, status lists, schemas.
 * Remembers the URLs they use as contexts, which are then never fetched.
 */
export class HeldDocuments {
  readonly #documents = new Map<string, unknown>();
  /** Every URL a held document uses as a JSON-LD context. */
  readonly contexts = new Set<string>();

  /** Adds or replaces the document served at `url`. */
  add(url: string, document: unknown): void {
    this.#documents.set(url, document);
    collectContextUrls(document, this.contexts);
  }

  /**
   * The document held for `url`, or undefined. A DID document must be that DID's own (else
   * ERR_DID_DOCUMENT_MISMATCH); a URL with a fragment selects the verification method it names.
   */
  async get(url: string): Promise<unknown> {
    const [base, fragment] = splitFragment(url);
    // A method held under its own URL (`did:web:x#key-1`) is served as given.
    const exact = fragment === undefined ? undefined : this.#documents.get(url);
    if (exact !== undefined) return exact;
    const document =
      this.#documents.get(base) ??
      (base.startsWith('did:web:') ? this.#documents.get(publishedAt(base) ?? '') : undefined);
    if (document === undefined) return undefined;
    const checked = base.startsWith('did:')
      ? ownDidDocument(document, base, `the document supplied for ${base}`)
      : document;
    return fragment === undefined ? checked : selectVerificationMethod(checked, url);
  }
}

/** `document` when it is the DID document of `did` (its id says so), relative references made absolute. */
export function ownDidDocument(document: unknown, did: string, source: string): Record<string, unknown> {
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

function publishedAt(did: string): string | undefined {
  try {
    return didWebUrl(did);
  } catch {
    return undefined;
  }
}
