// The one place the command line chooses a status store: a JSON file (the default), or PostgreSQL
// with --postgres URL (loaded only then, so that the command line works without the pg package).
import { ErrorCode, MicrocredError } from '../errors.js';
import { describeTarget } from '../postgres/failures.js';
import type { Key } from '../keys/key.js';
import { FileStatusStore } from '../status/fileStore.js';
import { StatusRegistry } from '../status/registry.js';
import { STATUS_PURPOSES } from '../status/state.js';
import type { StatusPurpose, StatusStore } from '../status/store.js';
import { UsageError, type CliIo } from './args.js';
import { CliError, CliErrorCode } from './errors.js';
import { exists, resolvePath } from './files.js';

/** The options that choose a PostgreSQL store instead of a file, for parseCommand. */
export const POSTGRES_OPTIONS = { postgres: { type: 'string' }, 'postgres-schema': { type: 'string' } } as const;

/** The file store used when the command line names none. */
export const DEFAULT_STATUS_STORE = 'microcred-status.json';

/**
 * What the command line said about the store: `--store FILE` (`--status-store FILE` for issue), or
 * `--postgres URL` with an optional `--postgres-schema NAME`.
 */
export interface StatusStoreChoice {
  file?: string | undefined;
  postgres?: string | undefined;
  postgresSchema?: string | undefined;
}

/** An open store and how to name it in messages. */
export interface OpenedStatusStore {
  store: StatusStore;
  /** E.g. `microcred-status.json`, or `postgres://issuer@db.example:5432/badges` (never a password). */
  shownAs: string;
  /** The options that choose this store again, for the commands a message suggests: `--store FILE`. */
  option: string;
}

/**
 * Opens the chosen store. With `mustExist`, a store that is not there yet is an error that says
 * how to create one (changing or issuing against an empty store is a mistake, not a start).
 * `command` names the command in usage errors.
 */
export async function openStatusStore(
  choice: StatusStoreChoice,
  io: CliIo,
  options: { mustExist: boolean; command: string; fileOption?: string },
): Promise<OpenedStatusStore> {
  const fileOption = options.fileOption ?? '--store';
  if (choice.postgres !== undefined) {
    if (choice.file !== undefined)
      throw new UsageError(`Give either ${fileOption} FILE or --postgres URL, not both.`, options.command);
    return openPostgresStore(choice.postgres, choice.postgresSchema, options);
  }
  if (choice.postgresSchema !== undefined)
    throw new UsageError('--postgres-schema goes with --postgres URL.', options.command);
  const file = choice.file ?? DEFAULT_STATUS_STORE;
  const path = resolvePath(io.cwd, file);
  if (options.mustExist && !(await exists(path))) {
    throw new CliError(
      `There is no status store ${file}; create one with: microcred status create --key KEY --list-url URL --store ${file}`,
      CliErrorCode.FILE_UNREADABLE,
      { file },
    );
  }
  return { store: new FileStatusStore(path), shownAs: file, option: `--store ${file}` };
}

async function openPostgresStore(
  url: string,
  schema: string | undefined,
  options: { mustExist: boolean },
): Promise<OpenedStatusStore> {
  // The URL may hold a password: messages show it without (PGPASSWORD keeps it off the command line).
  const shownAs = describeTarget({ connectionString: url }).label;
  const option = `--postgres ${shownAs}${schema === undefined ? '' : ` --postgres-schema ${schema}`}`;
  // Loaded here only: without the pg package, this reports "needs the pg package" (ERR_STORE_FAILED).
  const { createPostgresStatusStore } = await import('../postgres/index.js');
  const store = await createPostgresStatusStore({ connectionString: url, ...(schema === undefined ? {} : { schema }) });
  if (options.mustExist && (await store.listIds()).length === 0) {
    await store.close();
    throw new MicrocredError(
      ErrorCode.STORE_FAILED,
      `There are no status lists in ${shownAs}${schema === undefined ? '' : ` (schema ${schema})`}; create them with: microcred status create --key KEY --list-url URL ${option}`,
    );
  }
  return { store, shownAs, option };
}

/**
 * A registry over `store` for the command line. What a store already holds stands in for options
 * not given: the list URL, purposes and length of its newest lists.
 */
export async function registryFor(
  store: StatusStore,
  key: Key,
  given: { listUrl?: string | undefined; purposes?: StatusPurpose[]; length?: number },
): Promise<StatusRegistry> {
  const known = await store.listIds();
  const newest = known.length > 0 ? await store.getList((known[known.length - 1] as { id: string }).id) : undefined;
  const listBaseUrl = given.listUrl ?? newest?.id.slice(0, newest.id.lastIndexOf('/'));
  const purposes =
    given.purposes ??
    (known.length > 0 ? STATUS_PURPOSES.filter((p) => known.some((l) => l.purpose === p)) : undefined);
  const listLength = given.length ?? newest?.length;
  return new StatusRegistry({
    store,
    key,
    ...(listBaseUrl ? { listBaseUrl } : {}),
    ...(purposes ? { purposes } : {}),
    ...(listLength ? { listLength } : {}),
    // A store made with short lists (a test or demo) keeps their length; --length itself is checked against the minimum.
    allowSmallLists: given.length === undefined,
  });
}

/** For issue: a note for each list a new credential points at that was not in the store before (`known`). */
export function newListNotes(credentialStatus: unknown, known: Set<string>, storeOption: string): string {
  const entries = (Array.isArray(credentialStatus) ? credentialStatus : [credentialStatus]) as {
    statusListCredential?: unknown;
  }[];
  const opened = [
    ...new Set(
      entries
        .map((e) => e?.statusListCredential)
        .filter((id): id is string => typeof id === 'string' && !known.has(id)),
    ),
  ];
  return opened
    .map(
      (id) =>
        `note: this credential opened the new status list ${id}; publish it before handing the credential out (microcred status create --key KEY ${storeOption} writes it).\n`,
    )
    .join('');
}
