import { bundleClr } from '../../records/bundleClr.js';
import { formatReport } from '../../verify/format.js';
import { UsageError, parseCommand, required, type CliIo } from '../args.js';
import { readJson, readKeyFile, resolvePath, writeFileSafely } from '../files.js';
import { parseMoment, readDefinition } from '../inputs.js';
import { EXIT } from '../output.js';
import { helpFor } from '../usage.js';
import { loaderWith } from './verify.js';

/**
 * `microcred clr bundle CRED... --key KEY [--holder DID | --email E] [--stack FILE] --out FILE`:
 * verifies each credential and bundles them into one signed CLR 2.0 ClrCredential.
 */
export async function clrCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h' || sub === undefined) {
    io.stdout(helpFor('clr bundle'));
    return sub === undefined ? EXIT.USAGE : EXIT.OK;
  }
  if (sub !== 'bundle') throw new UsageError(`Unknown clr command "${sub}"; the one there is: bundle.`, 'clr bundle');
  const { values, positionals: files } = parseCommand(
    'clr bundle',
    rest,
    {
      key: { type: 'string', short: 'k' },
      holder: { type: 'string' },
      email: { type: 'string' },
      stack: { type: 'string' },
      name: { type: 'string' },
      'omit-invalid': { type: 'boolean' },
      'did-doc': { type: 'string', multiple: true },
      now: { type: 'string' },
      out: { type: 'string', short: 'o' },
      force: { type: 'boolean' },
    },
    true,
  );
  if (values.help) {
    io.stdout(helpFor('clr bundle'));
    return EXIT.OK;
  }
  if (files.length === 0) throw new UsageError('clr bundle needs at least one credential file.', 'clr bundle');
  if (values.holder !== undefined && values.email !== undefined)
    throw new UsageError('Give --holder DID or --email EMAIL, not both.', 'clr bundle');
  const keyFile = required('clr bundle', 'key', values.key);
  const out = required('clr bundle', 'out', values.out);
  const now = values.now === undefined ? undefined : parseMoment(values.now, '--now', 'clr bundle');
  const { key, warning } = await readKeyFile(resolvePath(io.cwd, keyFile), keyFile);
  if (warning) io.stderr(`warning: ${warning}\n`);
  const credentials: unknown[] = [];
  for (const file of files) credentials.push(await readJson(resolvePath(io.cwd, file), file));
  const loader = await loaderWith(values['did-doc'] ?? [], io, 'clr bundle');
  const stack = values.stack === undefined ? undefined : await readDefinition(io, values.stack);
  const clr = await bundleClr(credentials, {
    key,
    loader,
    ...(now ? { now } : {}),
    ...(values.holder !== undefined ? { holder: { id: values.holder } } : {}),
    ...(values.email !== undefined ? { holder: { email: values.email } } : {}),
    ...(stack ? { stack } : {}),
    ...(values.name ? { name: values.name } : {}),
    ...(values['omit-invalid']
      ? {
          omitInvalid: true,
          onOmitted: (index, report) =>
            io.stderr(`left out ${files[index]}:\n${formatReport(report, { color: io.color === true })}\n`),
        }
      : {}),
  }).catch((error: unknown) => {
    // Name the file, not only its index in the list.
    const index = (error as { details?: { index?: unknown } }).details?.index;
    if (typeof index === 'number' && files[index] !== undefined)
      io.stderr(`${files[index]} does not verify; it was not bundled (--omit-invalid leaves such files out).\n`);
    throw error;
  });
  await writeFileSafely(resolvePath(io.cwd, out), `${JSON.stringify(clr, null, 2)}\n`, {
    overwrite: values.force === true,
    shownAs: out,
  });
  const bundled = (clr.credentialSubject as { verifiableCredential: unknown[] }).verifiableCredential.length;
  io.stdout(`Bundled ${bundled} of ${files.length} credential(s) into ${out}.\n`);
  return EXIT.OK;
}
