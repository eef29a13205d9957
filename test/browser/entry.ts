// What the browser page exposes to the tests: the public API, bundled for browsers.
import * as microcred from '../../src/index.js';

(globalThis as unknown as { microcred: typeof microcred }).microcred = microcred;
