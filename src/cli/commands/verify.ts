import { ErrorCode, isMicrocredError } from '../../errors.js';
import { DocumentLoader } from '../../contexts/documentLoader.js';
import { verifyCredential } from '../../verify/verifyCredential.js';
import { formatReport } from '../../verify/format.js';
import { CHECKS } from '../../verify/pipeline.js';
import type { VerificationReport } from '../../verify/report.js';
import { UsageError, parseCommand, type CliIo } from '../args.js';
import { readJson, readText, resolvePath } from '../files.js';
import { parseMoment } from '../inputs.js';
import { EXIT } from '../output.js';
import { helpFor } from '../usage.js';
import { publicationUrl } from './keys.js';

/** A report for one file, as `--json` prints it. */
export type FileReport = { file: string } & VerificationReport;

/** `microcred verify FILE... [--json] [--now ISO] [--skew SECONDS] [--did-doc FILE...]`. */
export async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals: files } = parseCommand(
    'verify',
    args,
    {
      json: { type: 'boolean' },
      now: { type: 'string' },
      skew: { type: 'string' },
      'did-doc': { type: 'string', multiple: true },
      'status-list': { type: 'string', multiple: true },
    },
    true,
  );
  if (values.help) {
    io.stdout(helpFor('verify'));
    return EXIT.OK;
  }
  if (files.length === 0) throw new UsageError('verify needs at least one credential file.', 'verify');
  const now = values.now === undefined ? undefined : parseMoment(values.now, '--now', 'verify');
  const clockSkewSeconds = values.skew === undefined ? undefined : parseSkew(values.skew);
  const loader = await loaderWith(values['did-doc'] ?? [], io, 'verify');
  for (const file of values['status-list'] ?? []) await addStatusList(loader, file, io);

  const reports: FileReport[] = [];
  // One loader for all files: did:key documents resolved once are reused.
  for (const file of files) reports.push({ file, ...(await verifyFile(file, io, { loader, now, clockSkewSeconds })) });

  if (values.json) io.stdout(`${JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2)}\n`);
  else {
    const blocks = reports.map((r) => `${r.file}\n${formatReport(r, { color: io.color ?? false })}\n`);
    io.stdout(blocks.join('\n'));
    if (reports.length > 1) io.stdout(`\n${reports.filter((r) => r.verified).length} of ${reports.length} verified.\n`);
  }
  for (const did of unresolvedDidWebIssuers(reports)) {
    io.stderr(`hint: ${did} is a did:web; give its DID document (published at ${publicationUrl(did)}) with --did-doc FILE.\n`);
  }
  return reports.every((r) => r.verified) ? EXIT.OK : EXIT.FAILED;
}

/** The did:web DIDs whose keys could not be resolved: the one gap --did-doc fills. */
function unresolvedDidWebIssuers(reports: VerificationReport[]): string[] {
  const dids = reports
    .filter((r) => r.checks.some((c) => c.problem?.code === ErrorCode.KEY_UNRESOLVED))
    .map((r) => r.credential?.proof?.verificationMethod?.split('#')[0])
    .filter((did): did is string => did !== undefined && did.startsWith('did:web:'));
  return [...new Set(dids)];
}

async function verifyFile(file: string, io: CliIo, options: Parameters<typeof verifyCredential>[1]): Promise<VerificationReport> {
  let text: string;
  try {
    text = await readText(resolvePath(io.cwd, file), file);
  } catch (error) {
    return unreadable(error, options?.now ?? new Date());
  }
  // The text, not a parsed value: the parse check then reports non-JSON input as it does for any caller.
  return verifyCredential(text, options);
}

/** A report for a file that could not be read, shaped like any other so scripts need one code path. */
function unreadable(error: unknown, now: Date): VerificationReport {
  const detail = isMicrocredError(error) ? error.message : String(error);
  const [first, ...rest] = CHECKS;
  return {
    verified: false,
    authentic: false,
    summary: 'could-not-check',
    checkedAt: now.toISOString(),
    checks: [
      { id: first!.id, title: first!.title, outcome: 'could-not-check', problem: { code: ErrorCode.FILE_UNREADABLE, title: 'The file could not be read', detail } },
      ...rest.map((check) => ({
        id: check.id,
        title: check.title,
        outcome: 'skipped' as const,
        problem: { code: ErrorCode.CHECK_SKIPPED, title: 'Not checked', detail: 'Not checked because the file could not be read.' },
      })),
    ],
  };
}

/** A loader that also resolves the DID documents in `didDocFiles`; a file that is not one is a usage error for `command`. */
export async function loaderWith(didDocFiles: string[], io: CliIo, command: string): Promise<DocumentLoader> {
  const loader = new DocumentLoader();
  for (const file of didDocFiles) {
    let document: unknown;
    try {
      document = await readJson(resolvePath(io.cwd, file), file);
    } catch (error) {
      throw new UsageError(`--did-doc ${isMicrocredError(error) ? error.message : String(error)}`, command);
    }
    const id = (document as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || !id.startsWith('did:')) throw new UsageError(`--did-doc ${file} is not a DID document: it has no "id" starting with "did:".`, command);
    loader.add(id, document);
  }
  return loader;
}

/** `--status-list FILE`: a status list credential, served at its id. */
async function addStatusList(loader: DocumentLoader, file: string, io: CliIo): Promise<void> {
  let document: unknown;
  try {
    document = await readJson(resolvePath(io.cwd, file), file);
  } catch (error) {
    throw new UsageError(`--status-list ${isMicrocredError(error) ? error.message : String(error)}`, 'verify');
  }
  const id = (document as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' || !/^https?:\/\//.test(id)) throw new UsageError(`--status-list ${file} is not a status list credential: it has no "id" URL to serve it at.`, 'verify');
  loader.add(id, document);
}

function parseSkew(value: string): number {
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0) throw new UsageError(`--skew must be a number of seconds, 0 or more; it is "${value}".`, 'verify');
  return seconds;
}
