/** Bounds on what the verifier reads, so that hostile input cannot exhaust time or memory. */
export interface VerifyLimits {
  /** Largest input accepted, in bytes (JSON text, JWT or image). */
  maxInputBytes: number;
  /** Deepest nesting of objects and arrays accepted. */
  maxDepth: number;
  /** Most proofs one credential may carry. */
  maxProofs: number;
  /** Longest string the report echoes back; longer ones are shortened in the report. */
  maxEchoLength: number;
}
