// What one worker thread does with one chunk of a batch, and the same code run in-process for small
// batches: the answers are the same whichever thread computes them. Everything in a task crosses a
// thread boundary (structured clone), so options are plain data, never functions or class instances.
import {
  DocumentLoader,
  importKey,
  isMicrocredError,
  issueCredential,
  verifyCredential,
  type Key,
  type KeyFile,
  type KeyJwk,
  type NetworkPolicy,
  type StatusListCacheOptions,
  type SuiteName,
  type TrustedIssuer,
  type VerificationReport,
  type VerifyOptions,
} from '../index.js';

/** The options of a verification that can be given to a worker thread (plain data only). */
export interface PortableVerifyOptions {
  now?: Date;
  clockSkewSeconds?: number;
  documents?: Record<string, unknown> | Map<string, unknown>;
  trust?: TrustedIssuer[];
  limits?: VerifyOptions['limits'];
  inlineContexts?: 'warn' | 'refuse';
  timeoutMs?: number;
  /** Let each thread use `globalThis.fetch` under `network` (default false: nothing is fetched). */
  allowNetwork?: boolean;
  network?: NetworkPolicy;
  /** Each thread's loader keeps verified status lists this way (default: as a DocumentLoader does). */
  statusListCache?: Omit<StatusListCacheOptions, 'clock'> | false;
}

/** The options of issuing that can be given to a worker thread; the key travels as its exported file. */
export interface PortableIssueOptions {
  key: KeyFile | KeyJwk;
  /** The key's controller and id, for a key file that does not carry them. */
  controller?: string;
  id?: string;
  now?: Date;
  suite?: SuiteName;
  format?: 'data-integrity' | 'jwt';
}

/** One chunk of a batch. `session` names the batch: a thread keeps one loader (and key) per batch. */
export type Task =
  | { kind: 'verify'; session: string; inputs: unknown[]; options: PortableVerifyOptions }
  | { kind: 'issue'; session: string; drafts: unknown[]; options: PortableIssueOptions };

/** What issuing one draft came to: the credential, or the error issuing threw, as plain data. */
export type IssueOutcome =
  | { ok: true; credential: unknown }
  | { ok: false; error: { code?: string; message: string; details?: Record<string, unknown> } };

// Per thread: the loader and key of the last few batches (a batch's chunks reuse them).
const MAX_SESSIONS = 4;
const loaders = new Map<string, DocumentLoader>();
const keys = new Map<string, Promise<Key>>();

function remember<T>(map: Map<string, T>, session: string, make: () => T): T {
  let value = map.get(session);
  if (value === undefined) {
    value = make();
    if (map.size >= MAX_SESSIONS) map.delete(map.keys().next().value as string);
    map.set(session, value);
  }
  return value;
}

/** The loader a batch's verifications share, built once per thread from the batch's options. */
export function loaderFor(session: string, options: PortableVerifyOptions): DocumentLoader {
  return remember(
    loaders,
    session,
    () =>
      new DocumentLoader({
        ...(options.allowNetwork ? { fetch: globalThis.fetch } : {}),
        ...(options.network ? { network: options.network } : {}),
        ...(options.statusListCache !== undefined ? { statusListCache: options.statusListCache } : {}),
      }),
  );
}

/** Runs one chunk: reports (verify) or outcomes (issue), in the order of its items. */
export async function runTask(task: Task): Promise<VerificationReport[] | IssueOutcome[]> {
  if (task.kind === 'verify') {
    const { allowNetwork: _allow, statusListCache: _cache, network, ...rest } = task.options;
    const loader = loaderFor(task.session, task.options);
    const options: VerifyOptions = { ...rest, ...(network ? { network } : {}), loader };
    const reports: VerificationReport[] = [];
    for (const input of task.inputs) reports.push(await verifyCredential(input, options));
    return reports;
  }
  const { key: file, controller, id, format, ...rest } = task.options;
  const key = await remember(keys, task.session, () =>
    importKey(file, { ...(controller ? { controller } : {}), ...(id ? { id } : {}) }),
  );
  const loader = loaderFor(task.session, {});
  const outcomes: IssueOutcome[] = [];
  for (const draft of task.drafts) {
    try {
      const credential =
        format === 'jwt'
          ? await issueCredential(draft as never, { ...rest, key, loader, format: 'jwt' })
          : await issueCredential(draft as never, { ...rest, key, loader });
      outcomes.push({ ok: true, credential });
    } catch (error) {
      outcomes.push({ ok: false, error: portableError(error) });
    }
  }
  return outcomes;
}

function portableError(error: unknown): Extract<IssueOutcome, { ok: false }>['error'] {
  if (isMicrocredError(error)) {
    let details: Record<string, unknown> | undefined;
    try {
      details = structuredClone(error.details) as Record<string, unknown>;
    } catch {
      details = undefined;
    }
    return { code: error.code, message: error.message, ...(details ? { details } : {}) };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}
