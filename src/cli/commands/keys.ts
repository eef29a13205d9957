import { dirname, join } from 'node:path';
import { isMicrocredError } from '../../errors.js';
import { CliErrorCode } from '../errors.js';
import { generateKey } from '../../keys/generateKey.js';
import { exportKey } from '../../keys/exportKey.js';
import { didWebDocument, didWebOf } from '../../keys/didWeb.js';
import { didWebUrl } from '../../network/didWeb.js';
import { CliError, UsageError, parseCommand, required, type CliIo } from '../args.js';
import { exists, readKeyFile, resolvePath, writeFileSafely } from '../files.js';
import { helpFor } from '../usage.js';

/** `microcred keys <generate|did-web>`. */
export async function keysCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'generate') return generate(rest, io);
  if (sub === 'did-web') return didWeb(rest, io);
  if (sub === '--help' || sub === '-h') return help(io, 'keys');
  if (sub === undefined) throw new UsageError('keys needs a subcommand: generate or did-web.', 'keys');
  throw new UsageError(`"${sub}" is not a keys subcommand; use generate or did-web.`, 'keys');
}

async function generate(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('keys generate', args, {
    out: { type: 'string', short: 'o' },
    stdout: { type: 'boolean' },
    'did-web': { type: 'string' },
    type: { type: 'string' },
    force: { type: 'boolean', short: 'f' },
  });
  if (values.help) return help(io, 'keys generate');
  const type = values.type ?? 'ed25519';
  if (type !== 'ed25519' && type !== 'p256' && type !== 'rsa') {
    throw new UsageError(
      `--type must be ed25519 (the default), p256 (ES256, for VC-JWTs) or rsa (RS256, for VC-JWTs); it is "${type}".`,
      'keys generate',
    );
  }
  if (values.out === undefined && !values.stdout) {
    throw new UsageError(
      'keys generate needs --out FILE to write the key to (or --stdout to print it, secret included).',
      'keys generate',
    );
  }
  if (values.out !== undefined && values.stdout)
    throw new UsageError('Give either --out or --stdout, not both.', 'keys generate');
  const domain = values['did-web'];
  const controller = domain === undefined ? undefined : didWebFor(domain, 'keys generate');

  const key = await generateKey({ type, ...(controller ? { controller } : {}) });
  const exported = await exportKey(key, { includeSecret: true });
  const keyText = `${JSON.stringify(exported, null, 2)}\n`;

  if (values.stdout) {
    // Asked for explicitly: the one place the secret is printed, for piping into a secret store.
    io.stdout(keyText);
    if (domain !== undefined)
      io.stderr(
        `Save the key to a file, then write its DID document with: microcred keys did-web --key FILE --domain ${domain}\n`,
      );
    return 0;
  }

  const out = values.out as string;
  const keyPath = resolvePath(io.cwd, out);
  const didPath = domain === undefined ? undefined : join(dirname(keyPath), 'did.json');
  const didShown = join(dirname(out), 'did.json');
  if (didPath === keyPath)
    throw new UsageError(
      'With --did-web the DID document is written as did.json beside the key; name the key file something else.',
      'keys generate',
    );
  // Check both files before writing either, so a refusal leaves nothing half done.
  if (!values.force) {
    for (const [path, shown] of [
      [keyPath, out],
      [didPath, didShown],
    ] as const) {
      if (path && (await exists(path)))
        throw new CliError(
          `${shown} already exists; not overwriting it (it may hold the only copy of a key). Use --force to replace it.`,
          CliErrorCode.FILE_EXISTS,
          { file: shown },
        );
    }
  }
  await writeFileSafely(keyPath, keyText, { secret: true, overwrite: Boolean(values.force), shownAs: out });
  const kind =
    type === 'ed25519'
      ? 'Ed25519 issuer key'
      : type === 'p256'
        ? 'P-256 key (ES256, for VC-JWTs)'
        : 'RSA key (RS256, for VC-JWTs)';
  io.stdout(
    `Wrote a new ${kind} to ${out} (mode 0600).\nKeep it secret: anyone who has it can issue credentials as this ${key.controller ? 'DID' : 'key'}.\n\n`,
  );
  if (key.id) io.stdout(`DID                  ${key.controller ?? '(none)'}\nVerification method  ${key.id}\n`);
  else {
    io.stdout(
      'This key has no id: VC-JWTs signed with it carry its public key in the header, and verifiers count it as\n' +
        "the issuer's only where the issuer's DID document lists it. To publish it, use --did-web DOMAIN.\n",
    );
  }

  if (domain !== undefined && didPath) {
    const document = didWebDocument(domain, [key]);
    await writeFileSafely(didPath, `${JSON.stringify(document, null, 2)}\n`, {
      overwrite: Boolean(values.force),
      shownAs: didShown,
    });
    io.stdout(
      `\nWrote its DID document to ${didShown}.\nPublish it at ${didWebUrl(document.id)} so that verifiers can find the key\n(or give it to \`microcred verify\` with --did-doc ${didShown}).\n`,
    );
  }
  return 0;
}

async function didWeb(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('keys did-web', args, {
    key: { type: 'string', short: 'k' },
    domain: { type: 'string' },
    out: { type: 'string', short: 'o' },
    force: { type: 'boolean', short: 'f' },
  });
  if (values.help) return help(io, 'keys did-web');
  const keyArg = required('keys did-web', 'key', values.key);
  const domain = required('keys did-web', 'domain', values.domain);
  const did = didWebFor(domain, 'keys did-web');

  const { key, warning } = await readKeyFile(resolvePath(io.cwd, keyArg), keyArg);
  if (warning) io.stderr(`warning: ${warning}\n`);
  const document = didWebDocument(domain, [key]);
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (values.out === undefined) io.stdout(text);
  else {
    await writeFileSafely(resolvePath(io.cwd, values.out), text, {
      overwrite: Boolean(values.force),
      shownAs: values.out,
    });
    io.stdout(`Wrote the DID document for ${did} to ${values.out}.\nPublish it at ${didWebUrl(did)}.\n`);
  }
  if (key.controller !== did) {
    const owner = key.controller
      ? `names ${key.controller} as its controller, so credentials issued with it name that DID as issuer`
      : 'names no controller, so its VC-JWTs carry the public key in the header';
    const type = key.type === 'ed25519' ? '' : ` --type ${key.type}`;
    io.stderr(
      `note: ${keyArg} ${owner}.\n      To issue as ${did}, create a key with: microcred keys generate${type} --did-web ${domain} --out FILE\n`,
    );
  }
  return 0;
}

function didWebFor(domain: string, command: string): string {
  try {
    return didWebOf(domain);
  } catch (error) {
    if (isMicrocredError(error)) throw new UsageError(error.message, command);
    throw error;
  }
}

function help(io: CliIo, command: string): number {
  io.stdout(helpFor(command));
  return 0;
}
