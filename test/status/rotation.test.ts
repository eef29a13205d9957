// Key rotation and two issuers sharing a file store (the data-loss bug of issue 16): a registry
// allocates on, changes and re-signs only its own issuer's lists.
import { afterAll, describe, it } from 'vitest';
import { join } from 'node:path';
import { FileStatusStore } from '../../src/node.js';
import { tempDir } from '../cli/helpers.js';
import { rotationScenario } from './rotationScenario.js';

const folder = tempDir();
afterAll(async () => (await folder).cleanup());

describe('key rotation and two issuers on one store', () => {
  it('file store: a second key of the same DID keeps the lists; a new DID gets its own; every credential still verifies and revokes', async () => {
    const path = join((await folder).dir, 'shared.json');
    await rotationScenario(async () => new FileStatusStore(path));
  });
});
