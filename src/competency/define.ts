// Reading a definition: parse (YAML or JSON), check against the schema and the semantic rules, and
// either return a clean CompetencyDefinition or throw one error that lists every problem.
import { parseDocument } from 'yaml';
import { MicrocredError, ErrorCode, type ProblemDetail } from '../errors.js';
import { schemaProblems } from './schemaProblems.js';
import { ruleProblems } from './rules.js';
import type { CompetencyDefinition } from './types.js';

/** How {@link parseCompetency} reads its text. */
export interface ParseCompetencyOptions {
  /** `yaml` or `json`; when absent, taken from `source`'s extension, else from the text itself. */
  format?: 'yaml' | 'json';
  /** Where the text came from (a file name), quoted in error messages. */
  source?: string;
}

/**
 * Checks a parsed definition (an object from YAML, JSON or code) against the definition format
 * and returns it as a {@link CompetencyDefinition} (a copy; the input is not changed).
 *
 * Throws a {@link MicrocredError} with code `ERR_DEFINITION_INVALID` listing every problem:
 * `details.problems` holds `{ path, message }` entries and the message has one `path: message`
 * line per problem, e.g. `components[2].rubric.levels: at least one level must pass`.
 *
 * @example
 * const definition = defineCompetency({ id: 'https://pd.example.org/microcredentials/wait-time', version: '1.0.0', … });
 */
export function defineCompetency(input: unknown): CompetencyDefinition {
  return checked(input);
}

/**
 * Parses a definition written in YAML or JSON and checks it like {@link defineCompetency}.
 * A syntax error is an `ERR_DEFINITION_INVALID` whose message gives the line and column.
 * It takes the file's text, not its name (this runs in browsers too): given something that looks
 * like a file path, it throws `ERR_DEFINITION_INVALID` saying so. To read a file in Node, use
 * `loadCompetency(path)` from `microcred/node`.
 *
 * @example
 * const definition = parseCompetency(await readFile(path, 'utf8'), { source: path });
 */
export function parseCompetency(text: string, options: ParseCompetencyOptions = {}): CompetencyDefinition {
  if (typeof text !== 'string') {
    throw notText(
      `parseCompetency takes the definition's YAML or JSON text (a string); it was given ${describe(text)}. To read a file, use loadCompetency(path) from microcred/node.`,
    );
  }
  if (looksLikeFilePath(text)) {
    const file = text.trim();
    throw notText(
      `parseCompetency was given "${file}", which looks like a file path, not the definition's text. It parses YAML or JSON text and reads no files: use loadCompetency(${JSON.stringify(file)}) from microcred/node, or read the file and pass its text.`,
      { file },
    );
  }
  const format = options.format ?? formatOf(text, options.source);
  const data = format === 'json' ? parseJson(text, options.source) : parseYaml(text, options.source);
  return checked(data, options.source);
}

function checked(input: unknown, source?: string): CompetencyDefinition {
  const problems = inDocumentOrder([...schemaProblems(input), ...ruleProblems(input)], input);
  if (problems.length > 0) throw invalid(problems, source);
  const definition = structuredClone(input) as CompetencyDefinition & { $schema?: string };
  // `$schema` is only there for editors.
  delete definition.$schema;
  return definition;
}

// Problems are listed in the order an author reads the file, not the order the checks ran.
function inDocumentOrder(problems: ProblemDetail[], input: unknown): ProblemDetail[] {
  const keyed = problems.map((problem) => ({ problem, rank: rankOf(problem.path ?? '', input) }));
  // Array.prototype.sort is stable: problems at the same place keep the order the checks found them.
  keyed.sort((a, b) => {
    for (let k = 0; k < Math.min(a.rank.length, b.rank.length); k++)
      if (a.rank[k] !== b.rank[k]) return a.rank[k]! - b.rank[k]!;
    return a.rank.length - b.rank.length;
  });
  return keyed.map((k) => k.problem);
}

// Position of each step of a dotted path in the data: array index, or the key's place among the
// object's keys (a missing key sorts after the present ones).
function rankOf(path: string, input: unknown): number[] {
  const rank: number[] = [];
  let value = input;
  for (const [, key, index] of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (index !== undefined) {
      rank.push(Number(index));
      value = Array.isArray(value) ? value[Number(index)] : undefined;
    } else {
      const keys = typeof value === 'object' && value !== null ? Object.keys(value) : [];
      const at = keys.indexOf(key as string);
      rank.push(at === -1 ? keys.length : at);
      value = at === -1 ? undefined : (value as Record<string, unknown>)[key as string];
    }
  }
  return rank;
}

function invalid(problems: ProblemDetail[], source?: string, extra: Record<string, unknown> = {}): MicrocredError {
  const where = source ? `${source}: ` : '';
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
  return new MicrocredError(
    ErrorCode.DEFINITION_INVALID,
    `${where}invalid competency definition (${count}):\n${lines.join('\n')}`,
    {
      ...(problems[0]?.path ? { path: problems[0].path } : {}),
      ...(source ? { source } : {}),
      problems,
      ...extra,
    },
  );
}

// Not a definition's text at all: one message, said as it is (no "invalid definition" list around it).
function notText(message: string, extra: Record<string, unknown> = {}): MicrocredError {
  return new MicrocredError(ErrorCode.DEFINITION_INVALID, message, { problems: [{ message }], ...extra });
}

// One line ending in a definition file's extension, or starting like a path, that is neither a YAML
// mapping nor JSON. A definition is a mapping, so no valid definition is ever taken for a path.
function looksLikeFilePath(text: string): boolean {
  const line = text.trim();
  if (line === '' || /[\r\n]/.test(line) || /^[{[]/.test(line) || /:(?:\s|$)/.test(line)) return false;
  return /\.(?:ya?ml|json)$/i.test(line) || /^(?:\.{1,2}[\\/]|[\\/]|~[\\/]|[A-Za-z]:[\\/]|file:)/.test(line);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return 'bytes (decode them as UTF-8 first)';
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}

function formatOf(text: string, source?: string): 'yaml' | 'json' {
  if (source && /\.json$/i.test(source)) return 'json';
  if (source && /\.ya?ml$/i.test(source)) return 'yaml';
  return text.trimStart().startsWith('{') ? 'json' : 'yaml';
}

function parseYaml(text: string, source?: string): unknown {
  // YAML 1.2 core schema: no dates or other surprises; duplicate keys are errors.
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const [error] = document.errors;
  if (error) {
    const position = error.linePos?.[0];
    throw syntaxError('YAML', firstLine(error.message), position?.line, position?.col, source);
  }
  return document.toJS({ maxAliasCount: 100 });
}

function parseJson(text: string, source?: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // JSON.parse's messages name a character offset on some engines and nothing on others;
    // the YAML parser (JSON is YAML 1.2) locates the same mistake by line and column.
    const located = parseDocument(text, { prettyErrors: true }).errors[0]?.linePos?.[0];
    const offset = /position (\d+)/.exec((error as Error).message)?.[1];
    const position = located ?? (offset !== undefined ? lineColumn(text, Number(offset)) : undefined);
    throw syntaxError(
      'JSON',
      (error as Error).message.replace(/ in JSON at position \d+.*$/, ''),
      position?.line,
      position?.col,
      source,
    );
  }
}

function syntaxError(
  language: string,
  reason: string,
  line: number | undefined,
  column: number | undefined,
  source?: string,
): MicrocredError {
  const at = line !== undefined ? ` at line ${line}${column !== undefined ? `, column ${column}` : ''}` : '';
  return invalid(
    [{ message: `${language} syntax error${at}: ${reason}` }],
    source,
    line !== undefined ? { line, ...(column !== undefined ? { column } : {}) } : {},
  );
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

function lineColumn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: (before.at(-1)?.length ?? 0) + 1 };
}
