// The signing key of a command: `--key FILE` (a key file holding its secret) or `--signer MODULE`
// (a JavaScript module exporting the library's ExternalSigner, for a key kept in a KMS or an HSM).
import { pathToFileURL } from 'node:url';
import { isMicrocredError } from '../errors.js';
import { externalKey, type ExternalSigner } from '../keys/externalKey.js';
import type { Key } from '../keys/key.js';
import { UsageError, type CliIo } from './args.js';
import { CliError, CliErrorCode } from './errors.js';
import { exists, readKeyFile, resolvePath } from './files.js';

/** The `--signer` option, for parseCommand (next to `--key`). */
export const SIGNER_OPTION = { signer: { type: 'string' } } as const;

/** Which key a command signs with, as given: a key file or a signer module, its argument and its path. */
export interface SigningKeyRef {
  kind: 'key' | 'signer';
  /** As the command line gave it, for messages. */
  arg: string;
  path: string;
}

/** Exactly one of `--key FILE` and `--signer MODULE`; a usage error for neither or both. */
export function signingKeyRef(
  command: string,
  values: { key?: string | undefined; signer?: string | undefined },
  cwd: string | undefined,
): SigningKeyRef {
  const { key, signer } = values;
  if (key !== undefined && signer !== undefined)
    throw new UsageError(
      'Give either --key FILE (a key file) or --signer MODULE (a key kept elsewhere), not both.',
      command,
    );
  const arg = key ?? signer;
  if (arg === undefined || arg === '')
    throw new UsageError(
      `${command} needs --key FILE (from "microcred keys generate") or --signer MODULE (a module exporting an external signer).`,
      command,
    );
  return { kind: key !== undefined ? 'key' : 'signer', arg, path: resolvePath(cwd, arg) };
}

/**
 * The key `ref` names. A key file warns on stderr when others can read it. A signer module is
 * loaded, its signer wrapped with `externalKey` (the library's checks: its algorithm, its did:key),
 * and asked for one signature, checked against its public key, before the command does anything
 * else: a signer that fails, or answers with a signature its public key does not verify, stops the
 * command before a status index is taken or a file written.
 */
export async function readSigningKey(io: CliIo, ref: SigningKeyRef): Promise<Key> {
  if (ref.kind === 'key') {
    const { key, warning } = await readKeyFile(ref.path, ref.arg);
    if (warning) io.stderr(`warning: ${warning}\n`);
    return key;
  }
  const signer = await loadSigner(ref);
  let key: Key;
  try {
    key = await externalKey(signer);
  } catch (error) {
    if (isMicrocredError(error)) io.stderr(`hint: the signer is the one ${ref.arg} exports.\n`);
    throw error;
  }
  await key.sign(SIGNER_CHECK);
  return key;
}

// What a signer signs to show that it works and holds the key it names. Neither a JWS signing input
// nor a Data Integrity hash: the signature means nothing outside this check.
const SIGNER_CHECK = new TextEncoder().encode('microcred: checking the external signer before signing with it');

/** The module's `signer` export, else its default export; a clear error when it has neither. */
async function loadSigner(ref: SigningKeyRef): Promise<ExternalSigner> {
  if (!(await exists(ref.path)))
    throw new CliError(`There is no signer module ${ref.arg}.`, CliErrorCode.FILE_UNREADABLE, { file: ref.arg });
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(pathToFileURL(ref.path).href)) as Record<string, unknown>;
  } catch (error) {
    throw new CliError(
      `The signer module ${ref.arg} could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
      CliErrorCode.SIGNER_MODULE_INVALID,
      { file: ref.arg },
    );
  }
  const signer = loaded.signer ?? loaded.default;
  if (typeof signer !== 'object' || signer === null || typeof (signer as { sign?: unknown }).sign !== 'function')
    throw new CliError(
      `${ref.arg} exports no signer: its default export, or an export named "signer", must be { id, algorithm, publicKey, sign(data) } (an external signer, as externalKey takes).`,
      CliErrorCode.SIGNER_MODULE_INVALID,
      { file: ref.arg },
    );
  return signer as ExternalSigner;
}
