// A teacher presents two badges to a verifier site, which checks the presentation and each badge.
// Run with `npm run build && node examples/presentation/present.mjs`. Everything is offline.
import * as microcred from '../../dist/index.js';
import { present } from './steps.mjs';

await present(microcred);
