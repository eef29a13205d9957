// microcred/element: the <microcred-verifier> custom element for browsers.
export { MicrocredVerifier, defineVerifierElement } from './verifierElement.js';
export type { VerifiedDetail } from './verifierElement.js';
export type { VerifiedInput } from './verifyAny.js';
export { TEXT } from './text.js';
export type { Verdict } from './text.js';
