import { compileAchievement } from '../../competency/compile.js';
import { isJsonObject } from '../../jsonPath.js';
import { issueEndorsement } from '../../records/issueEndorsement.js';
import { UsageError, parseCommand, required, type CliIo } from '../args.js';
import { readJson, readKeyFile, resolvePath, writeFileSafely } from '../files.js';
import { parseMoment, readDefinition } from '../inputs.js';
import { EXIT } from '../output.js';
import { helpFor } from '../usage.js';

/**
 * `microcred endorse --key KEY (--achievement FILE | --profile ID | --credential FILE) --comment TEXT --out FILE`:
 * signs an EndorsementCredential for an achievement (a competency definition or an Achievement as
 * JSON), an issuer profile (its id) or a credential.
 */
export async function endorseCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('endorse', args, {
    key: { type: 'string', short: 'k' },
    achievement: { type: 'string' },
    profile: { type: 'string' },
    credential: { type: 'string' },
    comment: { type: 'string' },
    name: { type: 'string' },
    'endorser-name': { type: 'string' },
    now: { type: 'string' },
    out: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(helpFor('endorse'));
    return EXIT.OK;
  }
  const keyFile = required('endorse', 'key', values.key);
  const comment = required('endorse', 'comment', values.comment);
  const out = required('endorse', 'out', values.out);
  const given = (['achievement', 'profile', 'credential'] as const).filter((o) => values[o] !== undefined);
  if (given.length !== 1)
    throw new UsageError(
      'endorse needs exactly one of --achievement FILE, --profile ID, --credential FILE.',
      'endorse',
    );
  const now = values.now === undefined ? undefined : parseMoment(values.now, '--now', 'endorse');
  const { key, warning } = await readKeyFile(resolvePath(io.cwd, keyFile), keyFile);
  if (warning) io.stderr(`warning: ${warning}\n`);
  const endorsed = await endorsedOf(io, values);
  const endorsement = await issueEndorsement(
    {
      endorsed,
      comment,
      ...(values.name ? { name: values.name } : {}),
      ...(values['endorser-name'] ? { endorser: { name: values['endorser-name'] } } : {}),
    },
    { key, ...(now ? { now } : {}) },
  );
  await writeFileSafely(resolvePath(io.cwd, out), `${JSON.stringify(endorsement, null, 2)}\n`, {
    overwrite: values.force === true,
    shownAs: out,
  });
  io.stdout(`Endorsed ${typeof endorsed === 'string' ? endorsed : endorsed.id}: ${out}\n`);
  return EXIT.OK;
}

// What is endorsed: a profile by its id; an achievement from a competency definition (YAML or JSON)
// or an Achievement's JSON; a credential from its JSON.
async function endorsedOf(
  io: CliIo,
  values: { achievement?: string; profile?: string; credential?: string },
): Promise<string | { id: string; name?: string }> {
  if (values.profile !== undefined) return values.profile;
  const file = (values.achievement ?? values.credential) as string;
  if (values.achievement !== undefined && /\.ya?ml$/i.test(file))
    return compileAchievement(await readDefinition(io, file));
  const json = await readJson(resolvePath(io.cwd, file), file);
  if (values.achievement !== undefined && isJsonObject(json) && 'competency' in json)
    return compileAchievement(await readDefinition(io, file));
  if (!isJsonObject(json) || typeof json.id !== 'string')
    throw new UsageError(`${file} has no "id": endorse what it names by id (a URI).`, 'endorse');
  return { id: json.id, ...(typeof json.name === 'string' ? { name: json.name } : {}) };
}
