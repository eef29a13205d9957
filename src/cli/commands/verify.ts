import { ErrorCode, titleOf } from '../../errors.js';
import { DocumentLoader } from '../../contexts/documentLoader.js';
import { verifyCredential } from '../../verify/verifyCredential.js';
import { parseTrustList } from '../../trust/trustList.js';
import type { TrustedIssuer } from '../../trust/types.js';
import { imageKindOf } from '../../bake/image.js';
import { formatPresentationReport, formatReport, type FormatReportOptions } from '../../verify/format.js';
import type { Catalogue } from '../../i18n/catalogue.js';
import { CATALOGUES } from '../../i18n/catalogues.js';
import { ENGLISH } from '../../i18n/english.js';
import { verifyPresentation, type VerifyPresentationOptions } from '../../verify/presentation/verifyPresentation.js';
import { isPresentationJwt, isPresentationObject } from '../../verify/presentation/isPresentation.js';
import type { PresentationReport } from '../../verify/presentation/report.js';
import { decodeJwt, looksLikeJwt } from '../../jwt/decode.js';
import { CHECKS } from '../../verify/pipeline.js';
import type { VerificationReport } from '../../verify/report.js';
import { UsageError, parseCommand, type CliIo } from '../args.js';
import { CLI_ERROR_TITLES, CliErrorCode, messageOf } from '../errors.js';
import { cliHintFor, codesIn } from '../hints.js';
import { decodeText, readJson, resolvePath } from '../files.js';
import { colorOf } from '../color.js';
import { expandInputs, type VerifyInput } from '../verifyInputs.js';
import { summaryLine } from '../verifySummary.js';
import { parseMoment } from '../inputs.js';
import { EXIT } from '../output.js';
import { helpFor } from '../usage.js';
import { isUri } from '../../identifiers.js';
import { didWebUrl } from '../../network/didWeb.js';

/** A report for one file, as `--json` prints it: a credential's, or a presentation's (it has `credentials`). */
export type FileReport = { file: string } & (VerificationReport | PresentationReport);

/**
 * `microcred verify FILE|DIR|-... [--json|--json-lines] [--color|--no-color] [--now ISO] [--skew SECONDS]
 * [--did-doc FILE...] [--doc URL=FILE...] [--allow-network] [--trust FILE] [--strict-contexts]
 * [--recipient ID] [--lang fr]`; a FILE may be a baked PNG or SVG, or an Open Badges 2.0 assertion, a DIR is searched
 * for credential files, `-` is standard input.
 */
export async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals: files } = parseCommand(
    'verify',
    args,
    {
      json: { type: 'boolean' },
      'json-lines': { type: 'boolean' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      now: { type: 'string' },
      skew: { type: 'string' },
      'did-doc': { type: 'string', multiple: true },
      doc: { type: 'string', multiple: true },
      'allow-network': { type: 'boolean' },
      'status-list': { type: 'string', multiple: true },
      trust: { type: 'string' },
      'strict-contexts': { type: 'boolean' },
      challenge: { type: 'string' },
      domain: { type: 'string' },
      recipient: { type: 'string' },
      lang: { type: 'string' },
    },
    true,
  );
  if (values.help) {
    io.stdout(helpFor('verify'));
    return EXIT.OK;
  }
  if (files.length === 0)
    throw new UsageError(
      'verify needs at least one credential file (or a folder of them, or - for standard input).',
      'verify',
    );
  if (values.json && values['json-lines'])
    throw new UsageError('Give --json (one array) or --json-lines (one report a line), not both.', 'verify');
  const color = colorOf(args, io.color);
  const catalogue = catalogueOf(values.lang);
  const inputs = await expandInputs(files, io);
  const now = values.now === undefined ? undefined : parseMoment(values.now, '--now', 'verify');
  const clockSkewSeconds = values.skew === undefined ? undefined : parseSkew(values.skew);
  const loader = await loaderWith(values['did-doc'] ?? [], io, 'verify', {
    docs: values.doc ?? [],
    // The default policy: https only, 5 s, 1 MiB, no private addresses, at most 3 redirects.
    ...(values['allow-network'] ? { fetch: globalThis.fetch } : {}),
  });
  for (const file of values['status-list'] ?? []) await addStatusList(loader, file, io);
  const trust = values.trust === undefined ? undefined : await readTrustList(values.trust, io);

  const reports: FileReport[] = [];
  // One loader for all files: did:key documents resolved once, and fetched documents, are reused.
  for (const input of inputs) {
    const report: FileReport = {
      file: input.name,
      ...(await verifyInput(input, {
        loader,
        now,
        clockSkewSeconds,
        ...(trust ? { trust } : {}),
        ...(values['strict-contexts'] ? { inlineContexts: 'refuse' as const } : {}),
        ...(values.challenge === undefined ? {} : { challenge: values.challenge }),
        ...(values.domain === undefined ? {} : { domain: values.domain }),
        ...(values.recipient === undefined ? {} : { recipient: values.recipient }),
      })),
    };
    reports.push(report);
    // One line as each report is made, so a pipe sees a long run's reports as they come.
    if (values['json-lines']) io.stdout(`${JSON.stringify(report)}\n`);
  }

  // --json is an array however many files: a script reads one shape.
  if (values.json) io.stdout(`${JSON.stringify(reports, null, 2)}\n`);
  else if (!values['json-lines']) {
    const blocks = reports.map((r) => `${r.file}\n${formatAny(r, { color, catalogue })}\n`);
    io.stdout(blocks.join('\n'));
    if (reports.length > 1) io.stdout(`\n${summaryLine(reports)}\n`);
  }
  // A presentation's credentials are reports too: their hints are the same.
  const all = reports.flatMap((r) => ('credentials' in r ? r.credentials : [r]));
  const dids = unresolvedDidWebIssuers(all);
  for (const { did, url } of dids) {
    io.stderr(
      `hint: ${did} is a did:web; give its DID document (published at ${url}) with --did-doc FILE, or let microcred fetch it with --allow-network.\n`,
    );
  }
  // The library's problems name the option that supplies what is missing; the CLI names its flag.
  // A did:web issuer's key is covered by the hint above.
  const covered: string[] = dids.length > 0 ? [ErrorCode.KEY_UNRESOLVED, ErrorCode.NETWORK_DISABLED] : [];
  for (const code of codesIn([...all, ...reports.filter((r) => 'credentials' in r)] as VerificationReport[])) {
    const hint = covered.includes(code) ? undefined : cliHintFor(code);
    if (hint) io.stderr(`hint: ${hint}\n`);
  }
  return reports.every((r) => r.verified) ? EXIT.OK : EXIT.FAILED;
}

/** The did:web DIDs whose keys could not be resolved offline, and where each is published: the gap --did-doc fills. */
function unresolvedDidWebIssuers(reports: VerificationReport[]): { did: string; url: string }[] {
  const dids = reports
    .filter((r) =>
      r.checks.some(
        (c) => c.problem?.code === ErrorCode.KEY_UNRESOLVED || c.problem?.code === ErrorCode.NETWORK_DISABLED,
      ),
    )
    .map((r) => r.credential?.proof?.verificationMethod?.split('#')[0])
    .filter((did): did is string => did !== undefined && did.startsWith('did:web:'));
  return [...new Set(dids)].flatMap((did) => {
    try {
      return [{ did, url: didWebUrl(did) }];
    } catch {
      return []; // not a did:web that can be published anywhere: the report says why
    }
  });
}

function formatAny(report: VerificationReport | PresentationReport, options: FormatReportOptions): string {
  return 'credentials' in report ? formatPresentationReport(report, options) : formatReport(report, options);
}

// --lang: the language of the printed report (JSON output keeps the library's English text and codes).
function catalogueOf(lang: string | undefined): Catalogue {
  if (lang === undefined) return ENGLISH;
  const catalogue = Object.hasOwn(CATALOGUES, lang.toLowerCase()) ? CATALOGUES[lang.toLowerCase()] : undefined;
  if (!catalogue)
    throw new UsageError(
      `--lang ${lang} is not a language microcred has; it has ${Object.keys(CATALOGUES).join(', ')}.`,
      'verify',
    );
  return catalogue;
}

async function verifyInput(
  input: VerifyInput,
  options: VerifyPresentationOptions,
): Promise<VerificationReport | PresentationReport> {
  let bytes: Uint8Array;
  try {
    bytes = await input.read();
  } catch (error) {
    return unreadable(error, options?.now ?? new Date());
  }
  // A baked badge (PNG, or SVG by its leading "<") goes in as bytes and is taken out by the extract
  // check; anything else as text, so that the parse check reports non-JSON input as it does for any caller.
  if (imageKindOf(bytes)) return verifyCredential(bytes, options);
  const text = decodeText(bytes);
  // A wallet's presentation (JSON or a VP-JWT) is verified as one, with the challenge and domain given.
  if (looksLikePresentation(text)) return verifyPresentation(text, options);
  return verifyCredential(text, options);
}

function looksLikePresentation(text: string): boolean {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  try {
    if (looksLikeJwt(trimmed)) return isPresentationJwt(decodeJwt(trimmed));
    return isPresentationObject(JSON.parse(trimmed));
  } catch {
    return false; // verifyCredential says what is wrong with it
  }
}

/** A report for a file that could not be read, shaped like any other so scripts need one code path. */
function unreadable(error: unknown, now: Date): VerificationReport {
  const detail = messageOf(error);
  // The CLI's own code, in a report shaped like the library's (formatReport and --json read a code as text).
  const code = CliErrorCode.FILE_UNREADABLE as string as ErrorCode;
  // `extract` is listed only for images, and an unreadable file is not known to be one.
  const [first, ...rest] = CHECKS.filter((check) => check.id !== 'extract');
  return {
    verified: false,
    authentic: false,
    summary: 'could-not-check',
    checkedAt: now.toISOString(),
    checks: [
      {
        id: first!.id,
        title: first!.title,
        outcome: 'could-not-check',
        problem: { code, title: CLI_ERROR_TITLES[CliErrorCode.FILE_UNREADABLE], detail },
      },
      ...rest.map((check) => ({
        id: check.id,
        title: check.title,
        outcome: 'skipped' as const,
        problem: {
          code: ErrorCode.CHECK_SKIPPED,
          title: titleOf(ErrorCode.CHECK_SKIPPED),
          detail: 'Not checked because the file could not be read.',
        },
      })),
    ],
  };
}

/**
 * A loader that also serves the DID documents in `didDocFiles` (by their id) and the `docs` given as
 * URL=FILE, and fetches under the default network policy when given a `fetch`. A file that cannot
 * be read, or a malformed pair, is a usage error for `command`.
 */
export async function loaderWith(
  didDocFiles: string[],
  io: CliIo,
  command: string,
  options: { docs?: string[]; fetch?: typeof globalThis.fetch } = {},
): Promise<DocumentLoader> {
  const loader = new DocumentLoader(options.fetch ? { fetch: options.fetch } : {});
  const read = async (option: string, file: string) => {
    try {
      return await readJson(resolvePath(io.cwd, file), file);
    } catch (error) {
      throw new UsageError(`${option} ${messageOf(error)}`, command);
    }
  };
  for (const file of didDocFiles) {
    const document = await read('--did-doc', file);
    const id = (document as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || !id.startsWith('did:'))
      throw new UsageError(`--did-doc ${file} is not a DID document: it has no "id" starting with "did:".`, command);
    loader.add(id, document);
  }
  for (const pair of options.docs ?? []) {
    // Split at the last "=": a URL may hold one in its query, a file name rarely does.
    const at = pair.lastIndexOf('=');
    const [url, file] = [pair.slice(0, at), pair.slice(at + 1)];
    if (at < 0 || !isUri(url) || file === '')
      throw new UsageError(
        `--doc takes URL=FILE (e.g. --doc did:web:example.org=did.json); "${pair}" is not that.`,
        command,
      );
    try {
      loader.add(url, await read('--doc', file));
    } catch (error) {
      throw error instanceof UsageError ? error : new UsageError(`--doc ${(error as Error).message}`, command);
    }
  }
  return loader;
}

/** `--status-list FILE`: a status list credential, served at its id. */
async function addStatusList(loader: DocumentLoader, file: string, io: CliIo): Promise<void> {
  let document: unknown;
  try {
    document = await readJson(resolvePath(io.cwd, file), file);
  } catch (error) {
    throw new UsageError(`--status-list ${messageOf(error)}`, 'verify');
  }
  const id = (document as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' || !/^https?:\/\//.test(id))
    throw new UsageError(
      `--status-list ${file} is not a status list credential: it has no "id" URL to serve it at.`,
      'verify',
    );
  loader.add(id, document);
}

/** The issuers in a --trust file; a file that cannot be read or is not a trust list is a usage error naming the field. */
export async function readTrustList(file: string, io: CliIo, command = 'verify'): Promise<TrustedIssuer[]> {
  try {
    return parseTrustList(await readJson(resolvePath(io.cwd, file), file));
  } catch (error) {
    // The message names the field at fault, e.g. "[2].name must be …".
    throw new UsageError(`--trust ${file}: ${messageOf(error)}`, command);
  }
}

function parseSkew(value: string): number {
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0)
    throw new UsageError(`--skew must be a number of seconds, 0 or more; it is "${value}".`, 'verify');
  return seconds;
}
