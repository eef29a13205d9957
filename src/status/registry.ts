import { MicrocredError, ErrorCode } from '../errors.js';
import { isUri } from '../identifiers.js';
import { toHex } from '../encoding.js';
import type { DocumentLoader } from '../contexts/documentLoader.js';
import { Key } from '../keys/key.js';
import { statusEntry, type BitstringStatusListEntry, type CredentialStatusSource } from './entry.js';
import { signStatusList, type StatusListCredential } from './listCredential.js';
import { getBit, STATUS_PURPOSES } from './state.js';
import type { AllocateOptions, StatusAllocation, StatusPurpose, StatusStore } from './store.js';

/** The Bitstring Status List minimum (§6.1): 131,072 entries, 16 KiB, so that one index hides among many. */
export const MIN_STATUS_LIST_LENGTH = 131_072;

/** Options of {@link StatusRegistry}. */
export interface StatusRegistryOptions {
  /** Where lists and allocations are kept: a `MemoryStatusStore`, a `FileStatusStore` (microcred/node), or your own. */
  store: StatusStore;
  /** The issuer's key (Ed25519): status lists are signed by the issuer of the credentials that point at them, with a Data Integrity proof. */
  key: Key;
  /**
   * Where lists are published, e.g. `https://pd.example.org/status`: a new list is named
   * `https://pd.example.org/status/revocation-<random>.json`. Needed to open lists (issuing), not
   * to revoke.
   */
  listBaseUrl?: string;
  /** The purposes each new credential gets an entry for (default both: revocation and suspension). */
  purposes?: StatusPurpose[];
  /** Entries per new list (default and minimum 131,072; a multiple of 8). */
  listLength?: number;
  /** Allows lists shorter than the minimum, which reveal more about each holder: for tests and demos only. */
  allowSmallLists?: boolean;
  /** A loader to reuse when signing lists. */
  loader?: DocumentLoader;
  /** The clock for list credentials' `validFrom` and proofs (default: the current time). */
  clock?: () => Date;
}

/** What {@link StatusRegistry.revoke}, `suspend` and `unsuspend` did. */
export interface StatusChange {
  credentialId: string;
  purpose: StatusPurpose;
  listId: string;
  index: number;
  /** The bit's value now. */
  set: boolean;
  /** False when the bit already had that value (e.g. revoking twice). */
  changed: boolean;
  /** The re-signed list to publish at `listId`. */
  listCredential: StatusListCredential;
}

/** One of a credential's entries and its bit now. */
export interface CredentialStatusState extends StatusAllocation {
  set: boolean;
}

/**
 * Revocation and suspension with Bitstring Status Lists. Issue through it and every new credential
 * gets one entry per purpose, at a random free index; revoke, suspend or unsuspend by credential id
 * and publish the re-signed list it hands back.
 *
 * @example
 * const registry = new StatusRegistry({ store, key, listBaseUrl: 'https://pd.example.org/status' });
 * await publishAll(await registry.createLists());             // before the first credential
 * const signed = await issueCredential(draft, { key, status: registry });
 * const { listCredential } = await registry.revoke(signed.id); // publish it at listCredential.id
 */
export class StatusRegistry implements CredentialStatusSource {
  readonly #store: StatusStore;
  readonly #key: Key;
  readonly #listBaseUrl: string | undefined;
  readonly #purposes: StatusPurpose[];
  readonly #listLength: number;
  readonly #loader: DocumentLoader | undefined;
  readonly #clock: () => Date;

  constructor(options: StatusRegistryOptions) {
    const { store, key } = options ?? ({} as StatusRegistryOptions);
    if (typeof store?.allocate !== 'function')
      throw invalid(
        'store',
        'StatusRegistry needs a store (a MemoryStatusStore, a FileStatusStore from microcred/node, or another StatusStore).',
      );
    if (!(key instanceof Key))
      throw new MicrocredError(
        ErrorCode.KEY_INVALID,
        'StatusRegistry needs a Key that holds its secret (see generateKey / importKey): it signs the status lists.',
        { path: 'key' },
      );
    // The lists are credentials with a Data Integrity proof: the key must make one (an Ed25519 key).
    key.assertCanMake('eddsa-rdfc-2022');
    const base = options.listBaseUrl;
    if (base !== undefined && (!isUri(base) || !/^https?:\/\//.test(base) || /[?#]/.test(base))) {
      throw invalid(
        'listBaseUrl',
        `listBaseUrl must be an http(s) URL without query or fragment, where the lists will be published; it is ${JSON.stringify(base)}.`,
      );
    }
    const purposes = options.purposes ?? [...STATUS_PURPOSES];
    if (
      !Array.isArray(purposes) ||
      purposes.length === 0 ||
      purposes.some((p) => !STATUS_PURPOSES.includes(p)) ||
      new Set(purposes).size !== purposes.length
    ) {
      throw invalid(
        'purposes',
        `purposes must list "revocation" and/or "suspension", each once; it is ${JSON.stringify(purposes)}.`,
      );
    }
    const length = options.listLength ?? MIN_STATUS_LIST_LENGTH;
    if (!Number.isSafeInteger(length) || length < 8 || length % 8 !== 0)
      throw invalid(
        'listLength',
        `listLength must be a whole number of bytes' worth of bits (a multiple of 8); it is ${String(length)}.`,
      );
    if (length < MIN_STATUS_LIST_LENGTH && options.allowSmallLists !== true) {
      throw invalid(
        'listLength',
        `listLength ${length} is below the Bitstring Status List minimum of ${MIN_STATUS_LIST_LENGTH}, under which an index reveals too much about its holder. Pass allowSmallLists: true only in tests and demos.`,
      );
    }
    this.#store = store;
    this.#key = key;
    this.#listBaseUrl = base?.replace(/\/+$/, '');
    this.#purposes = [...purposes];
    this.#listLength = length;
    this.#loader = options.loader;
    this.#clock = options.clock ?? (() => new Date());
  }

  /** Gives `credentialId` an index on the open list of each purpose (the same ones when asked again) and returns its entries. */
  async entriesFor(credentialId: string): Promise<BitstringStatusListEntry[]> {
    if (!isUri(credentialId))
      throw invalid(
        'id',
        `A credential with a status entry needs an id that is a URI (e.g. urn:uuid:…); it is ${JSON.stringify(credentialId)}.`,
      );
    const entries: BitstringStatusListEntry[] = [];
    for (const purpose of this.#purposes) {
      const { listId, index } = await this.#store.allocate(credentialId, purpose, this.#allocateOptions(purpose));
      entries.push(statusEntry(purpose, listId, index));
    }
    return entries;
  }

  /**
   * Opens a list for each purpose that has none (or a full one) and returns every list, signed:
   * publish them before issuing, so that a verifier finds the list of the very first credential.
   */
  async createLists(): Promise<StatusListCredential[]> {
    const store = this.#store;
    if (typeof store.openList !== 'function') {
      throw new MicrocredError(
        ErrorCode.STORE_FAILED,
        'This status store cannot open a list ahead of issuing (it has no openList); its lists open with the first credential issued.',
      );
    }
    for (const purpose of this.#purposes) await store.openList(purpose, this.#allocateOptions(purpose));
    return this.publish();
  }

  /** Revokes the credential for good (there is no un-revoke) and returns the re-signed list. */
  revoke(credentialId: string): Promise<StatusChange> {
    return this.#set(credentialId, 'revocation', true);
  }

  /** Suspends the credential until {@link unsuspend}; returns the re-signed list. */
  suspend(credentialId: string): Promise<StatusChange> {
    return this.#set(credentialId, 'suspension', true);
  }

  /** Lifts a suspension; returns the re-signed list. */
  unsuspend(credentialId: string): Promise<StatusChange> {
    return this.#set(credentialId, 'suspension', false);
  }

  /** The credential's entries and whether each bit is set (empty when the store does not know it). */
  async statusOf(credentialId: string): Promise<CredentialStatusState[]> {
    const states: CredentialStatusState[] = [];
    for (const allocation of await this.#store.allocations(credentialId)) {
      const list = await this.#store.getList(allocation.listId);
      states.push({ ...allocation, set: list ? getBit(list.bits, allocation.index) : false });
    }
    return states;
  }

  /** Every list, signed now, oldest first: what to (re)publish. */
  async publish(): Promise<StatusListCredential[]> {
    const signed: StatusListCredential[] = [];
    for (const { id } of await this.#store.listIds()) signed.push(await this.listCredential(id));
    return signed;
  }

  /**
   * The list `listId`, signed now, or `undefined` when the store has no such list: what
   * `verifyCredential(credential, { status: registry })` serves for a status list URL.
   */
  async findListCredential(listId: string): Promise<StatusListCredential | undefined> {
    const list = await this.#store.getList(listId);
    return (
      list && signStatusList(list, this.#key, { now: this.#clock(), ...(this.#loader ? { loader: this.#loader } : {}) })
    );
  }

  /** True for a StatusRegistry (a brand check: it runs no code of `value`, such as a Proxy's traps or a getter). */
  static isStatusRegistry(value: unknown): value is StatusRegistry {
    return typeof value === 'object' && value !== null && #store in value;
  }

  /** One list, signed now. */
  async listCredential(listId: string): Promise<StatusListCredential> {
    const list = await this.#store.getList(listId);
    if (!list)
      throw new MicrocredError(ErrorCode.STORE_FAILED, `The store has no status list ${listId}.`, { url: listId });
    return signStatusList(list, this.#key, { now: this.#clock(), ...(this.#loader ? { loader: this.#loader } : {}) });
  }

  async #set(credentialId: string, purpose: StatusPurpose, value: boolean): Promise<StatusChange> {
    const held = (await this.#store.allocations(credentialId)).find((a) => a.purpose === purpose);
    const before = held ? await this.#store.getList(held.listId) : undefined;
    const allocation = await this.#store.setStatus(credentialId, purpose, value);
    if (!allocation) {
      throw new MicrocredError(
        ErrorCode.STATUS_CREDENTIAL_UNKNOWN,
        `${credentialId} has no ${purpose} entry in this status store: it was not issued with this store${purpose === 'suspension' ? ', or without suspension' : ''}.`,
        { credentialId, purpose },
      );
    }
    const changed =
      before === undefined || before.id !== allocation.listId || getBit(before.bits, allocation.index) !== value;
    return { ...allocation, set: value, changed, listCredential: await this.listCredential(allocation.listId) };
  }

  #allocateOptions(purpose: StatusPurpose): AllocateOptions {
    return {
      listLength: this.#listLength,
      nextListId: () => {
        if (this.#listBaseUrl === undefined)
          throw invalid(
            'listBaseUrl',
            'A new status list must be opened, and the StatusRegistry has no listBaseUrl to name it with.',
          );
        // Random, not numbered: two processes opening a list at once never pick the same name.
        return `${this.#listBaseUrl}/${purpose}-${toHex(globalThis.crypto.getRandomValues(new Uint8Array(6)))}.json`;
      },
    };
  }
}

function invalid(path: string, message: string): MicrocredError {
  return new MicrocredError(ErrorCode.FIELD_INVALID, message, { path });
}
