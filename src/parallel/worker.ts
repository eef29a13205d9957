// The module each worker thread of verifyMany / issueMany loads (dist/worker.js in the package):
// Piscina calls its default export with one task at a time.
import { runTask } from './tasks.js';

export default runTask;
