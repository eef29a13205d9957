import { join } from 'node:path';
import type { Key } from '../../keys/key.js';
import { MIN_STATUS_LIST_LENGTH, type StatusChangeOf } from '../../status/registry.js';
import type { StatusListCredential } from '../../status/listCredential.js';
import { getBit, STATUS_PURPOSES } from '../../status/state.js';
import type { StatusPurpose } from '../../status/store.js';
import { UsageError, parseCommand, type CliIo } from '../args.js';
import { exists, readJson, readText, resolvePath, writeFileSafely } from '../files.js';
import { EXIT } from '../output.js';
import { helpFor } from '../usage.js';
import { POSTGRES_OPTIONS, openStatusStore, registryFor, type StatusStoreChoice } from '../statusStore.js';
import { SIGNER_OPTION, readSigningKey, signingKeyRef } from '../signer.js';
import type { FileStatusStore } from '../../status/fileStore.js';

/** Where `status` writes list credentials unless told otherwise. */
const DEFAULT_OUT = 'status-lists';

const STORE = { store: { type: 'string' }, ...POSTGRES_OPTIONS } as const;
const STORE_AND_KEY = { ...STORE, key: { type: 'string', short: 'k' }, ...SIGNER_OPTION } as const;
const SIGNING = { ...STORE_AND_KEY, out: { type: 'string', short: 'o' } } as const;

/** The file `status publish` keeps in its folder: the version of the lists last written there. */
const PUBLISHED_MARKER = '.microcred-published.json';

/** `microcred status <create|revoke|suspend|unsuspend|publish|show|adopt|compact>`. */
export async function statusCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'create':
      return create(rest, io);
    case 'revoke':
      return change(rest, io, 'revoke');
    case 'suspend':
      return change(rest, io, 'suspend');
    case 'unsuspend':
      return change(rest, io, 'unsuspend');
    case 'show':
      return show(rest, io);
    case 'publish':
      return publish(rest, io);
    case 'adopt':
      return adopt(rest, io);
    case 'compact':
      return compact(rest, io);
    case '--help':
    case '-h':
      io.stdout(helpFor('status'));
      return EXIT.OK;
    case undefined:
      throw new UsageError(
        'status needs a subcommand: create, revoke, suspend, unsuspend, publish, show, adopt or compact.',
        'status',
      );
    default:
      throw new UsageError(
        `"${sub}" is not a status subcommand; use create, revoke, suspend, unsuspend, publish, show, adopt or compact.`,
        'status',
      );
  }
}

async function create(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('status create', args, {
    ...SIGNING,
    'list-url': { type: 'string' },
    purpose: { type: 'string', multiple: true },
    length: { type: 'string' },
  });
  if (values.help) return help(io, 'status create');
  const listUrl = values['list-url'];
  const purposes = purposesOf(values.purpose);
  const length = lengthOf(values.length);
  const key = await readStatusKey(io, 'status create', values);
  const { store, shownAs } = await openStatusStore(storeChoice(values), io, {
    mustExist: false,
    command: 'status create',
  });
  try {
    // Only the first call needs the URL; later ones (re-signing to publish again) take it from the store.
    if (listUrl === undefined && (await store.listIds()).length === 0)
      throw new UsageError('status create needs --list-url URL: where the lists will be published.', 'status create');
    const registry = await registryFor(store, key, { listUrl, purposes, length });
    const lists = await registry.createLists();
    io.stdout(`Status store ${shownAs}: ${lists.length} list${lists.length === 1 ? '' : 's'}.\n`);
    await writeLists(io, lists, values.out);
    return EXIT.OK;
  } finally {
    await store.close();
  }
}

async function change(args: string[], io: CliIo, action: 'revoke' | 'suspend' | 'unsuspend'): Promise<number> {
  const command = `status ${action}`;
  const { values, positionals } = parseCommand(command, args, { ...SIGNING, from: { type: 'string' } }, true);
  if (values.help) return help(io, command);
  const ids = await idsOf(io, command, positionals, values.from);
  const key = await readStatusKey(io, command, values);
  const { store } = await openStatusStore(storeChoice(values), io, { mustExist: true, command });
  try {
    const registry = await registryFor(store, key, {});
    // One call for all: every id is checked before any bit changes, and each list is re-signed once.
    const result = await registry[`${action}Many`](ids);
    for (const c of result.changes) io.stdout(describeChange(action, c));
    await writeLists(io, result.listCredentials, values.out);
    return EXIT.OK;
  } finally {
    await store.close();
  }
}

/** The credential ids: positionals, `-` for standard input, and `--from FILE`; one id a line, blank lines and `#` comments skipped. */
async function idsOf(io: CliIo, command: string, positionals: string[], from: string | undefined): Promise<string[]> {
  const lines = (text: string) =>
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
  const ids = positionals.filter((p) => p !== '-');
  if (positionals.includes('-')) {
    if (io.stdin === undefined) throw new UsageError(`${command} -: standard input cannot be read here.`, command);
    ids.push(...lines(await io.stdin()));
  }
  if (from !== undefined) ids.push(...lines(await readText(resolvePath(io.cwd, from), from)));
  if (ids.length === 0)
    throw new UsageError(
      `${command} needs the id of at least one credential (e.g. urn:uuid:…), as arguments, --from FILE or - (standard input, one a line).`,
      command,
    );
  return ids;
}

async function publish(args: string[], io: CliIo): Promise<number> {
  const command = 'status publish';
  const { values, positionals } = parseCommand(command, args, { ...SIGNING, changed: { type: 'boolean' } }, true);
  if (values.help) return help(io, command);
  if (positionals.length > 0) throw new UsageError(`${command} takes no arguments.`, command);
  const key = await readStatusKey(io, command, values);
  const folder = values.out ?? DEFAULT_OUT;
  const marker = resolvePath(io.cwd, join(folder, PUBLISHED_MARKER));
  const since = values.changed ? await lastPublished(marker, join(folder, PUBLISHED_MARKER)) : undefined;
  const { store, shownAs } = await openStatusStore(storeChoice(values), io, { mustExist: true, command });
  try {
    const registry = await registryFor(store, key, {});
    const { lists, version } = await registry.publishChanges(since === undefined ? {} : { since });
    io.stdout(
      `Status store ${shownAs}: ${lists.length} list${lists.length === 1 ? '' : 's'} ${since === undefined ? 'to publish' : 'changed since the last publish'}.\n`,
    );
    await writeLists(io, lists, folder);
    // Written last: an interrupted run leaves the old version, so the next --changed writes these again.
    await writeFileSafely(marker, `${JSON.stringify({ version }, null, 2)}\n`, {
      overwrite: true,
      shownAs: join(folder, PUBLISHED_MARKER),
    });
    return EXIT.OK;
  } finally {
    await store.close();
  }
}

/**
 * `status adopt FILE... --key KEY`: lists written before stores recorded their issuer are claimed by
 * KEY's issuer, proven by the list credentials that issuer published (each read from FILE).
 */
async function adopt(args: string[], io: CliIo): Promise<number> {
  const command = 'status adopt';
  const { values, positionals } = parseCommand(command, args, STORE_AND_KEY, true);
  if (values.help) return help(io, command);
  if (positionals.length === 0)
    throw new UsageError(`${command} needs the published list credentials (FILE...) of the lists to adopt.`, command);
  const published = await Promise.all(positionals.map((file) => readJson(resolvePath(io.cwd, file), file)));
  const key = await readStatusKey(io, command, values);
  const { store, shownAs } = await openStatusStore(storeChoice(values), io, { mustExist: true, command });
  try {
    const registry = await registryFor(store, key, {});
    const adopted = await registry.adoptLists(published);
    io.stdout(
      adopted.length === 0
        ? `Status store ${shownAs}: every list given already belonged to ${key.controller}.\n`
        : adopted.map((id) => `Adopted ${id} for ${key.controller}.\n`).join(''),
    );
    return EXIT.OK;
  } finally {
    await store.close();
  }
}

/** `status compact [--store FILE]`: the file store rewritten as one file (its journal folded in), e.g. before a backup. */
async function compact(args: string[], io: CliIo): Promise<number> {
  const command = 'status compact';
  const { values, positionals } = parseCommand(command, args, { store: { type: 'string' } }, true);
  if (values.help) return help(io, command);
  if (positionals.length > 0) throw new UsageError(`${command} takes no arguments.`, command);
  const { store, shownAs } = await openStatusStore(storeChoice(values), io, { mustExist: true, command });
  try {
    await (store as FileStatusStore).compact();
    io.stdout(`Status store ${shownAs}: rewritten as one file; its journal is empty.\n`);
    return EXIT.OK;
  } finally {
    await store.close();
  }
}

/** The version recorded by the last `status publish` into the folder, or undefined (none yet: every list). */
async function lastPublished(path: string, shownAs: string): Promise<string | undefined> {
  if (!(await exists(path))) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(await readText(path, shownAs));
  } catch {
    value = undefined;
  }
  const version = (value as { version?: unknown } | undefined)?.version;
  if (typeof version !== 'string')
    throw new UsageError(`${shownAs} is not a record of a publish; delete it to publish every list.`, 'status publish');
  return version;
}

function describeChange(
  action: 'revoke' | 'suspend' | 'unsuspend',
  { credentialId, listId, index, changed }: StatusChangeOf,
): string {
  const where = `bit ${index} of ${listId}`;
  if (action === 'revoke')
    return changed
      ? `Revoked ${credentialId}: set ${where}.\n`
      : `${credentialId} was already revoked (${where} is set).\n`;
  if (action === 'suspend')
    return changed
      ? `Suspended ${credentialId}: set ${where}.\n`
      : `${credentialId} was already suspended (${where} is set).\n`;
  return changed
    ? `Lifted the suspension of ${credentialId}: cleared ${where}.\n`
    : `${credentialId} was not suspended (${where} is clear).\n`;
}

async function show(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('status show', args, { ...STORE, json: { type: 'boolean' } }, true);
  if (values.help) return help(io, 'status show');
  if (positionals.length > 1) throw new UsageError('status show takes at most one credential id.', 'status show');
  const { store, shownAs } = await openStatusStore(storeChoice(values), io, {
    mustExist: true,
    command: 'status show',
  });
  try {
    const id = positionals[0];
    if (id !== undefined) {
      const entries = [];
      for (const a of await store.allocations(id)) {
        const list = await store.getList(a.listId);
        entries.push({
          purpose: a.purpose,
          listId: a.listId,
          index: a.index,
          set: list ? getBit(list.bits, a.index) : false,
        });
      }
      if (values.json) io.stdout(`${JSON.stringify({ credentialId: id, entries }, null, 2)}\n`);
      else if (entries.length === 0) io.stdout(`${id} has no entries in ${shownAs}.\n`);
      else {
        io.stdout(`${id}\n`);
        for (const e of entries)
          io.stdout(
            `  ${e.purpose.padEnd(10)}  ${e.set ? (e.purpose === 'revocation' ? 'REVOKED  ' : 'SUSPENDED') : 'clear    '}  index ${e.index} of ${e.listId}\n`,
          );
      }
      return entries.length === 0 ? EXIT.FAILED : EXIT.OK;
    }
    const lists = [];
    for (const { id: listId } of await store.listIds()) {
      const list = await store.getList(listId);
      if (list)
        lists.push({
          id: list.id,
          purpose: list.purpose,
          length: list.length,
          allocated: list.allocated,
          set: countSet(list.bits),
          version: list.version,
        });
    }
    if (values.json) io.stdout(`${JSON.stringify({ store: shownAs, lists }, null, 2)}\n`);
    else {
      io.stdout(`Status store ${shownAs}: ${lists.length} list${lists.length === 1 ? '' : 's'}.\n`);
      for (const l of lists)
        io.stdout(
          `  ${l.purpose.padEnd(10)}  ${l.id}\n              ${l.allocated} of ${l.length} indexes in use, ${l.set} set, version ${l.version}\n`,
        );
    }
    return EXIT.OK;
  } finally {
    await store.close();
  }
}

function storeChoice(values: { store?: string; postgres?: string; 'postgres-schema'?: string }): StatusStoreChoice {
  return { file: values.store, postgres: values.postgres, postgresSchema: values['postgres-schema'] };
}

/** Writes each list credential into `out` (default ./status-lists) under the last segment of its URL and says where to publish it. */
async function writeLists(io: CliIo, lists: StatusListCredential[], out: string | undefined): Promise<void> {
  const folder = out ?? DEFAULT_OUT;
  for (const list of lists) {
    const name = fileNameOf(list.id);
    await writeFileSafely(resolvePath(io.cwd, join(folder, name)), `${JSON.stringify(list, null, 2)}\n`, {
      overwrite: true,
      shownAs: join(folder, name),
    });
    io.stdout(`Wrote ${join(folder, name)}: publish it at ${list.id}\n`);
  }
}

function countSet(bits: Uint8Array): number {
  let count = 0;
  for (let byte of bits) for (; byte; byte &= byte - 1) count++;
  return count;
}

function fileNameOf(url: string): string {
  const name = decodeURIComponent(url.slice(url.lastIndexOf('/') + 1))
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '');
  return name === '' ? 'status-list.json' : name;
}

function purposesOf(values: string[] | undefined): StatusPurpose[] | undefined {
  if (values === undefined) return undefined;
  for (const v of values) {
    if (!STATUS_PURPOSES.includes(v as StatusPurpose))
      throw new UsageError(`--purpose must be revocation or suspension; it is "${v}".`, 'status create');
  }
  return [...new Set(values)] as StatusPurpose[];
}

function lengthOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const length = Number(value);
  if (!/^\d+$/.test(value) || length < MIN_STATUS_LIST_LENGTH || length % 8 !== 0) {
    throw new UsageError(
      `--length must be a multiple of 8 of at least ${MIN_STATUS_LIST_LENGTH}; it is "${value}".`,
      'status create',
    );
  }
  return length;
}

/** `--key FILE` or `--signer MODULE`: the issuer's key, which signs the lists. */
function readStatusKey(
  io: CliIo,
  command: string,
  values: { key?: string | undefined; signer?: string | undefined },
): Promise<Key> {
  return readSigningKey(io, signingKeyRef(command, values, io.cwd));
}

function help(io: CliIo, command: string): number {
  io.stdout(helpFor(command));
  return EXIT.OK;
}
