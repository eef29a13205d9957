// What `microcred verify` is given, as a list of things to read: files, every credential file in a
// folder (recursively), and `-` for standard input.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError, type CliIo } from './args.js';
import { CliError, CliErrorCode } from './errors.js';
import { readBytes, resolvePath } from './files.js';

/** The extensions `verify DIR` picks up: JSON credentials, VC-JWTs and baked badges. */
export const CREDENTIAL_EXTENSIONS = ['.json', '.jwt', '.png', '.svg'];

// As for files: a credential or a baked badge is small; piping a disk image in is a mistake.
const MAX_STDIN_BYTES = 10 * 1024 * 1024;

/** One thing to verify: how it is named in the report, and how to read its bytes (which may throw a CliError). */
export interface VerifyInput {
  name: string;
  read(): Promise<Uint8Array>;
}

/**
 * The inputs named on the command line, in order: a file as it is, a folder as every file under it
 * with a credential extension (sorted, symbolic links not followed), `-` as standard input (once).
 */
export async function expandInputs(args: readonly string[], io: CliIo): Promise<VerifyInput[]> {
  if (args.filter((a) => a === '-').length > 1)
    throw new UsageError('verify reads standard input once: give - at most once.', 'verify');
  const inputs: VerifyInput[] = [];
  for (const arg of args) {
    if (arg === '-') inputs.push(stdinInput(io));
    else if (await isDirectory(resolvePath(io.cwd, arg))) inputs.push(...(await folderInputs(arg, io)));
    else inputs.push({ name: arg, read: () => readBytes(resolvePath(io.cwd, arg), arg) });
  }
  return inputs;
}

function stdinInput(io: CliIo): VerifyInput {
  return {
    name: '-',
    async read() {
      if (!io.stdinBytes) throw new CliError('Standard input cannot be read here.', CliErrorCode.FILE_UNREADABLE);
      const bytes = await io.stdinBytes();
      if (bytes.byteLength > MAX_STDIN_BYTES)
        throw new CliError(
          `Standard input is larger than ${MAX_STDIN_BYTES / 1024 / 1024} MB; it is not a credential.`,
          CliErrorCode.FILE_UNREADABLE,
        );
      return bytes;
    },
  };
}

async function folderInputs(folder: string, io: CliIo): Promise<VerifyInput[]> {
  const names = (await credentialFiles(resolvePath(io.cwd, folder))).map((relative) =>
    join(folder, relative).split('\\').join('/'),
  );
  if (names.length === 0)
    return [
      {
        name: folder,
        read: () =>
          Promise.reject(
            new CliError(
              `${folder} holds no credential file (${CREDENTIAL_EXTENSIONS.join(', ')}), in it or below.`,
              CliErrorCode.FILE_UNREADABLE,
              { file: folder },
            ),
          ),
      },
    ];
  return names.map((name) => ({ name, read: () => readBytes(resolvePath(io.cwd, name), name) }));
}

/** The paths (relative to `root`) of the files with a credential extension under `root`, sorted. */
async function credentialFiles(root: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(join(root, prefix), { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = prefix === '' ? entry.name : join(prefix, entry.name);
    // A symbolic link is not followed (a link to a parent folder would never end); a file is taken by its extension.
    if (entry.isDirectory()) found.push(...(await credentialFiles(root, path)));
    else if (entry.isFile() && CREDENTIAL_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext)))
      found.push(path);
  }
  return found;
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
