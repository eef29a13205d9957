import { UsageError } from './errors.js';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { nearest } from './suggest.js';

/** Where a command writes: text goes out as given (callers add newlines). `cwd` resolves relative paths. */
export interface CliIo {
  stdout(s: string): void;
  stderr(s: string): void;
  cwd?: string;
  /** Colour human-readable reports (main.ts sets it for a terminal, and as FORCE_COLOR and NO_COLOR say). */
  color?: boolean;
  /** Reads all of standard input, for commands given `-` (main.ts sets it). */
  stdin?: () => Promise<string>;
  /** Reads all of standard input as bytes (a baked PNG piped to `verify -`); main.ts sets it. */
  stdinBytes?: () => Promise<Uint8Array>;
  /** Redraw progress in place on stderr (main.ts sets it when stderr is a terminal); else a plain line now and then. */
  progress?: boolean;
}

export { CliError, UsageError } from './errors.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/** What {@link parseCommand} returns for the options `O`. */
export type Parsed<O extends OptionSpec> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O & typeof HELP_OPTION; allowPositionals: boolean; strict: true }>
>;

/**
 * `parseArgs` in strict mode, with its errors turned into {@link UsageError}s for `command`.
 * Every command accepts `--help`/`-h`.
 */
export function parseCommand<O extends OptionSpec>(
  command: string,
  args: string[],
  options: O,
  allowPositionals = false,
): Parsed<O> {
  try {
    return parseArgs({ args, options: { ...options, ...HELP_OPTION }, allowPositionals, strict: true });
  } catch (error) {
    // node:util's messages name the option (never its value) and say what was wrong with it;
    // the unknown-option one goes on to explain `--`, which is noise here.
    const message = (error as Error).message;
    const unknown =
      (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? /^Unknown option '([^']*)'/.exec(message)
        : null;
    if (!unknown) throw new UsageError(message, command);
    throw new UsageError(`Unknown option ${unknown[1]}.${didYouMean(unknown[1]!, options)}`, command);
  }
}

/** " Did you mean --json?" for a mistyped option, or nothing when no option is near it. */
function didYouMean(typed: string, options: OptionSpec): string {
  const names = [...Object.keys(options), 'help'].map((name) => `--${name}`);
  const near = nearest(typed.split('=')[0]!, names);
  return near ? ` Did you mean ${near}?` : '';
}

/** The value of a required string option, or a usage error naming it. */
export function required(command: string, name: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new UsageError(`${command} needs --${name}.`, command);
  return value;
}
