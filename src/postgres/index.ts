/**
 * `microcred/postgres`: status lists kept in PostgreSQL, shared by every process that issues or
 * revokes. A separate entry point so that the main one never loads the `pg` driver (an optional
 * peer dependency: `npm install pg`).
 *
 * @example
 * import { createPostgresStatusStore } from 'microcred/postgres';
 * const store = await createPostgresStatusStore({ connectionString: 'postgres://microcred:…@db:5432/badges' });
 */
export { createPostgresStatusStore, type PostgresStatusStoreOptions } from './store.js';
export type {
  AllocateOptions,
  AllocateRequest,
  StatusAllocation,
  StatusPurpose,
  StatusStore,
  StoredStatusList,
} from '../status/store.js';
