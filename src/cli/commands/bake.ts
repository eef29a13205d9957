import { bakeCredential } from '../../bake/bake.js';
import { imageKindOf } from '../../bake/image.js';
import { UsageError, parseCommand, required, type CliIo } from '../args.js';
import { readBytes, readText, resolvePath, writeFileSafely } from '../files.js';
import { EXIT } from '../output.js';
import { helpFor } from '../usage.js';

/** `microcred bake --credential FILE --image IMAGE --out FILE`: a signed credential baked into a PNG or SVG. */
export async function bakeCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('bake', args, {
    credential: { type: 'string', short: 'c' },
    image: { type: 'string', short: 'i' },
    out: { type: 'string', short: 'o' },
  });
  if (values.help) {
    io.stdout(helpFor('bake'));
    return EXIT.OK;
  }
  const credentialFile = required('bake', 'credential', values.credential);
  const imageFile = required('bake', 'image', values.image);
  const out = required('bake', 'out', values.out);
  const outPath = resolvePath(io.cwd, out);
  if (outPath === resolvePath(io.cwd, credentialFile))
    throw new UsageError('--out names the credential file; the image would replace it.', 'bake');

  // The credential as text (JSON or a VC-JWT): baked as the issuer wrote it.
  const credential = await readText(resolvePath(io.cwd, credentialFile), credentialFile);
  const image = await readBytes(resolvePath(io.cwd, imageFile), imageFile);
  const baked = bakeCredential(image, credential);
  await writeFileSafely(outPath, baked, { overwrite: true, shownAs: out });
  io.stdout(`Baked ${credentialFile} into ${out} (${(imageKindOf(baked) ?? 'image').toUpperCase()}).\n`);
  return EXIT.OK;
}
