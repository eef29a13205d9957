import { expect } from 'vitest';
import { MicrocredError, type ErrorCode } from '../../src/index.js';

/**
 * The MicrocredError `promise` rejects with. Fails the test when it resolves, rejects with
 * anything else, or (when `code` is given) with another code.
 */
export async function rejection(promise: Promise<unknown>, code?: ErrorCode): Promise<MicrocredError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MicrocredError);
  if (code !== undefined) expect((error as MicrocredError).code).toBe(code);
  return error as MicrocredError;
}
