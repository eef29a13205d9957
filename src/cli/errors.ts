// The command line's own errors: a wrong command line, a file it cannot read or write. They are
// the CLI's, not the library's: no function of microcred's API throws them, and run() prints them.
import { isMicrocredError } from '../errors.js';

/** The codes only the command line gives (printed as `error ERR_…: message`, and in a verify report for an unreadable file). */
export const CliErrorCode = {
  USAGE: 'ERR_USAGE',
  FILE_UNREADABLE: 'ERR_FILE_UNREADABLE',
  FILE_EXISTS: 'ERR_FILE_EXISTS',
  FILE_UNWRITABLE: 'ERR_FILE_UNWRITABLE',
  // batch issuance: a manifest that is not this batch's, or a rows file changed under an issued row
  BATCH_MANIFEST_MISMATCH: 'ERR_BATCH_MANIFEST_MISMATCH',
  // serve: the address cannot be listened on (in use, not this machine's, a privileged port)
  LISTEN_FAILED: 'ERR_LISTEN_FAILED',
  // --signer MODULE: a module that cannot be loaded, or exports no external signer
  SIGNER_MODULE_INVALID: 'ERR_SIGNER_MODULE_INVALID',
} as const;

export type CliErrorCode = (typeof CliErrorCode)[keyof typeof CliErrorCode];

/** The title of each CLI code, as the library's catalogue (ERROR_TITLES) has one per library code. */
export const CLI_ERROR_TITLES: { readonly [C in CliErrorCode]: string } = {
  [CliErrorCode.USAGE]: 'The command line is not right',
  [CliErrorCode.FILE_UNREADABLE]: 'The file could not be read',
  [CliErrorCode.FILE_EXISTS]: 'The file exists already',
  [CliErrorCode.FILE_UNWRITABLE]: 'The file could not be written',
  [CliErrorCode.BATCH_MANIFEST_MISMATCH]: "The manifest is not this batch's",
  [CliErrorCode.LISTEN_FAILED]: 'The service cannot listen there',
  [CliErrorCode.SIGNER_MODULE_INVALID]: 'The signer module cannot be used',
};

/** The command cannot do what was asked for a reason outside the credential (a file exists, a folder is read-only): exit 1. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: CliErrorCode,
    readonly details: { file?: string } = {},
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The command line is wrong (unknown option, missing argument, malformed value): exit 2 with usage for `command`. */
export class UsageError extends CliError {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message, CliErrorCode.USAGE);
    this.name = 'UsageError';
  }
}

/** The message of an error the CLI met (its own or the library's), else the value as text. */
export function messageOf(error: unknown): string {
  return error instanceof CliError || isMicrocredError(error) ? error.message : String(error);
}
