/** Why a credential's bit is set: withdrawn for good, or paused. */
export type StatusPurpose = 'revocation' | 'suspension';

/** One status list as a store keeps it. */
export interface StoredStatusList {
  /** The URL the list credential is published at; also the list credential's `id`. */
  id: string;
  purpose: StatusPurpose;
  /** Number of entries (bits); at least 131,072, the Bitstring Status List minimum. */
  length: number;
  /** The bits, packed: index 0 is the most significant bit of byte 0 (the spec's order). */
  bits: Uint8Array;
  /** How many indexes are handed out. */
  allocated: number;
  /** Goes up by one on every change to the bits, so a publisher knows when to re-sign. */
  version: number;
  /**
   * The issuer (DID) whose key signs the list: only a registry of that issuer allocates on it or
   * re-signs it. Absent on a list written before microcred recorded issuers, until an issuer claims it.
   */
  issuer?: string;
}

/** A list's id, purpose and issuer, as {@link StatusStore.listIds} names them. */
export interface StatusListRef {
  id: string;
  purpose: StatusPurpose;
  /** Absent for a list written before microcred recorded issuers. */
  issuer?: string;
}

/** Where one credential's status lives. */
export interface StatusAllocation {
  credentialId: string;
  purpose: StatusPurpose;
  listId: string;
  index: number;
}

/** What {@link StatusStore.allocate} needs to open a list when none is open or the open one is full. */
export interface AllocateOptions {
  /** The id (publication URL) for a new list; called only when a list must be opened. */
  nextListId: () => string;
  /** The length of a new list, in bits. */
  listLength: number;
  /**
   * The issuer (DID) the allocation is for: only that issuer's lists are used, and a new list
   * records it. Without it, only lists that record no issuer are used (stores written before issuers were recorded).
   */
  issuer?: string;
}

/** One purpose of a {@link StatusStore.allocateMany} call, with the options a single allocation of it takes. */
export interface AllocateRequest {
  purpose: StatusPurpose;
  options: AllocateOptions;
}

/**
 * Storage for status lists. Every method is atomic: after its promise resolves the change is durable,
 * and concurrent calls (from one process or many) never hand out the same index twice or lose a bit.
 */
export interface StatusStore {
  /**
   * Gives `credentialId` an index on the open list for `purpose` (of `options.issuer`), chosen at random among the free
   * ones so that indexes do not reveal issuance order; opens a new list when the open one is full.
   * Asking again for the same credential and purpose returns the same allocation.
   */
  allocate(credentialId: string, purpose: StatusPurpose, options: AllocateOptions): Promise<StatusAllocation>;
  /**
   * Gives every credential of `credentialIds` an index for each request's purpose, as {@link allocate}
   * would one by one (random free indexes on the issuer's open list, a new list opened when it fills,
   * the same allocation back for a credential that has one), in one durable change: one file write,
   * one transaction. The result has one array per credential, in the order given, holding one
   * allocation per request, in the order of `requests`. Optional: without it a registry calls
   * {@link allocate} for each credential and purpose.
   */
  allocateMany?(credentialIds: readonly string[], requests: readonly AllocateRequest[]): Promise<StatusAllocation[][]>;
  /**
   * The open list for `purpose`, opened (empty) when there is none or the open one is full, so that
   * a list can be published before the first credential pointing at it is issued. Optional for
   * compatibility; {@link StatusRegistry.createLists} needs it.
   */
  openList?(purpose: StatusPurpose, options: AllocateOptions): Promise<StoredStatusList>;
  /** Sets (`true`) or clears (`false`) the credential's bit; `undefined` when it has no entry for `purpose`. */
  setStatus(credentialId: string, purpose: StatusPurpose, value: boolean): Promise<StatusAllocation | undefined>;
  /**
   * Sets or clears the bit of every credential in `credentialIds` in one durable change, so that a
   * bulk revocation is one write; the result has one entry per id, `undefined` where the credential
   * has no entry for `purpose`. Optional: without it a registry calls {@link setStatus} for each id.
   */
  setStatusMany?(
    credentialIds: readonly string[],
    purpose: StatusPurpose,
    value: boolean,
  ): Promise<(StatusAllocation | undefined)[]>;
  /**
   * Records `issuer` on the list `listId` when it records none yet (a list from before issuers were
   * recorded) and returns the list; a list that records another issuer is left as it is and
   * `ERR_STATUS_LIST_OTHER_ISSUER` is thrown. Optional: needed to adopt such lists.
   */
  claimList?(listId: string, issuer: string): Promise<StoredStatusList>;
  /** The credential's allocations, one per purpose it has. */
  allocations(credentialId: string): Promise<StatusAllocation[]>;
  /** One list, or `undefined`. */
  getList(listId: string): Promise<StoredStatusList | undefined>;
  /** Every list's id, purpose and issuer (of every issuer), oldest first. */
  listIds(): Promise<StatusListRef[]>;
  /** Releases files or connections. */
  close(): Promise<void>;
}
