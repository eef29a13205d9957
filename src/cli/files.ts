import { chmod, mkdir, open, readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { withoutByteOrderMark } from '../jsonText.js';
import { MicrocredError, ErrorCode } from '../errors.js';
import { importKey } from '../keys/importKey.js';
import type { Key } from '../keys/key.js';
import { CliError, CliErrorCode } from './errors.js';

// Credentials and DID documents are small; a limit keeps a wrong argument (a disk image, /dev/zero) from exhausting memory.
const MAX_INPUT_BYTES = 10 * 1024 * 1024;

/** `path` resolved against the caller's working directory. */
export function resolvePath(cwd: string | undefined, path: string): string {
  return resolve(cwd ?? process.cwd(), path);
}

/** A file's text, or a {@link CliError} `ERR_FILE_UNREADABLE` that says why in plain words. */
export async function readText(path: string, shownAs: string = path): Promise<string> {
  return decodeText(await readBytes(path, shownAs));
}

/** A file's bytes as text, decoded as readFile(path, 'utf8') does: invalid sequences become U+FFFD, a byte-order mark is kept. */
export function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

/** A file's bytes (for images), with the same checks and errors as {@link readText}. */
export async function readBytes(path: string, shownAs: string = path): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (info.isDirectory())
      throw new CliError(`${shownAs} is a directory, not a file.`, CliErrorCode.FILE_UNREADABLE, { file: shownAs });
    if (info.size > MAX_INPUT_BYTES)
      throw new CliError(
        `${shownAs} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB; it is not a credential.`,
        CliErrorCode.FILE_UNREADABLE,
        { file: shownAs },
      );
    return new Uint8Array(await readFile(path));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${shownAs} could not be read: ${describeFsError(error)}.`, CliErrorCode.FILE_UNREADABLE, {
      file: shownAs,
    });
  }
}

/**
 * A JSON file's value (a leading byte-order mark ignored). With `secret`, a parse error does not quote the text: Node's JSON
 * messages include a snippet of the input, which for a key file would be key material.
 */
export async function readJson(
  path: string,
  shownAs: string = path,
  options: { secret?: boolean } = {},
): Promise<unknown> {
  const text = await readText(path, shownAs);
  try {
    // Editors on Windows start UTF-8 files with a byte-order mark; RFC 8259 §8.1 lets a reader ignore it.
    return JSON.parse(withoutByteOrderMark(text));
  } catch (error) {
    const why = options.secret ? 'it is not valid JSON' : `it is not valid JSON (${(error as Error).message})`;
    throw new MicrocredError(ErrorCode.INPUT_NOT_JSON, `${shownAs} could not be read: ${why}.`, { file: shownAs });
  }
}

/** The key in a key file (Ed25519, P-256 or RSA; Multikey or JWK), plus a warning when other users can read the file. */
export async function readKeyFile(path: string, shownAs: string): Promise<{ key: Key; warning?: string }> {
  const key = await importKey(await readJson(path, shownAs, { secret: true }));
  let warning: string | undefined;
  if (key.canSign && process.platform !== 'win32') {
    const mode = (await stat(path)).mode & 0o777;
    if (mode & 0o077)
      warning = `${shownAs} holds a secret key but other users can read it (mode ${mode.toString(8).padStart(4, '0')}); run: chmod 600 ${shownAs}`;
  }
  return warning ? { key, warning } : { key };
}

/** Whether something exists at `path`. */
export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes `text` (or bytes) to `path`, creating missing parent folders. `secret` files are created with mode
 * 0600 and chmod-ed again after writing (an existing file keeps its old mode when opened, and
 * folders created for them are 0700). Without `overwrite`, an existing file is an error: the
 * file is opened exclusively, so there is no window between checking and writing.
 */
export async function writeFileSafely(
  path: string,
  text: string | Uint8Array,
  options: { secret?: boolean; overwrite?: boolean; shownAs?: string } = {},
): Promise<void> {
  const shownAs = options.shownAs ?? path;
  const mode = options.secret ? 0o600 : 0o644;
  try {
    await mkdir(dirname(path), { recursive: true, ...(options.secret ? { mode: 0o700 } : {}) });
    const handle = await open(path, options.overwrite ? 'w' : 'wx', mode);
    try {
      if (options.secret) await handle.chmod(0o600);
      await handle.writeFile(text, typeof text === 'string' ? 'utf8' : undefined);
    } finally {
      await handle.close();
    }
    if (options.secret) await chmod(path, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CliError(
        `${shownAs} already exists; not overwriting it. Use --force to replace it.`,
        CliErrorCode.FILE_EXISTS,
      );
    }
    throw new CliError(`${shownAs} could not be written: ${describeFsError(error)}.`, CliErrorCode.FILE_UNWRITABLE);
  }
}

function describeFsError(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return (error as Error).message;
  }
}
