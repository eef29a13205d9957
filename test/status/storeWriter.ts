// Run as a child process by fileStore.test.ts (bundled first): allocates revocation entries in a
// FileStatusStore and revokes every second one, printing each change once the store acknowledged it.
// Usage: node storeWriter.mjs STORE_FILE PREFIX COUNT [bulk]
// With `bulk`, allocates in chunks of 10 through allocateMany and revokes nothing.
import { FileStatusStore } from '../../src/status/fileStore.js';

const [path, prefix, count, mode] = process.argv.slice(2) as [string, string, string, string?];
const store = new FileStatusStore(path);
let lists = 0;
const options = {
  listLength: 64,
  nextListId: () => `https://pd.example.org/status/${prefix}-${process.pid}-${++lists}`,
};
if (mode === 'bulk') {
  for (let start = 0; start < Number(count); start += 10) {
    const ids = Array.from(
      { length: Math.min(10, Number(count) - start) },
      (_, i) => `urn:example:${prefix}:${start + i}`,
    );
    for (const [allocation] of await store.allocateMany(ids, [{ purpose: 'revocation', options }]))
      process.stdout.write(`allocated ${allocation?.credentialId} ${allocation?.listId} ${allocation?.index}\n`);
  }
}
for (let i = 0; i < (mode === 'bulk' ? 0 : Number(count)); i++) {
  const id = `urn:example:${prefix}:${i}`;
  const { listId, index } = await store.allocate(id, 'revocation', options);
  // Writes to a pipe are synchronous on Linux: a line is out before the next change starts.
  process.stdout.write(`allocated ${id} ${listId} ${index}\n`);
  if (i % 2 === 1) {
    await store.setStatus(id, 'revocation', true);
    process.stdout.write(`revoked ${id}\n`);
  }
}
await store.close();
