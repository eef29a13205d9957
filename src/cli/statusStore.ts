// The one place the command line chooses a status store. Today: a JSON file (the embedded
// default). A PostgreSQL store is added here, behind its own option.
import { ErrorCode } from '../errors.js';
import type { IssuerKey } from '../keys/issuerKey.js';
import { FileStatusStore } from '../status/fileStore.js';
import { StatusRegistry } from '../status/registry.js';
import { STATUS_PURPOSES } from '../status/state.js';
import type { StatusPurpose, StatusStore } from '../status/store.js';
import { CliError, type CliIo } from './args.js';
import { exists, resolvePath } from './files.js';

/** The file store used when the command line names none. */
export const DEFAULT_STATUS_STORE = 'microcred-status.json';

/** What the command line said about the store: `--store FILE` (`--status-store FILE` for issue). */
export interface StatusStoreChoice {
  file?: string | undefined;
}

/** An open store and how to name it in messages. */
export interface OpenedStatusStore {
  store: StatusStore;
  /** E.g. `microcred-status.json`. */
  shownAs: string;
}

/**
 * Opens the chosen store. With `mustExist`, a store that is not there yet is an error that says
 * how to create one (changing or issuing against an empty store is a mistake, not a start).
 */
export async function openStatusStore(choice: StatusStoreChoice, io: CliIo, options: { mustExist: boolean }): Promise<OpenedStatusStore> {
  const file = choice.file ?? DEFAULT_STATUS_STORE;
  const path = resolvePath(io.cwd, file);
  if (options.mustExist && !(await exists(path))) {
    throw new CliError(`There is no status store ${file}; create one with: microcred status create --key KEY --list-url URL --store ${file}`, ErrorCode.FILE_UNREADABLE);
  }
  return { store: new FileStatusStore(path), shownAs: file };
}

/**
 * A registry over `store` for the command line. What a store already holds stands in for options
 * not given: the list URL, purposes and length of its newest lists.
 */
export async function registryFor(store: StatusStore, key: IssuerKey, given: { listUrl?: string | undefined; purposes?: StatusPurpose[]; length?: number }): Promise<StatusRegistry> {
  const known = await store.listIds();
  const newest = known.length > 0 ? await store.getList((known[known.length - 1] as { id: string }).id) : undefined;
  const listBaseUrl = given.listUrl ?? newest?.id.slice(0, newest.id.lastIndexOf('/'));
  const purposes = given.purposes ?? (known.length > 0 ? STATUS_PURPOSES.filter((p) => known.some((l) => l.purpose === p)) : undefined);
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
export function newListNotes(credentialStatus: unknown, known: Set<string>, storeShownAs: string): string {
  const entries = (Array.isArray(credentialStatus) ? credentialStatus : [credentialStatus]) as { statusListCredential?: unknown }[];
  const opened = [...new Set(entries.map((e) => e?.statusListCredential).filter((id): id is string => typeof id === 'string' && !known.has(id)))];
  return opened
    .map((id) => `note: this credential opened the new status list ${id}; publish it before handing the credential out (microcred status create --key KEY --store ${storeShownAs} writes it).\n`)
    .join('');
}
