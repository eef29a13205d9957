import type { StatusPurpose } from './store.js';

/**
 * One `credentialStatus` entry of a credential (Bitstring Status List §2.1): bit `statusListIndex`
 * of the list published at `statusListCredential` says whether the credential is revoked (or suspended).
 */
export interface BitstringStatusListEntry {
  /** `${statusListCredential}#${statusListIndex}`. */
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: StatusPurpose;
  /** The index, as a string of decimal digits (the spec's form). */
  statusListIndex: string;
  /** The URL of the status list credential. */
  statusListCredential: string;
}

/** What {@link issueCredential}'s `status` option needs: the entries for a new credential's id. */
export interface CredentialStatusSource {
  /** The credential's status entries (allocating its indexes on first call; the same ones after). */
  entriesFor(credentialId: string): Promise<BitstringStatusListEntry[]>;
  /**
   * The entries of many credentials at once, one array per id in the order given, as
   * {@link entriesFor} would give them one by one. Optional: batch issuance uses it, when present,
   * to allocate a chunk of credentials in one store call.
   */
  entriesForMany?(credentialIds: readonly string[]): Promise<BitstringStatusListEntry[][]>;
}

/** The entry for index `index` of the list `listId`. */
export function statusEntry(purpose: StatusPurpose, listId: string, index: number): BitstringStatusListEntry {
  return {
    id: `${listId}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential: listId,
  };
}
