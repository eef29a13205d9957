// `microcred issue --batch ROWS (--template FILE | --competency DEF) --key KEY --out DIR|FILE.jsonl`:
// one credential per row, a manifest written as it goes, and a re-run that resumes.
import { createHash, randomUUID } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { checkBatchOptions, issueBatch, type BatchSource } from '../../issue/batch.js';
import { ErrorCode } from '../../errors.js';
import type { Key } from '../../keys/key.js';
import type { UnsignedCredential } from '../../model/credential.js';
import type { SuiteName } from '../../proofs/suites.js';
import { parseCompetency } from '../../competency/define.js';
import { UsageError, type CliIo } from '../args.js';
import { CliError, CliErrorCode } from '../errors.js';
import { decodeText, readBytes, resolvePath } from '../files.js';
import { EXIT } from '../output.js';
import { progressReporter, type ProgressState } from '../progress.js';
import { openStatusStore, registryFor, newListNotes } from '../statusStore.js';
import { readManifest, ManifestWriter, type ManifestHeader, type ManifestState } from '../batch/manifest.js';
import { folderOutput, jsonLinesOutput, type BatchOutput } from '../batch/output.js';
import { readRows, type FileRow, type UnreadableRow } from '../batch/rows.js';
import { boundHeapGrowth } from '../batch/heap.js';

/** What the batch mode reads from the command line (parsed by issue.ts). */
export interface BatchValues {
  batch?: string | undefined;
  template?: string | undefined;
  competency?: string | undefined;
  out?: string | undefined;
  format?: string | undefined;
  'fail-fast'?: boolean | undefined;
  force?: boolean | undefined;
  json?: boolean | undefined;
  manifest?: string | undefined;
  'progress-every'?: string | undefined;
  'valid-until'?: string | undefined;
  'status-store'?: string | undefined;
  postgres?: string | undefined;
  'postgres-schema'?: string | undefined;
  'list-url'?: string | undefined;
}

/** What issue.ts has already worked out. */
export interface BatchSettings {
  readKey: () => Promise<Key>;
  suite: SuiteName | undefined;
  validUntil: string | undefined;
}

interface Plan {
  rowsArg: string;
  rowsPath: string;
  outArg: string;
  outPath: string;
  jsonLines: boolean;
  manifestArg: string;
  manifestPath: string;
  format: 'data-integrity' | 'jwt';
  every: number;
}

/** Runs a batch; exit 0 when every row was issued (now or in an earlier run), 1 when any failed. */
export async function issueBatchCommand(values: BatchValues, io: CliIo, settings: BatchSettings): Promise<number> {
  const plan = planOf(values, io);
  boundHeapGrowth();
  const { source, digest } = await readSource(values, io);
  const key = await settings.readKey();
  const signing = {
    ...source,
    key,
    format: plan.format,
    ...(settings.suite ? { suite: settings.suite } : {}),
  } as Parameters<typeof issueBatch>[1];
  // Before any file is made: a template of another issuer, or a key that cannot make the proof, stops here.
  checkBatchOptions(signing);
  const header: ManifestHeader = {
    manifest: 'microcred-batch',
    version: 1,
    batchId: randomUUID(),
    issuer: key.controller ?? '',
    source: digest,
    rows: basename(plan.rowsPath),
    out: plan.outArg,
    format: plan.format,
    started: new Date().toISOString(),
  };
  const previous = await resumable(plan, header, values.force === true);
  const batchId = previous?.header.batchId ?? header.batchId;
  if (previous && !values.json)
    io.stderr(`Resuming the batch in ${plan.manifestArg}: ${previous.issued.size} row(s) already issued.\n`);

  const output: BatchOutput = plan.jsonLines
    ? await jsonLinesOutput(plan.outPath, plan.outArg, previous?.outputEnd ?? 0)
    : await folderOutput(plan.outPath, plan.format === 'jwt' ? 'jwt' : 'json');
  const manifest = previous
    ? await ManifestWriter.reopen(plan.manifestPath, previous.length, output.sync)
    : await ManifestWriter.create(plan.manifestPath, { ...header, batchId }, output.sync);
  const statusChoice = {
    file: values['status-store'],
    postgres: values.postgres,
    postgresSchema: values['postgres-schema'],
  };
  const opened =
    statusChoice.file !== undefined || statusChoice.postgres !== undefined
      ? await openStatusStore(statusChoice, io, { mustExist: true, command: 'issue', fileOption: '--status-store' })
      : undefined;
  try {
    const knownLists = new Set((await opened?.store.listIds())?.map((l) => l.id) ?? []);
    const registry = opened ? await registryFor(opened.store, key, { listUrl: values['list-url'] }) : undefined;
    const total = (await countRows(plan.rowsPath)) - (previous?.issued.size ?? 0);
    const counts = { issued: 0, failed: 0, skipped: previous?.issued.size ?? 0 };
    const started = Date.now();
    const state = (): ProgressState => ({
      done: counts.issued + counts.failed,
      failed: counts.failed,
      elapsedMs: Date.now() - started,
      total,
    });
    const progress = progressReporter(io, plan.every);
    const failures: string[] = [];
    const fail = async (row: number, line: number, error: { code: string; message: string; path?: string }) => {
      counts.failed++;
      await manifest.add({ row, line, error });
      const where = error.path ? ` (at ${error.path})` : '';
      failures.push(`row ${row} (line ${line}): ${error.code}: ${error.message}${where}`);
      if (!io.progress || failures.length <= 20) io.stderr(`${io.progress ? '\r\x1b[K' : ''}${failures.at(-1)}\n`);
    };
    let stopped = false;
    async function* rows(): AsyncGenerator<FileRow & { digest: string }> {
      for await (const row of readRows(plan.rowsPath)) {
        if ('unreadable' in row) {
          await fail(row.rowNumber, row.line, {
            code: 'ERR_BATCH_ROW_INVALID',
            message: (row as UnreadableRow).unreadable,
          });
          progress.update(state());
          if (values['fail-fast']) return void (stopped = true);
          continue;
        }
        const rowDigest = digestOf(row);
        const done = previous?.issued.get(row.rowNumber);
        if (done) {
          if (done.digest !== rowDigest) throw rowChanged(plan, row);
          continue;
        }
        yield {
          ...row,
          digest: rowDigest,
          id: credentialIdFor(batchId, row.rowNumber),
          ...(settings.validUntil ? { fields: { validUntil: settings.validUntil, ...row.fields } } : {}),
        };
      }
    }
    const options = { ...signing, ...(registry ? { status: registry } : {}) } as Parameters<typeof issueBatch>[1];
    let signerFailed = false;
    for await (const result of issueBatch(rows(), options)) {
      const { rowNumber, line } = result.row;
      if (!result.ok) {
        const { code, message } = result.error;
        const path = result.error.details.path;
        await fail(rowNumber, line, { code, message, ...(typeof path === 'string' ? { path } : {}) });
        progress.update(state());
        // A signer that stops working (a KMS down, a key revoked) fails every row after: stop, and let a re-run go on.
        signerFailed = SIGNER_ERRORS.has(code);
        if (values['fail-fast'] || signerFailed) {
          stopped = true;
          break;
        }
        continue;
      }
      const text = typeof result.credential === 'string' ? result.credential : JSON.stringify(result.credential);
      const where = await output.write(rowNumber, text);
      await manifest.add({
        row: rowNumber,
        line,
        digest: result.row.digest,
        id: result.id,
        ...where,
        status: result.status.map((s) => ({
          purpose: s.statusPurpose,
          index: s.statusListIndex,
          list: s.statusListCredential,
        })),
      });
      if (opened) {
        const notes = newListNotes(result.status, knownLists, opened.option);
        for (const s of result.status) knownLists.add(s.statusListCredential);
        if (notes) io.stderr(notes);
      }
      counts.issued++;
      progress.update(state());
    }
    await manifest.flush();
    progress.finish(state());
    return report(io, values, plan, counts, failures, signerFailed ? 'signer' : stopped ? 'fail-fast' : undefined);
  } finally {
    await manifest.close();
    await output.close();
    await opened?.store.close();
  }
}

function report(
  io: CliIo,
  values: BatchValues,
  plan: Plan,
  counts: { issued: number; failed: number; skipped: number },
  failures: string[],
  stoppedBy: 'fail-fast' | 'signer' | undefined,
): number {
  const stopped = stoppedBy !== undefined;
  if (values.json) {
    io.stdout(
      `${JSON.stringify({ ...counts, stopped, out: plan.outArg, manifest: plan.manifestArg, failures }, null, 2)}\n`,
    );
  } else {
    const earlier = counts.skipped > 0 ? `, ${counts.skipped} in an earlier run` : '';
    io.stdout(
      `Issued ${counts.issued} credential(s) to ${plan.outArg}${earlier}; ${counts.failed} row(s) failed. Manifest: ${plan.manifestArg}.\n`,
    );
    if (stoppedBy === 'signer')
      io.stdout('Stopped: the signer failed (see above). Mend it and run the same command again to continue.\n');
    else if (stopped) io.stdout('Stopped at the first failing row (--fail-fast); run the command again to continue.\n');
    else if (counts.failed > 0)
      io.stdout('Fix the failing rows and run the same command again: it issues only the rows not issued yet.\n');
  }
  return counts.failed > 0 ? EXIT.FAILED : EXIT.OK;
}

function planOf(values: BatchValues, io: CliIo): Plan {
  const rowsArg = values.batch as string;
  if ((values.template === undefined) === (values.competency === undefined))
    throw new UsageError(
      '--batch needs one of --template FILE (an unsigned credential) or --competency DEF (a definition).',
      'issue',
    );
  const outArg = values.out;
  if (outArg === undefined)
    throw new UsageError(
      '--batch needs --out DIR (a file per credential) or --out FILE.jsonl (one per line).',
      'issue',
    );
  const jsonLines = /\.(jsonl|ndjson)$/i.test(outArg);
  const manifestArg =
    values.manifest ??
    (jsonLines ? `${outArg.replace(/\.(jsonl|ndjson)$/i, '')}.manifest.jsonl` : join(outArg, 'manifest.jsonl'));
  const format = values.format ?? 'json-ld';
  if (format !== 'json-ld' && format !== 'jwt')
    throw new UsageError(`--format must be json-ld or jwt; it is "${format}".`, 'issue');
  const every = Number(values['progress-every'] ?? 1000);
  if (!Number.isSafeInteger(every) || every < 1)
    throw new UsageError(
      `--progress-every must be a whole number of rows; it is "${values['progress-every']}".`,
      'issue',
    );
  return {
    rowsArg,
    rowsPath: resolvePath(io.cwd, rowsArg),
    outArg,
    outPath: resolvePath(io.cwd, outArg),
    jsonLines,
    manifestArg,
    manifestPath: resolvePath(io.cwd, manifestArg),
    format: format === 'jwt' ? 'jwt' : 'data-integrity',
    every,
  };
}

async function readSource(values: BatchValues, io: CliIo): Promise<{ source: BatchSource; digest: string }> {
  const file = (values.template ?? values.competency) as string;
  const bytes = await readBytes(resolvePath(io.cwd, file), file);
  const digest = createHash('sha256').update(bytes).digest('hex');
  const text = decodeText(bytes);
  if (values.competency !== undefined)
    return { source: { definition: parseCompetency(text, { source: file }) }, digest };
  let template: unknown;
  try {
    template = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new CliError(`${file} is not valid JSON (${(error as Error).message}).`, CliErrorCode.FILE_UNREADABLE, {
      file,
    });
  }
  return { source: { template: template as UnsignedCredential }, digest };
}

/**
 * The earlier run's manifest when this command continues it; undefined for a fresh start. An earlier
 * run of another batch, or output without a manifest, is refused unless --force (then started over).
 */
async function resumable(plan: Plan, header: ManifestHeader, force: boolean): Promise<ManifestState | undefined> {
  let previous: ManifestState | undefined;
  try {
    previous = await readManifest(plan.manifestPath);
  } catch (error) {
    if (!force)
      throw new CliError(
        `${plan.manifestArg}: ${(error as Error).message}; use --force to start over.`,
        CliErrorCode.BATCH_MANIFEST_MISMATCH,
      );
  }
  if (force) return undefined;
  if (previous) {
    const differs = (['issuer', 'source', 'rows', 'out', 'format'] as const).filter(
      (k) => previous.header[k] !== header[k],
    );
    if (differs.length > 0)
      throw new CliError(
        `${plan.manifestArg} belongs to another batch (its ${differs.join(', ')} differ${differs.length === 1 ? 's' : ''}); resume with the same rows, template, key, output and format, or use --force to start over.`,
        CliErrorCode.BATCH_MANIFEST_MISMATCH,
        { file: plan.manifestArg },
      );
    return previous;
  }
  if (await holdsOutput(plan.outPath, plan.jsonLines))
    throw new CliError(
      `${plan.outArg} already exists and there is no manifest to resume from (${plan.manifestArg}); not overwriting it. Use --force to replace it.`,
      CliErrorCode.FILE_EXISTS,
      { file: plan.outArg },
    );
  return undefined;
}

async function holdsOutput(path: string, jsonLines: boolean): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return false;
  if (jsonLines) return info.size > 0;
  return info.isDirectory() ? (await readdir(path)).length > 0 : true;
}

/** Rows in the file, for the time left (a quick first pass: the rows are streamed, never held). */
async function countRows(path: string): Promise<number> {
  let n = 0;
  for await (const _ of readRows(path)) n++;
  return n;
}

// The errors of a signer rather than of a row.
const SIGNER_ERRORS: ReadonlySet<string> = new Set([
  ErrorCode.SIGNER_FAILED,
  ErrorCode.SIGNER_TIMEOUT,
  ErrorCode.SIGNER_INVALID_SIGNATURE,
]);

/** A digest of what a row asks for, so a resumed run notices a rows file changed under an issued row. */
function digestOf(row: FileRow): string {
  const { rowNumber: _n, line: _l, id: _i, ...content } = row;
  return createHash('sha256').update(JSON.stringify(content)).digest('base64url').slice(0, 22);
}

/** The row's credential id: the same on every run of one batch, so a re-run reuses its status entries. */
export function credentialIdFor(batchId: string, rowNumber: number): string {
  const hex = createHash('sha256').update(`${batchId}/${rowNumber}`).digest('hex');
  // An RFC 9562 version-8 (custom) UUID: version nibble 8, variant bits 10.
  const variant = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function rowChanged(plan: Plan, row: FileRow): CliError {
  return new CliError(
    `Row ${row.rowNumber} (line ${row.line}) of ${plan.rowsArg} is not the row issued in the earlier run; the rows file changed under an issued credential. Restore it, or use --force to start a new batch.`,
    CliErrorCode.BATCH_MANIFEST_MISMATCH,
    { file: plan.rowsArg },
  );
}
