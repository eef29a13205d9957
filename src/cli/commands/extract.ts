import { extractCredential } from '../../bake/extract.js';
import { UsageError, parseCommand, type CliIo } from '../args.js';
import { readBytes, resolvePath } from '../files.js';
import { EXIT } from '../output.js';
import { helpFor } from '../usage.js';

/** `microcred extract IMAGE`: prints the credential baked into a PNG or SVG. */
export async function extractCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('extract', args, {}, true);
  if (values.help) {
    io.stdout(helpFor('extract'));
    return EXIT.OK;
  }
  if (positionals.length !== 1) throw new UsageError('extract needs exactly one image file.', 'extract');
  const file = positionals[0]!;
  const { format, credential } = extractCredential(await readBytes(resolvePath(io.cwd, file), file));
  // JSON is printed as JSON (indented); a VC-JWT as the compact JWS it is.
  io.stdout(`${format === 'vc-jwt' ? credential : JSON.stringify(credential, null, 2)}\n`);
  return EXIT.OK;
}
