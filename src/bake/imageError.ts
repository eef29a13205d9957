import { MicrocredError, type ErrorCode } from '../errors.js';

/** A {@link MicrocredError} about an image, with what locates the problem (offset, chunk, line). */
export function imageError(code: ErrorCode, message: string, details: Record<string, unknown> = {}): MicrocredError {
  return new MicrocredError(code, message, details);
}
