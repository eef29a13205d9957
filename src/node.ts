// microcred/node: what needs Node's file system (the file status store, reading a definition file),
// kept out of the main entry so that the verifier and issuer stay browser-safe.
export { FileStatusStore } from './status/fileStore.js';
export type { FileStatusStoreOptions } from './status/fileStore.js';
export { loadCompetency } from './competency/loadFile.js';
export type { LoadCompetencyOptions } from './competency/loadFile.js';
