import { version } from '../../package.json';
import { UsageError, type CliIo } from './args.js';
import { keysCommand } from './commands/keys.js';
import { competencyCommand } from './commands/competency.js';
import { decideCommand } from './commands/decide.js';
import { issueCommand } from './commands/issue.js';
import { verifyCommand } from './commands/verify.js';
import { bakeCommand } from './commands/bake.js';
import { extractCommand } from './commands/extract.js';
import { statusCommand } from './commands/status.js';
import { serveCommand } from './commands/serve.js';
import { endorseCommand } from './commands/endorse.js';
import { clrCommand } from './commands/clr.js';
import { EXIT, printError } from './output.js';
import { helpFor, helpTopics } from './usage.js';
import { nearest } from './suggest.js';

export type { CliIo } from './args.js';

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  keys: keysCommand,
  competency: competencyCommand,
  decide: decideCommand,
  issue: issueCommand,
  verify: verifyCommand,
  bake: bakeCommand,
  extract: extractCommand,
  status: statusCommand,
  serve: serveCommand,
  endorse: endorseCommand,
  clr: clrCommand,
};

/**
 * Runs the microcred command line in-process and returns its exit status: 0 done (verify: every
 * credential verified; competency check: every definition valid; decide: approved), 1 not, 2 the
 * command line is wrong. Never throws and never exits.
 *
 * @example
 * const out: string[] = [];
 * const status = await run(['verify', 'badge.json', '--json'], { stdout: (s) => out.push(s), stderr: (s) => out.push(s) });
 */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (command === '--version' || command === '-V') {
      io.stdout(`${version}\n`);
      return EXIT.OK;
    }
    if (command === '--help' || command === '-h') {
      io.stdout(helpFor());
      return EXIT.OK;
    }
    if (command === 'help') return help(args, io);
    if (command === undefined) throw new UsageError('No command given.');
    const handler = COMMANDS[command];
    if (!handler)
      throw new UsageError(
        command.startsWith('-')
          ? `Unknown option ${command}.${suggestion(command, ['--help', '--version'])}`
          : `Unknown command "${command}".${suggestion(command, Object.keys(COMMANDS), (c) => `"${c}"`)}`,
      );
    return await handler(args, io);
  } catch (error) {
    return printError(io, error);
  }
}

function suggestion(typed: string, known: string[], show = (name: string) => name): string {
  const near = nearest(typed, known);
  return near ? ` Did you mean ${show(near)}?` : '';
}

function help(args: string[], io: CliIo): number {
  const topic = args.join(' ');
  if (topic === '') io.stdout(helpFor());
  else if (helpTopics().includes(topic)) io.stdout(helpFor(topic));
  else throw new UsageError(`No help for "${topic}"; the commands are ${helpTopics().join(', ')}.`);
  return EXIT.OK;
}
