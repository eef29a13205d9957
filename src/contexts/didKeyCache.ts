import { didKeyDocument } from './didKey.js';
import { selectVerificationMethod, splitFragment } from './verificationMethod.js';

// Enough for every key one process meets in practice; a long-lived verifier fed endless distinct
// keys forgets the oldest instead of growing.
const MAX_ENTRIES = 1000;

/** did:key DID documents, derived from the identifier itself and kept once derived. */
export class DidKeyCache {
  readonly #documents = new Map<string, Promise<unknown>>();

  /** The did:key document (or, for a URL with a fragment, its verification method); undefined for any other URL. */
  async resolve(url: string): Promise<unknown> {
    const [did] = splitFragment(url);
    if (!did.startsWith('did:key:')) return undefined;
    let document = this.#documents.get(did);
    if (!document) {
      document = didKeyDocument(did);
      if (this.#documents.size >= MAX_ENTRIES) this.#documents.delete(this.#documents.keys().next().value as string);
      this.#documents.set(did, document);
      // A key that cannot be read is not kept: its error is thrown to this caller only.
      document.catch(() => this.#documents.delete(did));
    }
    const resolved = await document;
    return url === did ? resolved : selectVerificationMethod(resolved, url);
  }
}
