import { afterAll, describe } from 'vitest';
import { createPostgresStatusStore } from '../../src/postgres/index.js';
import { statusStoreContract } from '../status/storeContract.js';
import { dropSchemas, newSchema, server, serverUrl } from './server.js';

// The contract every status store meets, here on PostgreSQL, each test on a fresh schema. Without a
// server in CI, serverUrl() fails each test.
describe.skipIf(server.skip)('PostgreSQL', () => {
  afterAll(dropSchemas);
  statusStoreContract('PostgresStatusStore', () =>
    createPostgresStatusStore({ connectionString: serverUrl(), schema: newSchema() }),
  );
});
