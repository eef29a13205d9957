import { ErrorCode, isMicrocredError, type ProblemDetail } from '../../errors.js';
import { compileAchievement } from '../../competency/compile.js';
import type { CompetencyDefinition } from '../../competency/types.js';
import { UsageError, parseCommand, type CliIo } from '../args.js';
import { CliError } from '../errors.js';
import { resolvePath, writeFileSafely } from '../files.js';
import { readDefinition } from '../inputs.js';
import { EXIT } from '../output.js';
import { helpFor } from '../usage.js';

/** What `competency check --json` prints for one file. */
export interface DefinitionCheck {
  file: string;
  valid: boolean;
  /** Every problem, with its path in the definition (absent for a syntax error or an unreadable file). */
  problems: (ProblemDetail & { code?: string })[];
  /** The definition's id, version and name, when it is valid. */
  id?: string;
  version?: string;
  name?: string;
}

/** `microcred competency <check|compile>`. */
export async function competencyCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'check') return check(rest, io);
  if (sub === 'compile') return compile(rest, io);
  if (sub === '--help' || sub === '-h') return help(io, 'competency');
  if (sub === undefined) throw new UsageError('competency needs a subcommand: check or compile.', 'competency');
  throw new UsageError(`"${sub}" is not a competency subcommand; use check or compile.`, 'competency');
}

async function check(args: string[], io: CliIo): Promise<number> {
  const { values, positionals: files } = parseCommand('competency check', args, { json: { type: 'boolean' } }, true);
  if (values.help) return help(io, 'competency check');
  if (files.length === 0)
    throw new UsageError('competency check needs at least one definition file.', 'competency check');

  const results: DefinitionCheck[] = [];
  const definitions = new Map<DefinitionCheck, CompetencyDefinition>();
  for (const file of files) {
    try {
      const definition = await readDefinition(io, file);
      const result = {
        file,
        valid: true,
        problems: [],
        id: definition.id,
        version: definition.version,
        name: definition.name,
      };
      results.push(result);
      definitions.set(result, definition);
    } catch (error) {
      if (!isMicrocredError(error) && !(error instanceof CliError)) throw error;
      // An invalid definition lists its problems; any other error (an unreadable file) is its one problem.
      const problems =
        isMicrocredError(error, ErrorCode.DEFINITION_INVALID) && error.details.problems?.length
          ? error.details.problems
          : [{ code: error.code, message: error.message }];
      results.push({ file, valid: false, problems });
    }
  }

  if (values.json) io.stdout(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
  else {
    for (const result of results) {
      const definition = definitions.get(result);
      if (definition) io.stdout(`✔ ${result.file}: ${definition.name} ${definition.version} (${sizeOf(definition)})\n`);
      else {
        io.stdout(`✖ ${result.file}\n`);
        for (const p of result.problems)
          io.stdout(
            `  ${p.path ? `${p.path}: ` : ''}${p.code && p.code !== ErrorCode.DEFINITION_INVALID ? `${p.code}: ` : ''}${p.message}\n`,
          );
      }
    }
    if (results.length > 1) io.stdout(`\n${results.filter((r) => r.valid).length} of ${results.length} valid.\n`);
  }
  return results.every((r) => r.valid) ? EXIT.OK : EXIT.FAILED;
}

function sizeOf(definition: CompetencyDefinition): string {
  if (definition.stack) {
    const n = definition.stack.requires.length;
    return `stack of ${n} micro-credential${n === 1 ? '' : 's'}`;
  }
  const n = definition.components?.length ?? 0;
  return `${n} component${n === 1 ? '' : 's'}`;
}

async function compile(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(
    'competency compile',
    args,
    { out: { type: 'string', short: 'o' } },
    true,
  );
  if (values.help) return help(io, 'competency compile');
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'competency compile needs a definition file.'
        : 'competency compile takes one definition file.',
      'competency compile',
    );
  }
  const file = positionals[0] as string;
  const achievement = compileAchievement(await readDefinition(io, file));
  const text = `${JSON.stringify(achievement, null, 2)}\n`;
  if (values.out === undefined) io.stdout(text);
  else {
    await writeFileSafely(resolvePath(io.cwd, values.out), text, { overwrite: true, shownAs: values.out });
    io.stdout(`Compiled ${achievement.id} and wrote it to ${values.out}.\n`);
  }
  return EXIT.OK;
}

function help(io: CliIo, command: string): number {
  io.stdout(helpFor(command));
  return EXIT.OK;
}
