// Many credentials of one kind: one base credential (a template, an achievement or a definition),
// one row per recipient, signed one after another and yielded as they are made.
import { MicrocredError, ErrorCode, isMicrocredError } from '../errors.js';
import type { Achievement, Profile } from '../model/achievement.js';
import type { SignedCredential, UnsignedCredential } from '../model/credential.js';
import type { CompetencyDefinition } from '../competency/types.js';
import { compileAchievement } from '../competency/compile.js';
import type { BitstringStatusListEntry, CredentialStatusSource } from '../status/entry.js';
import { DocumentLoader } from '../contexts/documentLoader.js';
import type { RecipientOptions } from '../identity/recipient.js';
import { issueCredential, type IssueOptions } from './issueCredential.js';
import { definitionCredential, issuerProfile } from './fromDecision.js';
import { signingPlan } from './issueOptions.js';
import { credentialForRow, type BatchRow } from './batchRow.js';
import { isUri } from '../identifiers.js';

export type { BatchRow } from './batchRow.js';

/** What one batch awards: exactly one of `template`, `achievement` or `definition`. */
export type BatchSource =
  | { template: UnsignedCredential; achievement?: never; definition?: never }
  | { achievement: Achievement; issuer?: Omit<Profile, 'id'>; template?: never; definition?: never }
  | { definition: CompetencyDefinition; template?: never; achievement?: never };

/** Where a batch stands, after each row. */
export interface BatchProgress {
  /** Rows taken so far (issued + failed). */
  done: number;
  issued: number;
  failed: number;
  elapsedMs: number;
  /** Rows per second so far. */
  rate: number;
}

/** Options of {@link issueBatch}. */
export type IssueBatchOptions = BatchSource &
  Pick<IssueOptions, 'key' | 'loader' | 'now' | 'status' | 'suite'> & {
    /** `'data-integrity'` (default) or `'jwt'`: a credential comes back as JSON or as a compact JWS string. */
    format?: 'data-integrity' | 'jwt';
    /** How an email recipient is published (salted hash by default, a fresh salt per credential). */
    recipient?: RecipientOptions;
    /** Stop at the first row that cannot be issued, throwing its error (default false: yield it and go on). */
    failFast?: boolean;
    /** Called after every row. */
    onProgress?: (progress: BatchProgress) => void;
    /** Stops the batch before its next row; the generator then throws the signal's reason. */
    signal?: AbortSignal;
  };

/** One row's outcome; `index` is the row's 1-based position in the input, `row` the row as given. */
export type BatchResult<R extends BatchRow = BatchRow> =
  | {
      ok: true;
      index: number;
      row: R;
      id: string;
      credential: SignedCredential | string;
      /** The status entries the credential carries (empty without `status`). */
      status: BitstringStatusListEntry[];
    }
  | { ok: false; index: number; row: R; error: MicrocredError };

/**
 * Issues one credential per row, in order, and yields each as it is made, so that any number of
 * rows runs in bounded memory. The base credential comes from `template` (an unsigned credential
 * whose subject carries the achievement), `achievement`, or a competency `definition`; its issuer id
 * is the key's DID, and each row gives the recipient (see {@link BatchRow}).
 *
 * With `status` (a `StatusRegistry`), rows are read 256 at a time and the chunk's status
 * entries are allocated in one store call (one file write, one PostgreSQL transaction) when its first
 * valid credential is signed; a row with a stable `id` gets the same entries back on a re-run.
 *
 * The options are checked before the first row (a wrong key or template throws, as
 * {@link issueCredential} does). A row that cannot be issued yields `{ ok: false, error }` with
 * `ERR_BATCH_ROW_INVALID` or the issuing error, and the batch goes on, unless `failFast`.
 *
 * @example
 * for await (const result of issueBatch(rows, { template, key, status: registry, onProgress })) {
 *   if (result.ok) await save(result.id, result.credential);
 *   else console.error(`row ${result.index}: ${result.error.message}`);
 * }
 */
export async function* issueBatch<R extends BatchRow>(
  rows: AsyncIterable<R> | Iterable<R>,
  options: IssueBatchOptions,
): AsyncGenerator<BatchResult<R>, BatchProgress, undefined> {
  const base = checkBatchOptions(options);
  // One loader for the whole batch: contexts are parsed once, not once per credential.
  const loader = options.loader ?? new DocumentLoader();
  const started = Date.now();
  const progress: BatchProgress = { done: 0, issued: 0, failed: 0, elapsedMs: 0, rate: 0 };
  for await (const chunk of chunksOf(rows, STATUS_CHUNK, options.signal)) {
    const prepared = await Promise.all(chunk.map((row) => prepareRow(base, row, options.recipient)));
    const status = options.status ? chunkStatus(options.status, prepared, options.failFast === true) : undefined;
    for (const [i, row] of chunk.entries()) {
      throwIfAborted(options.signal);
      const index = progress.done + 1;
      const result = await issueRow(row, index, prepared[i] as Prepared, { ...options, loader }, status);
      progress.done = index;
      if (result.ok) progress.issued++;
      else progress.failed++;
      progress.elapsedMs = Date.now() - started;
      progress.rate = progress.elapsedMs > 0 ? (progress.done * 1000) / progress.elapsedMs : 0;
      options.onProgress?.({ ...progress });
      if (!result.ok && options.failFast) throw result.error;
      yield result;
    }
  }
  return progress;
}

/**
 * The checks {@link issueBatch} makes before its first row, made now: a key that can sign the
 * format, exactly one source, and a template whose issuer is the key's DID. Throws as issueBatch
 * would; returns the credential every row starts from. Call it before creating anything a batch
 * writes (its output, a manifest), since issueBatch itself runs only when its first result is asked for.
 */
export function checkBatchOptions(options: IssueBatchOptions): UnsignedCredential {
  const plan = signingPlan(options, 'issueBatch');
  return baseCredential(options, plan.issuerId);
}

// Rows are read, and their status entries allocated, this many at a time: one store write (one
// PostgreSQL transaction) per chunk instead of one per credential and purpose.
const STATUS_CHUNK = 256;

/** A row's unsigned credential (its id set), or why it cannot be made. */
type Prepared = { unsigned: UnsignedCredential; id: string } | { error: MicrocredError };

async function prepareRow(
  base: UnsignedCredential,
  row: BatchRow,
  recipient: RecipientOptions | undefined,
): Promise<Prepared> {
  try {
    const unsigned = await credentialForRow(base, row, recipient);
    // Known before signing, so that a VC-JWT's result names it too and its status can be allocated ahead.
    const id = (unsigned.id ??= `urn:uuid:${globalThis.crypto.randomUUID()}`);
    return { unsigned, id };
  } catch (error) {
    return { error: asMicrocredError(error) };
  }
}

async function issueRow<R extends BatchRow>(
  row: R,
  index: number,
  prepared: Prepared,
  options: IssueBatchOptions & { loader: DocumentLoader },
  status: ChunkStatus | undefined,
): Promise<BatchResult<R>> {
  if ('error' in prepared) return { ok: false, index, row, error: prepared.error };
  const { unsigned, id } = prepared;
  try {
    const common = {
      key: options.key,
      loader: options.loader,
      ...(options.now ? { now: options.now } : {}),
      ...(status ? { status } : {}),
    };
    const credential =
      options.format === 'jwt'
        ? await issueCredential(unsigned, { ...common, format: 'jwt' })
        : await issueCredential(unsigned, { ...common, ...(options.suite ? { suite: options.suite } : {}) });
    return { ok: true, index, row, id, credential, status: status?.handedOut(id) ?? [] };
  } catch (error) {
    return { ok: false, index, row, error: asMicrocredError(error) };
  }
}

/** A status source for one chunk of rows that remembers what it handed out to each credential. */
interface ChunkStatus extends CredentialStatusSource {
  handedOut(credentialId: string): BitstringStatusListEntry[];
}

/**
 * The status entries of one chunk. The first credential that asks for entries (issueCredential asks
 * only once the credential is known to be valid) allocates for itself and every later credential of
 * the chunk in one `entriesForMany` call of the source: a template every row fails on spends no
 * index, and a resumed batch whose ids are stable gets the same entries back. A source without
 * `entriesForMany` is asked one credential at a time. With `failFast`, rows after the first one that
 * cannot be made are never allocated for.
 */
function chunkStatus(source: CredentialStatusSource, prepared: readonly Prepared[], failFast: boolean): ChunkStatus {
  const ids: string[] = [];
  for (const p of prepared) {
    if ('error' in p) {
      if (failFast) break;
      continue;
    }
    // An id that is not a URI is refused by entriesFor, for its row alone.
    if (isUri(p.id)) ids.push(p.id);
  }
  const many = source.entriesForMany?.bind(source);
  let pending = many ? ids : [];
  const ready = new Map<string, BitstringStatusListEntry[]>();
  const given = new Map<string, BitstringStatusListEntry[]>();
  return {
    async entriesFor(credentialId) {
      let entries = ready.get(credentialId);
      const at = entries || !many ? -1 : pending.indexOf(credentialId);
      if (many && at >= 0) {
        // On a failure nothing is taken off: the next credential asks again, for itself and those after it.
        const ahead = [...new Set(pending.slice(at))];
        const allocated = await many(ahead);
        ahead.forEach((id, i) => {
          const held = allocated[i];
          if (held) ready.set(id, held);
        });
        pending = pending.slice(0, at);
        entries = ready.get(credentialId);
      }
      entries ??= await source.entriesFor(credentialId);
      given.set(credentialId, entries);
      return entries;
    },
    handedOut: (credentialId) => given.get(credentialId) ?? [],
  };
}

/** The rows, `size` at a time (the last chunk may be shorter); stops reading once `signal` aborts. */
async function* chunksOf<R>(
  rows: AsyncIterable<R> | Iterable<R>,
  size: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<R[]> {
  let chunk: R[] = [];
  for await (const row of rows) {
    throwIfAborted(signal);
    chunk.push(row);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** The credential every row starts from, its issuer set to the key's DID. */
function baseCredential(options: IssueBatchOptions, issuerId: string | undefined): UnsignedCredential {
  const sources = [options.template, options.achievement, options.definition].filter((s) => s !== undefined);
  if (sources.length !== 1)
    throw new MicrocredError(
      ErrorCode.FIELD_INVALID,
      'issueBatch needs exactly one of options.template, options.achievement or options.definition.',
      { path: 'template' },
    );
  if (issuerId === undefined)
    throw new MicrocredError(
      ErrorCode.KEY_INVALID,
      'issueBatch needs a key that names its DID (its controller): it becomes the issuer of every credential.',
      { path: 'key' },
    );
  if (options.definition) {
    return definitionCredential(options.definition, {
      issuer: issuerProfile(options.definition, issuerId),
      awardedDate: (options.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      credentialSubject: { type: ['AchievementSubject'], achievement: compileAchievement(options.definition) },
      evidence: [],
    });
  }
  if (options.achievement) {
    return {
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: options.achievement.name,
      issuer: { type: ['Profile'], ...options.issuer, id: issuerId } as Profile,
      credentialSubject: { type: ['AchievementSubject'], achievement: options.achievement },
    };
  }
  return templateBase(options.template as UnsignedCredential, issuerId);
}

function templateBase(template: UnsignedCredential, issuerId: string): UnsignedCredential {
  if (typeof template !== 'object' || template === null || Array.isArray(template))
    throw new MicrocredError(
      ErrorCode.INPUT_NOT_OBJECT,
      'The template must be an unsigned credential (a JSON object).',
    );
  for (const member of ['id', 'proof', 'credentialStatus'] as const) {
    if (member in template)
      throw new MicrocredError(
        ErrorCode.FIELD_INVALID,
        `The template has ${member}; each credential of a batch gets its own, so leave it out of the template.`,
        { path: member },
      );
  }
  const issuer = template.issuer as unknown;
  const given = typeof issuer === 'string' ? issuer : (issuer as { id?: unknown } | undefined)?.id;
  if (given !== undefined && given !== issuerId)
    throw new MicrocredError(
      ErrorCode.ISSUER_MISMATCH,
      `The template names issuer ${String(given)} but the signing key belongs to ${issuerId}.`,
      { path: 'issuer.id' },
    );
  const profile = typeof issuer === 'object' && issuer !== null ? issuer : { type: ['Profile'] };
  if (typeof template.credentialSubject !== 'object' || template.credentialSubject === null)
    throw new MicrocredError(
      ErrorCode.FIELD_REQUIRED,
      'The template needs a credentialSubject with its achievement; the recipient comes from each row.',
      { path: 'credentialSubject' },
    );
  return { ...template, issuer: { ...(profile as Profile), id: issuerId } };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('The batch was aborted.', 'AbortError');
}

function asMicrocredError(error: unknown): MicrocredError {
  if (isMicrocredError(error)) return error;
  return new MicrocredError(ErrorCode.INTERNAL, `Issuing failed: ${(error as Error)?.message ?? String(error)}.`);
}
