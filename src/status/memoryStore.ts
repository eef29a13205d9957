import { StatusState } from './state.js';
import type {
  AllocateOptions,
  AllocateRequest,
  StatusAllocation,
  StatusListRef,
  StatusPurpose,
  StatusStore,
  StoredStatusList,
} from './store.js';

/**
 * A {@link StatusStore} in memory, for tests and demos: everything is lost when the process ends.
 * Works in browsers.
 *
 * @example
 * const registry = new StatusRegistry({ store: new MemoryStatusStore(), key, listBaseUrl: 'https://pd.example.org/status' });
 */
export class MemoryStatusStore implements StatusStore {
  // Every operation runs to completion synchronously, so calls never interleave.
  readonly #state = new StatusState();

  async allocate(credentialId: string, purpose: StatusPurpose, options: AllocateOptions): Promise<StatusAllocation> {
    return this.#state.allocate(credentialId, purpose, options);
  }

  async allocateMany(
    credentialIds: readonly string[],
    requests: readonly AllocateRequest[],
  ): Promise<StatusAllocation[][]> {
    return this.#state.allocateMany(credentialIds, requests);
  }

  async openList(purpose: StatusPurpose, options: AllocateOptions): Promise<StoredStatusList> {
    return this.#state.openList(purpose, options);
  }

  async setStatus(credentialId: string, purpose: StatusPurpose, value: boolean): Promise<StatusAllocation | undefined> {
    return this.#state.setStatus(credentialId, purpose, value);
  }

  async setStatusMany(
    credentialIds: readonly string[],
    purpose: StatusPurpose,
    value: boolean,
  ): Promise<(StatusAllocation | undefined)[]> {
    return this.#state.setStatusMany(credentialIds, purpose, value);
  }

  async claimList(listId: string, issuer: string): Promise<StoredStatusList> {
    return this.#state.claimList(listId, issuer);
  }

  async allocations(credentialId: string): Promise<StatusAllocation[]> {
    return this.#state.allocations(credentialId);
  }

  async getList(listId: string): Promise<StoredStatusList | undefined> {
    return this.#state.getList(listId);
  }

  async listIds(): Promise<StatusListRef[]> {
    return this.#state.listIds();
  }

  async close(): Promise<void> {}
}
