import { afterAll } from 'vitest';
import { join } from 'node:path';
import { MemoryStatusStore } from '../../src/index.js';
import { FileStatusStore } from '../../src/node.js';
import { tempDir } from '../cli/helpers.js';
import { statusStoreContract } from './storeContract.js';

const folder = tempDir();
let files = 0;
afterAll(async () => (await folder).cleanup());

statusStoreContract('MemoryStatusStore', async () => new MemoryStatusStore());
statusStoreContract(
  'FileStatusStore',
  async () => new FileStatusStore(join((await folder).dir, `store-${++files}.json`)),
);
