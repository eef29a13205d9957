// microcred/node: what needs Node's file system, kept out of the main entry so that the verifier
// and issuer stay browser-safe.
export { FileStatusStore } from './status/fileStore.js';
export type { FileStatusStoreOptions } from './status/fileStore.js';
