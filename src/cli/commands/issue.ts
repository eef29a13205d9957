import { ErrorCode, isMicrocredError } from '../../errors.js';
import { issueCredential } from '../../issue/issueCredential.js';
import type { UnsignedCredential } from '../../model/credential.js';
import { UsageError, parseCommand, required, type CliIo } from '../args.js';
import { readJson, readKeyFile, resolvePath, writeFileSafely } from '../files.js';
import { printError } from '../output.js';
import { helpFor } from '../usage.js';

/**
 * The options of `microcred issue`. Another source of the unsigned credential (e.g. a competency
 * definition with a reviewed submission) adds its options here and a branch in {@link unsignedCredential}.
 */
export const ISSUE_OPTIONS = {
  key: { type: 'string', short: 'k' },
  credential: { type: 'string', short: 'c' },
  out: { type: 'string', short: 'o' },
} as const;

type IssueValues = ReturnType<typeof parseIssue>['values'];

function parseIssue(args: string[]) {
  return parseCommand('issue', args, ISSUE_OPTIONS);
}

/** `microcred issue --key KEY --credential FILE [--out FILE]`. */
export async function issueCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseIssue(args);
  if (values.help) {
    io.stdout(helpFor('issue'));
    return 0;
  }
  const keyArg = required('issue', 'key', values.key);
  const keyPath = resolvePath(io.cwd, keyArg);
  const outPath = values.out === undefined ? undefined : resolvePath(io.cwd, values.out);
  if (outPath === keyPath) throw new UsageError('--out names the key file; the signed credential would replace the key.', 'issue');

  const unsigned = await unsignedCredential(values, io);
  const { key, warning } = await readKeyFile(keyPath, keyArg);
  if (warning) io.stderr(`warning: ${warning}\n`);

  let signed;
  try {
    signed = await issueCredential(unsigned, { key });
  } catch (error) {
    const code = printError(io, error);
    // A mismatch already names both DIDs; a missing or malformed issuer.id does not say which DID to use.
    if (isMicrocredError(error) && error.code !== ErrorCode.ISSUER_MISMATCH && (error.details.problems ?? []).some((p) => p.path === 'issuer.id')) {
      io.stderr(`hint: the key in ${keyArg} belongs to ${key.controller}; issuer.id must be that DID.\n`);
    }
    return code;
  }
  const text = `${JSON.stringify(signed, null, 2)}\n`;
  if (outPath === undefined) io.stdout(text);
  else {
    await writeFileSafely(outPath, text, { overwrite: true, shownAs: values.out });
    io.stdout(`Signed ${signed.id} and wrote it to ${values.out}.\n`);
  }
  return 0;
}

/** The unsigned credential to sign, from whichever source the options name. */
async function unsignedCredential(values: IssueValues, io: CliIo): Promise<UnsignedCredential> {
  if (values.credential !== undefined) {
    return (await readJson(resolvePath(io.cwd, values.credential), values.credential)) as UnsignedCredential;
  }
  throw new UsageError('issue needs --credential FILE: the unsigned credential (JSON) to sign.', 'issue');
}
