import { isMicrocredError } from '../errors.js';
import { CliError, UsageError, type CliIo } from './args.js';
import { usageLine } from './usage.js';

/** Exit statuses: 0 done (verify: every credential verified; competency check: all valid; decide: approved), 1 not, 2 the command line is wrong. */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2 } as const;

/**
 * Prints an error to stderr and returns the exit status for it. A {@link MicrocredError} prints as
 * `error ERR_CODE: message` followed by each problem with its JSON path.
 */
export function printError(io: CliIo, error: unknown): number {
  if (error instanceof UsageError) {
    io.stderr(`error: ${error.message}\n${usageLine(error.command)}`);
    return EXIT.USAGE;
  }
  if (error instanceof CliError) {
    io.stderr(`error ${error.code}: ${error.message}\n`);
    return EXIT.FAILED;
  }
  if (isMicrocredError(error)) {
    const problems = error.details.problems ?? [];
    // Some messages (an invalid definition's) list their problems too; they are printed once, below.
    const message = problems.length > 0 ? (error.message.split('\n')[0] as string) : error.message;
    io.stderr(`error ${error.code}: ${message}\n`);
    for (const problem of problems) {
      const code = (problem as { code?: unknown }).code;
      io.stderr(
        `  - ${problem.path ?? '(document)'}: ${problem.message}${typeof code === 'string' && code !== error.code ? ` (${code})` : ''}\n`,
      );
    }
    if (problems.length === 0 && typeof error.details.path === 'string') io.stderr(`  - at ${error.details.path}\n`);
    return EXIT.FAILED;
  }
  // Not a verdict on any input: a bug in microcred or a library. Say so rather than print a stack.
  io.stderr(`error ERR_INTERNAL: ${(error as Error)?.message ?? String(error)}\n`);
  return EXIT.FAILED;
}
