// Node-only (node:fs): exported from `microcred/node`, never from the browser-safe main entry.
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ErrorCode, MicrocredError } from '../errors.js';
import { withoutByteOrderMark } from '../jsonText.js';
import { parseCompetency, type ParseCompetencyOptions } from './define.js';
import type { CompetencyDefinition } from './types.js';

/** A definition is a few kilobytes; a file far larger is not one (and is not read into memory). */
const MAX_DEFINITION_BYTES = 1024 * 1024;

/** Options of {@link loadCompetency}. */
export type LoadCompetencyOptions = Pick<ParseCompetencyOptions, 'format'>;

/**
 * Reads a competency definition file (YAML or JSON, told apart by the extension, else by the
 * text) and checks it like `parseCompetency`, naming the file in every message.
 *
 * Throws a `MicrocredError`: `ERR_DEFINITION_UNREADABLE` when the file cannot be read (missing, a
 * directory, not permitted, over 1 MiB), `ERR_DEFINITION_INVALID` listing every problem otherwise.
 *
 * @example
 * import { loadCompetency } from 'microcred/node';
 * const definition = await loadCompetency('competencies/wait-time.yaml');
 */
export async function loadCompetency(
  path: string | URL,
  options: LoadCompetencyOptions = {},
): Promise<CompetencyDefinition> {
  const file = path instanceof URL ? fileURLToPath(path) : path;
  if (typeof file !== 'string' || file === '') {
    throw new MicrocredError(
      ErrorCode.DEFINITION_UNREADABLE,
      `loadCompetency takes the path of a definition file; it was given ${JSON.stringify(file) ?? String(file)}.`,
    );
  }
  let text: string;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw unreadable(file, 'it is a directory, not a file');
    if (info.size > MAX_DEFINITION_BYTES)
      throw unreadable(file, `it is ${info.size} bytes, over the ${MAX_DEFINITION_BYTES}-byte limit for a definition`);
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw error instanceof MicrocredError ? error : unreadable(file, reasonOf(error));
  }
  // Editors on Windows start UTF-8 files with a byte-order mark; JSON.parse would refuse it.
  return parseCompetency(withoutByteOrderMark(text), {
    source: file,
    ...(options.format ? { format: options.format } : {}),
  });
}

function unreadable(file: string, why: string): MicrocredError {
  return new MicrocredError(
    ErrorCode.DEFINITION_UNREADABLE,
    `The competency definition ${file} could not be read: ${why}.`,
    { file },
  );
}

function reasonOf(error: unknown): string {
  switch ((error as { code?: unknown })?.code) {
    case 'ENOENT':
      return 'there is no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
