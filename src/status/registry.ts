import { MicrocredError, ErrorCode } from '../errors.js';
import { isUri } from '../identifiers.js';
import { toHex } from '../encoding.js';
import type { DocumentLoader } from '../contexts/documentLoader.js';
import { Key } from '../keys/key.js';
import { statusEntry, type BitstringStatusListEntry, type CredentialStatusSource } from './entry.js';
import { signStatusList, type StatusListCredential } from './listCredential.js';
import { getBit, otherIssuer, STATUS_PURPOSES } from './state.js';
import type { AllocateOptions, StatusAllocation, StatusPurpose, StatusStore, StoredStatusList } from './store.js';
import { changedSince, readVersionToken, versionToken } from './publishVersion.js';
import { decodeList } from './bitstring.js';

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

/** One credential's change in {@link StatusRegistry.revokeMany} and its kin: a {@link StatusChange} without the list. */
export type StatusChangeOf = Omit<StatusChange, 'listCredential'>;

/** What {@link StatusRegistry.revokeMany}, `suspendMany` and `unsuspendMany` did. */
export interface StatusChanges {
  /** One per credential id, in the order given. */
  changes: StatusChangeOf[];
  /** Each list that holds one of the credentials, re-signed once: publish each at its `id`. */
  listCredentials: StatusListCredential[];
}

/** What {@link StatusRegistry.publishChanges} returns. */
export interface PublishedChanges {
  /** The registry's lists that changed (or are new) since the version given, signed now, oldest first. */
  lists: StatusListCredential[];
  /** Pass it as `since` next time to get only what changed after this call (an opaque string). */
  version: string;
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
 * Each list belongs to one issuer, the DID that controls the key (`key.controller`): a registry
 * allocates on, changes and re-signs only its issuer's lists, so several issuers can share a store.
 * A new key of the same DID (key rotation within a DID document) keeps using the same lists; a
 * registry for a new DID opens new lists, and the old DID's lists stay with the old key.
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
  /** The DID whose lists this registry uses: the key's controller. */
  readonly #issuer: string;
  /** Lists seen to be this issuer's (a list's issuer never changes once recorded). */
  readonly #own = new Set<string>();

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
    if (typeof key.controller !== 'string' || key.controller === '')
      throw new MicrocredError(
        ErrorCode.KEY_INVALID,
        'StatusRegistry needs a key with a controller (the issuer DID).',
        {
          path: 'key',
        },
      );
    this.#store = store;
    this.#key = key;
    this.#issuer = key.controller;
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
      // A store that ignores options.issuer (one written before issuers were recorded) must not hand
      // out an index on another issuer's list: that credential's status would be signed by a stranger.
      if (!this.#own.has(listId)) {
        await this.#ownList(listId);
        this.#own.add(listId);
      }
      entries.push(statusEntry(purpose, listId, index));
    }
    return entries;
  }

  /**
   * {@link entriesFor} for many credentials in one store call where the store allows it (one file
   * write, one PostgreSQL transaction, whatever the number of credentials): each credential gets an
   * index on the open list of each purpose, lists opening as they fill; a credential that has
   * indexes gets the same ones back. Returns one array of entries per id, in the order given.
   * A store without `allocateMany` is asked one credential at a time.
   *
   * @example
   * const [first, second] = await registry.entriesForMany(['urn:uuid:…1', 'urn:uuid:…2']);
   */
  async entriesForMany(credentialIds: readonly string[]): Promise<BitstringStatusListEntry[][]> {
    if (!Array.isArray(credentialIds))
      throw invalid('ids', 'Give the credential ids as an array of URIs (e.g. urn:uuid:…).');
    credentialIds.forEach((id, i) => {
      if (typeof id !== 'string' || !isUri(id))
        throw invalid(
          `ids[${i}]`,
          `A credential with a status entry needs an id that is a URI (e.g. urn:uuid:…); ids[${i}] is ${JSON.stringify(id)}.`,
        );
    });
    const store = this.#store;
    if (typeof store.allocateMany !== 'function') return sequentially(credentialIds, (id) => this.entriesFor(id));
    if (credentialIds.length === 0) return [];
    const requests = this.#purposes.map((purpose) => ({ purpose, options: this.#allocateOptions(purpose) }));
    const allocated = await store.allocateMany(credentialIds, requests);
    if (!Array.isArray(allocated) || allocated.length !== credentialIds.length)
      throw new MicrocredError(
        ErrorCode.STORE_FAILED,
        `The status store returned ${Array.isArray(allocated) ? allocated.length : 'no'} allocations for ${credentialIds.length} credentials.`,
      );
    const entries: BitstringStatusListEntry[][] = [];
    for (const [i, held] of allocated.entries()) {
      const row: BitstringStatusListEntry[] = [];
      for (const [j, { purpose }] of requests.entries()) {
        const allocation = held?.[j];
        if (allocation?.purpose !== purpose || allocation.credentialId !== credentialIds[i])
          throw new MicrocredError(
            ErrorCode.STORE_FAILED,
            `The status store returned no ${purpose} allocation for ${String(credentialIds[i])}.`,
          );
        // As in entriesFor: an index on another issuer's list is never handed out.
        if (!this.#own.has(allocation.listId)) {
          await this.#ownList(allocation.listId);
          this.#own.add(allocation.listId);
        }
        row.push(statusEntry(purpose, allocation.listId, allocation.index));
      }
      entries.push(row);
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

  /**
   * Revokes every credential in `credentialIds` and re-signs each list concerned once (not once per
   * credential). Every id is checked before any bit changes: an id this store does not know, or one
   * on another issuer's list, is refused (`ERR_STATUS_CREDENTIAL_UNKNOWN`, `ERR_STATUS_LIST_OTHER_ISSUER`)
   * and nothing is revoked.
   */
  revokeMany(credentialIds: readonly string[]): Promise<StatusChanges> {
    return this.#setMany(credentialIds, 'revocation', true, true);
  }

  /** Suspends every credential in `credentialIds`; one re-signed list per list concerned (see {@link revokeMany}). */
  suspendMany(credentialIds: readonly string[]): Promise<StatusChanges> {
    return this.#setMany(credentialIds, 'suspension', true, true);
  }

  /** Lifts the suspension of every credential in `credentialIds`; one re-signed list per list concerned. */
  unsuspendMany(credentialIds: readonly string[]): Promise<StatusChanges> {
    return this.#setMany(credentialIds, 'suspension', false, true);
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

  /** Every list of this registry's issuer, signed now, oldest first: what to (re)publish. Other issuers' lists are left out. */
  async publish(): Promise<StatusListCredential[]> {
    return (await this.publishChanges()).lists;
  }

  /**
   * The lists of this issuer that are new or changed since `since` (a `version` an earlier call
   * returned; without it, every list), signed now, and the version to pass next time.
   *
   * @example
   * const { lists, version } = await registry.publishChanges({ since: lastVersion });
   * await upload(lists); lastVersion = version;   // save it only once the upload succeeded
   */
  async publishChanges(options: { since?: string } = {}): Promise<PublishedChanges> {
    const since = readVersionToken(options?.since);
    const lists: StatusListCredential[] = [];
    const seen: { id: string; version: number }[] = [];
    for (const ref of await this.#store.listIds()) {
      if (ref.issuer !== this.#issuer) continue;
      const list = await this.#store.getList(ref.id);
      if (!list || list.issuer !== this.#issuer) continue;
      // The version is the one of the bits signed, read together with them.
      seen.push({ id: list.id, version: list.version });
      if (changedSince(since, list)) lists.push(await this.#sign(list));
    }
    return { lists, version: versionToken(seen) };
  }

  /**
   * Adopts lists written before microcred recorded issuers: each list credential given (as
   * published) names a list of the store and must say this registry's issuer (its `issuer`, and a
   * proof by a key of that DID); the list then records the issuer and is this registry's from now
   * on. A list already this issuer's is left as it is; one another issuer claimed is
   * `ERR_STATUS_LIST_OTHER_ISSUER`. Returns the ids of the lists adopted now.
   *
   * This guards against mistakes (adopting another issuer's list), not against whoever can write
   * the store: the proof is not verified here.
   */
  async adoptLists(published: readonly unknown[]): Promise<string[]> {
    const store = this.#store;
    if (typeof store.claimList !== 'function')
      throw new MicrocredError(
        ErrorCode.STORE_FAILED,
        "This status store cannot record a list's issuer (it has no claimList).",
      );
    const adopted: string[] = [];
    for (const [i, credential] of (published ?? []).entries()) {
      const { id, issuer, method, purpose, encodedList } = listCredentialClaims(credential);
      const path = `published[${i}]`;
      const list = id === undefined ? undefined : await store.getList(id);
      if (!list)
        throw invalid(
          path,
          `${path} is not the list credential of a list in this store (its id is ${JSON.stringify(id)}).`,
        );
      if (list.issuer === this.#issuer) continue;
      if (list.issuer !== undefined) throw otherIssuer(list.id, list.issuer, this.#issuer);
      if (issuer !== this.#issuer || !method?.startsWith(`${this.#issuer}#`) || purpose !== list.purpose)
        throw otherIssuer(list.id, issuer ?? 'an unnamed issuer', this.#issuer);
      if (
        encodedList === undefined ||
        (await decodeList(encodedList, 'BitstringStatusList').catch(() => undefined))?.length !== list.length
      )
        throw invalid(path, `${path} has no readable list of ${list.length} bits, so it is not the list ${list.id}.`);
      await store.claimList(list.id, this.#issuer);
      adopted.push(list.id);
    }
    return adopted;
  }

  /**
   * The list `listId`, signed now, or `undefined` when the store has no such list: what
   * `verifyCredential(credential, { status: registry })` serves for a status list URL.
   */
  async findListCredential(listId: string): Promise<StatusListCredential | undefined> {
    const list = await this.#store.getList(listId);
    // Another issuer's list is not this registry's to sign: as if it did not have it.
    return list && list.issuer === this.#issuer ? this.#sign(list) : undefined;
  }

  /** True for a StatusRegistry (a brand check: it runs no code of `value`, such as a Proxy's traps or a getter). */
  static isStatusRegistry(value: unknown): value is StatusRegistry {
    return typeof value === 'object' && value !== null && #store in value;
  }

  /** One list, signed now. */
  async listCredential(listId: string): Promise<StatusListCredential> {
    return this.#sign(await this.#ownList(listId));
  }

  #sign(list: StoredStatusList): Promise<StatusListCredential> {
    return signStatusList(list, this.#key, { now: this.#clock(), ...(this.#loader ? { loader: this.#loader } : {}) });
  }

  async #set(credentialId: string, purpose: StatusPurpose, value: boolean): Promise<StatusChange> {
    const [change] = (await this.#setMany([credentialId], purpose, value, false)).changes;
    const { changed, ...rest } = change as StatusChangeOf;
    return { ...rest, changed, listCredential: await this.listCredential(rest.listId) };
  }

  /**
   * Checks every id first (each must have a `purpose` entry on one of this issuer's lists), so that
   * a refused id changes nothing; then sets the bits in one store call where the store allows it,
   * and re-signs each affected list once (when `sign`).
   */
  async #setMany(
    ids: readonly string[],
    purpose: StatusPurpose,
    value: boolean,
    sign: boolean,
  ): Promise<StatusChanges> {
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || id === ''))
      throw invalid('ids', 'Give the credential ids as an array of non-empty strings (e.g. urn:uuid:…).');
    const unique = [...new Set(ids)];
    const before = new Map<string, StoredStatusList>();
    for (const credentialId of unique) {
      const held = (await this.#store.allocations(credentialId)).find((a) => a.purpose === purpose);
      if (!held) throw unknownCredential(credentialId, purpose);
      if (!before.has(held.listId)) before.set(held.listId, await this.#ownList(held.listId));
    }
    const store = this.#store;
    const allocations =
      typeof store.setStatusMany === 'function'
        ? await store.setStatusMany(unique, purpose, value)
        : await sequentially(unique, (id) => store.setStatus(id, purpose, value));
    const byId = new Map<string, StatusChangeOf>();
    unique.forEach((credentialId, i) => {
      const allocation = allocations[i];
      if (!allocation) throw unknownCredential(credentialId, purpose);
      const list = before.get(allocation.listId);
      const changed = list === undefined || getBit(list.bits, allocation.index) !== value;
      byId.set(credentialId, { ...allocation, set: value, changed });
    });
    const listCredentials: StatusListCredential[] = [];
    if (sign)
      for (const listId of new Set([...byId.values()].map((c) => c.listId)))
        listCredentials.push(await this.listCredential(listId));
    return { changes: ids.map((id) => byId.get(id) as StatusChangeOf), listCredentials };
  }

  /** The list `listId` when it is this issuer's; otherwise `ERR_STATUS_LIST_OTHER_ISSUER` or `ERR_STATUS_LIST_UNCLAIMED`. */
  async #ownList(listId: string): Promise<StoredStatusList> {
    const list = await this.#store.getList(listId);
    if (!list)
      throw new MicrocredError(ErrorCode.STORE_FAILED, `The store has no status list ${listId}.`, { url: listId });
    if (list.issuer === this.#issuer) return list;
    if (list.issuer !== undefined) throw otherIssuer(listId, list.issuer, this.#issuer);
    throw new MicrocredError(
      ErrorCode.STATUS_LIST_UNCLAIMED,
      `The status list ${listId} was written before microcred recorded which issuer a list belongs to, so it is not changed or re-signed until its issuer adopts it: call adoptLists with its published list credential.`,
      { url: listId },
    );
  }

  #allocateOptions(purpose: StatusPurpose): AllocateOptions {
    return {
      listLength: this.#listLength,
      issuer: this.#issuer,
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

function unknownCredential(credentialId: string, purpose: StatusPurpose): MicrocredError {
  return new MicrocredError(
    ErrorCode.STATUS_CREDENTIAL_UNKNOWN,
    `${credentialId} has no ${purpose} entry in this status store: it was not issued with this store${purpose === 'suspension' ? ', or without suspension' : ''}.`,
    { credentialId, purpose },
  );
}

async function sequentially<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await work(item));
  return results;
}

/** The fields of a published list credential that {@link StatusRegistry.adoptLists} compares, read defensively. */
function listCredentialClaims(value: unknown): {
  id?: string;
  issuer?: string;
  method?: string;
  purpose?: unknown;
  encodedList?: string;
} {
  const object = (v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  const string = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const credential = object(value);
  const issuer = string(credential.issuer) ?? string(object(credential.issuer).id);
  const proofs = Array.isArray(credential.proof) ? credential.proof : [credential.proof];
  const subject = object(credential.credentialSubject);
  return {
    id: string(credential.id),
    issuer,
    method: string(object(proofs[0]).verificationMethod),
    purpose: subject.statusPurpose,
    encodedList: string(subject.encodedList),
  };
}

function invalid(path: string, message: string): MicrocredError {
  return new MicrocredError(ErrorCode.FIELD_INVALID, message, { path });
}
