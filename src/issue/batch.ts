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
  const plan = signingPlan(options, 'issueBatch');
  const base = baseCredential(options, plan.issuerId);
  // One loader for the whole batch: contexts are parsed once, not once per credential.
  const loader = options.loader ?? new DocumentLoader();
  const started = Date.now();
  const progress: BatchProgress = { done: 0, issued: 0, failed: 0, elapsedMs: 0, rate: 0 };
  for await (const row of rows) {
    throwIfAborted(options.signal);
    const index = progress.done + 1;
    const result = await issueRow(base, row, index, { ...options, loader });
    progress.done = index;
    if (result.ok) progress.issued++;
    else progress.failed++;
    progress.elapsedMs = Date.now() - started;
    progress.rate = progress.elapsedMs > 0 ? (progress.done * 1000) / progress.elapsedMs : 0;
    options.onProgress?.({ ...progress });
    if (!result.ok && options.failFast) throw result.error;
    yield result;
  }
  return progress;
}

async function issueRow<R extends BatchRow>(
  base: UnsignedCredential,
  row: R,
  index: number,
  options: IssueBatchOptions & { loader: DocumentLoader },
): Promise<BatchResult<R>> {
  try {
    const unsigned = await credentialForRow(base, row, options.recipient);
    // Known before signing, so that a VC-JWT's result names it too.
    const id = (unsigned.id ??= `urn:uuid:${globalThis.crypto.randomUUID()}`);
    const status = recording(options.status);
    const common = {
      key: options.key,
      loader: options.loader,
      ...(options.now ? { now: options.now } : {}),
      ...(status ? { status: status.source } : {}),
    };
    const credential =
      options.format === 'jwt'
        ? await issueCredential(unsigned, { ...common, format: 'jwt' })
        : await issueCredential(unsigned, { ...common, ...(options.suite ? { suite: options.suite } : {}) });
    return { ok: true, index, row, id, credential, status: status?.entries ?? [] };
  } catch (error) {
    return { ok: false, index, row, error: asMicrocredError(error) };
  }
}

/** A status source that remembers what it handed out, so a result can list its entries in either format. */
function recording(source: CredentialStatusSource | undefined) {
  if (!source) return undefined;
  const seen: { source: CredentialStatusSource; entries: BitstringStatusListEntry[] } = {
    entries: [],
    source: {
      async entriesFor(credentialId) {
        seen.entries = await source.entriesFor(credentialId);
        return seen.entries;
      },
    },
  };
  return seen;
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
