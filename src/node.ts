// microcred/node: what needs Node's file system (the file status store, reading a definition file),
// kept out of the main entry so that the verifier and issuer stay browser-safe.
export { FileStatusStore } from './status/fileStore.js';
export type { FileStatusStoreOptions } from './status/fileStore.js';
export { loadCompetency } from './competency/loadFile.js';
export type { LoadCompetencyOptions } from './competency/loadFile.js';

// Batches over worker threads (src/parallel): Node only (worker_threads).
export { verifyMany } from './parallel/verifyMany.js';
export type { VerifyManyOptions } from './parallel/verifyMany.js';
export { issueMany } from './parallel/issueMany.js';
export type { IssueManyOptions, IssueManyResult } from './parallel/issueMany.js';
export { WorkerPool } from './parallel/pool.js';
export type { ParallelOptions } from './parallel/pool.js';
export type { PortableVerifyOptions } from './parallel/tasks.js';
