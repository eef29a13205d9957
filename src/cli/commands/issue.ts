import { ErrorCode, isMicrocredError } from '../../errors.js';
import { toDateTimeZ } from '../../dates.js';
import { issueCredential } from '../../issue/issueCredential.js';
import { issueFromDecision } from '../../issue/fromDecision.js';
import { decodeJwt } from '../../jwt/decode.js';
import { keyTypeName, type Key } from '../../keys/key.js';
import type { SignedCredential, UnsignedCredential } from '../../model/credential.js';
import type { SuiteName } from '../../proofs/suites.js';
import { UsageError, parseCommand, type CliIo } from '../args.js';
import { exists, readJson, resolvePath, writeFileSafely } from '../files.js';
import { SIGNER_OPTION, readSigningKey, signingKeyRef, type SigningKeyRef } from '../signer.js';
import { CliError, CliErrorCode } from '../errors.js';
import { parseMoment } from '../inputs.js';
import { formatReasons } from '../decisionText.js';
import { EXIT, printError } from '../output.js';
import { helpFor } from '../usage.js';
import type { CredentialStatusSource } from '../../status/entry.js';
import { POSTGRES_OPTIONS, newListNotes, openStatusStore, registryFor } from '../statusStore.js';
import { DECISION_OPTIONS, decideFromOptions } from './decide.js';
import { STACK_OPTIONS, issueStackFromOptions } from './issueStack.js';
import { issueBatchCommand } from './issueBatch.js';

/** The options of `microcred issue --batch`. */
const BATCH_OPTIONS = {
  batch: { type: 'string' },
  template: { type: 'string' },
  'fail-fast': { type: 'boolean' },
  manifest: { type: 'string' },
  'progress-every': { type: 'string' },
} as const;

/**
 * The options of `microcred issue`, in three modes: `--credential` signs a credential as given;
 * `--competency` with `--submission`/`--review` issues what a reviewed submission earned;
 * `--competency` with `--component` issues a stack from the holder's micro-credentials.
 */
export const ISSUE_OPTIONS = {
  key: { type: 'string', short: 'k' },
  ...SIGNER_OPTION,
  credential: { type: 'string', short: 'c' },
  format: { type: 'string' },
  out: { type: 'string', short: 'o' },
  ...DECISION_OPTIONS,
  ...STACK_OPTIONS,
  'evidence-audience': { type: 'string' },
  'valid-until': { type: 'string' },
  'status-store': { type: 'string' },
  ...POSTGRES_OPTIONS,
  'list-url': { type: 'string' },
  suite: { type: 'string' },
  force: { type: 'boolean' },
  json: { type: 'boolean' },
  ...BATCH_OPTIONS,
} as const;

// The --suite names: the default DataIntegrityProof, the older suite many VC 1.1-era verifiers expect,
// or the ECDSA one a P-256 key makes (its default).
const SUITE_NAMES: Record<string, SuiteName> = {
  'eddsa-rdfc-2022': 'eddsa-rdfc-2022',
  'ed25519-2020': 'Ed25519Signature2020',
  'ecdsa-rdfc-2019': 'ecdsa-rdfc-2019',
};

type IssueValues = ReturnType<typeof parseIssue>['values'];
type Mode = 'credential' | 'reviewed' | 'stack' | 'batch';

// What each mode accepts besides --key, --out, --help and the status options; anything else given is a usage error.
const MODE_OPTIONS: Record<Mode, readonly string[]> = {
  credential: ['credential', 'format'],
  reviewed: [
    'competency',
    'submission',
    'review',
    'rules',
    'reviewers',
    'on-disagreement',
    'now',
    'evidence-audience',
    'valid-until',
  ],
  stack: ['competency', ...Object.keys(STACK_OPTIONS), 'now', 'valid-until'],
  batch: ['competency', ...Object.keys(BATCH_OPTIONS), 'format', 'valid-until'],
};
const MODE_NAMES: Record<Mode, string> = {
  credential: 'with --credential',
  reviewed: 'when issuing from reviews (--submission, --review)',
  stack: 'when issuing a stack (--component)',
  batch: 'with --batch',
};

function parseIssue(args: string[]) {
  return parseCommand('issue', args, ISSUE_OPTIONS);
}

/** `microcred issue --key KEY (--credential FILE | --competency DEF ...) [--out FILE]`. */
export async function issueCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseIssue(args);
  if (values.help) {
    io.stdout(helpFor('issue'));
    return EXIT.OK;
  }
  const mode = modeOf(values);
  const keyRef = signingKeyRef('issue', values, io.cwd);
  const outPath = values.out === undefined ? undefined : resolvePath(io.cwd, values.out);
  if (outPath === keyRef.path)
    throw new UsageError(
      `--out names the ${keyRef.kind === 'key' ? 'key file' : 'signer module'}; the signed credential would replace the ${keyRef.kind === 'key' ? 'key' : 'module'}.`,
      'issue',
    );
  const validUntil = values['valid-until'] === undefined ? undefined : validUntilOf(values['valid-until']);
  const suite = suiteOf(values.suite);
  // Before any work: a refused --out must not cost a status index or a signature.
  if (mode !== 'batch' && outPath !== undefined && !values.force && (await exists(outPath)))
    throw new CliError(
      `${values.out} already exists; not overwriting it. Use --force to replace it.`,
      CliErrorCode.FILE_EXISTS,
      { file: values.out as string },
    );
  if (mode === 'batch') {
    if (values.format === 'jwt' && suite)
      throw new UsageError('--suite chooses the Data Integrity proof; a VC-JWT is signed by its JWS.', 'issue');
    return issueBatchCommand(values, io, { readKey: () => readSigningKey(io, keyRef), suite, validUntil });
  }

  const status = await openStatus(values, io);
  try {
    return await issueIn(mode, values, io, { keyRef, outPath, validUntil, status, suite });
  } finally {
    await status?.close();
  }
}

interface IssueSettings {
  keyRef: SigningKeyRef;
  outPath: string | undefined;
  validUntil: string | undefined;
  status: StatusOption | undefined;
  suite: SuiteName | undefined;
}

async function issueIn(
  mode: Mode,
  values: IssueValues,
  io: CliIo,
  { keyRef, outPath, validUntil, status, suite }: IssueSettings,
): Promise<number> {
  // The key is read where each mode reads it; the status entries are made with it when signing.
  const readKey = async () => {
    const key = await readSigningKey(io, keyRef);
    status?.setKey(key);
    return key;
  };
  if (mode === 'credential') return issuePlain(values, io, keyRef, status, suite);
  if (mode === 'stack') {
    const signed = await issueStackFromOptions(values, io, readKey, validUntil, {
      ...(status ? { status: status.source } : {}),
      ...(suite ? { suite } : {}),
    });
    if (signed) status?.noteNewLists(signed);
    return signed === undefined ? EXIT.FAILED : write(io, signed, values, outPath);
  }

  const { definition, submission, decision, now } = await decideFromOptions(values, io, 'issue');
  if (decision.status !== 'approved') {
    io.stderr(`error: not issued: the decision is ${decision.status}.\n${formatReasons(decision.reasons)}`);
    io.stderr(
      'Run "microcred decide" with the same --competency, --submission and --review options to see the whole decision.\n',
    );
    return EXIT.FAILED;
  }
  const key = await readKey();
  const signed = await issueFromDecision(decision, {
    key,
    definition,
    submission,
    ...(status ? { status: status.source } : {}),
    ...(now ? { now } : {}),
    ...(values['evidence-audience'] !== undefined ? { evidenceAudience: values['evidence-audience'] } : {}),
    ...(validUntil ? { validUntil } : {}),
    ...(suite ? { suite } : {}),
  });
  if (outPath !== undefined && !values.json)
    io.stdout(`Approved by ${decision.reviewers.map((r) => r.name).join(', ')}.\n`);
  status?.noteNewLists(signed);
  return write(io, signed, values, outPath);
}

/** `--status-store FILE | --postgres URL [--list-url URL]`: where the credential's revocation and suspension entries come from. */
interface StatusOption {
  source: CredentialStatusSource;
  setKey(key: Key): void;
  /** Prints a note for each list the credential opened (it must be published too). */
  noteNewLists(signed: SignedCredential): void;
  close(): Promise<void>;
}

async function openStatus(values: IssueValues, io: CliIo): Promise<StatusOption | undefined> {
  const file = values['status-store'];
  const postgres = values.postgres;
  if (file === undefined && postgres === undefined) {
    if (values['postgres-schema'] !== undefined)
      throw new UsageError('--postgres-schema goes with --postgres URL.', 'issue');
    return undefined;
  }
  const { store, option } = await openStatusStore({ file, postgres, postgresSchema: values['postgres-schema'] }, io, {
    mustExist: true,
    command: 'issue',
    fileOption: '--status-store',
  });
  const known = new Set((await store.listIds()).map((l) => l.id));
  let key: Key | undefined;
  return {
    source: {
      async entriesFor(credentialId) {
        if (!key) throw new Error('the status entries were asked for before the key was read');
        return (await registryFor(store, key, { listUrl: values['list-url'] })).entriesFor(credentialId);
      },
    },
    setKey: (k) => (key = k),
    noteNewLists: (signed) => io.stderr(newListNotes(signed.credentialStatus, known, option)),
    close: () => store.close(),
  };
}

/** Which mode the options ask for; a usage error when they mix modes or name none. */
function modeOf(values: IssueValues): Mode {
  if (values.batch !== undefined) {
    if (values.credential !== undefined)
      throw new UsageError(
        '--batch signs one credential per row of a template (--template FILE), not --credential.',
        'issue',
      );
    return checkAllowed(values, 'batch');
  }
  if (values.template !== undefined)
    throw new UsageError('--template goes with --batch ROWS (a CSV or JSON Lines file of recipients).', 'issue');
  if (values.credential !== undefined && values.competency !== undefined) {
    throw new UsageError(
      'Give either --credential FILE (a credential to sign as it is) or --competency DEF (issue from a definition), not both.',
      'issue',
    );
  }
  const mode: Mode =
    values.credential !== undefined ? 'credential' : values.component !== undefined ? 'stack' : 'reviewed';
  if (values.credential === undefined && values.competency === undefined) {
    throw new UsageError(
      'issue needs --credential FILE (an unsigned credential to sign) or --competency DEF (a definition to issue from).',
      'issue',
    );
  }
  return checkAllowed(values, mode);
}

/** `mode`, after checking that every option given applies to it. */
function checkAllowed(values: IssueValues, mode: Mode): Mode {
  if (values['list-url'] !== undefined && values['status-store'] === undefined && values.postgres === undefined) {
    throw new UsageError('--list-url goes with --status-store FILE or --postgres URL.', 'issue');
  }
  const allowed = new Set([
    'key',
    'signer',
    'out',
    'help',
    'status-store',
    'list-url',
    'postgres',
    'postgres-schema',
    'suite',
    'force',
    'json',
    ...MODE_OPTIONS[mode],
  ]);
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || allowed.has(name)) continue;
    if (name === 'recipient-did' && mode === 'reviewed') {
      // The recipient is part of the reviewed submission (its digest covers the candidate), so it cannot be changed at issue time.
      throw new UsageError(
        "--recipient-did is for stacks; a reviewed submission's credential names its candidate (the DID in the submission, else a salted hash of the email).",
        'issue',
      );
    }
    throw new UsageError(`--${name} does not apply ${MODE_NAMES[mode]}.`, 'issue');
  }
  return mode;
}

function suiteOf(value: string | undefined): SuiteName | undefined {
  if (value === undefined) return undefined;
  const suite = SUITE_NAMES[value];
  if (!suite)
    throw new UsageError(
      `--suite must be ${Object.keys(SUITE_NAMES)
        .map((n) => `"${n}"`)
        .join(' or ')}; it is "${value}".`,
      'issue',
    );
  return suite;
}

function validUntilOf(value: string): string {
  return toDateTimeZ(parseMoment(value, '--valid-until', 'issue'));
}

/** `--credential FILE [--format jwt] [--suite SUITE]`: sign the credential as given, with a Data Integrity proof or as a VC-JWT. */
async function issuePlain(
  values: IssueValues,
  io: CliIo,
  keyRef: SigningKeyRef,
  status: StatusOption | undefined,
  suite: SuiteName | undefined,
): Promise<number> {
  const keyArg = keyRef.arg;
  const file = values.credential as string;
  const format = values.format ?? 'json-ld';
  if (format !== 'json-ld' && format !== 'jwt')
    throw new UsageError(
      `--format must be json-ld (the default: a Data Integrity proof) or jwt (a VC-JWT); it is "${format}".`,
      'issue',
    );
  if (format === 'jwt' && suite)
    throw new UsageError(
      '--suite chooses the Data Integrity proof; a VC-JWT is signed by its JWS (drop --suite, or --format jwt).',
      'issue',
    );
  const unsigned = (await readJson(resolvePath(io.cwd, file), file)) as UnsignedCredential;
  const key = await readSigningKey(io, keyRef);
  if (!key.canMake('eddsa-rdfc-2022')) {
    // The status lists themselves are credentials with a Data Integrity proof, which only an Ed25519 key makes.
    if (status)
      throw new UsageError(
        `--status-store needs an Ed25519 key, which signs the status lists; ${keyArg} is a ${keyTypeName(key.type)} key (${key.jwtAlgorithm}).`,
        'issue',
      );
  } else status?.setKey(key);
  const withStatus = status ? { status: status.source } : {};
  let signed: SignedCredential | string;
  try {
    signed =
      format === 'jwt'
        ? await issueCredential(unsigned, { key, format: 'jwt', ...withStatus })
        : await issueCredential(unsigned, { key, ...withStatus, ...(suite ? { suite } : {}) });
  } catch (error) {
    const code = printError(io, error);
    if (isMicrocredError(error) && error.code === ErrorCode.KEY_PROOF_UNSUPPORTED) {
      io.stderr(
        key.type === 'p256'
          ? `hint: ${keyArg} is a P-256 key: leave out --suite (it signs ecdsa-rdfc-2019) or add --format jwt, or sign with an Ed25519 key ("microcred keys generate") for the Ed25519 suites.\n`
          : `hint: ${keyArg} is a ${keyTypeName(key.type)} key: add --format jwt to sign a VC-JWT with it, or sign with an Ed25519 key ("microcred keys generate").\n`,
      );
    }
    // A mismatch already names both DIDs; a missing or malformed issuer.id does not say which DID to use.
    if (
      key.controller &&
      isMicrocredError(error) &&
      error.code !== ErrorCode.ISSUER_MISMATCH &&
      (error.details.problems ?? []).some((p) => p.path === 'issuer.id')
    ) {
      io.stderr(`hint: the key in ${keyArg} belongs to ${key.controller}; issuer.id must be that DID.\n`);
    }
    return code;
  }
  status?.noteNewLists(
    typeof signed === 'string' ? (decodeJwt(signed).payload as unknown as SignedCredential) : signed,
  );
  return write(io, signed, values, values.out === undefined ? undefined : resolvePath(io.cwd, values.out));
}

/**
 * Prints the signed credential (JSON, or a VC-JWT's compact form), or writes it to `--out` and says
 * so; an existing `--out` is replaced only with `--force`. With `--json`, what was issued is printed
 * as JSON instead: `{ id, file, format, status }` (the credential itself too when there is no `--out`).
 */
async function write(
  io: CliIo,
  signed: SignedCredential | string,
  values: Pick<IssueValues, 'out' | 'force' | 'json'>,
  outPath: string | undefined,
): Promise<number> {
  const out = values.out;
  const text = typeof signed === 'string' ? `${signed}\n` : `${JSON.stringify(signed, null, 2)}\n`;
  if (outPath !== undefined) await writeFileSafely(outPath, text, { overwrite: values.force === true, shownAs: out });
  if (values.json) {
    const credential = typeof signed === 'string' ? (decodeJwt(signed).payload as unknown as SignedCredential) : signed;
    const status = credential.credentialStatus ?? [];
    io.stdout(
      `${JSON.stringify(
        {
          id: credential.id,
          file: out ?? null,
          format: typeof signed === 'string' ? 'jwt' : 'data-integrity',
          status: Array.isArray(status) ? status : [status],
          ...(outPath === undefined ? { credential: signed } : {}),
        },
        null,
        2,
      )}\n`,
    );
  } else if (outPath === undefined) io.stdout(text);
  else
    io.stdout(
      typeof signed === 'string'
        ? `Signed the credential as a VC-JWT and wrote it to ${out}.\n`
        : `Signed ${signed.id} and wrote it to ${out}.\n`,
    );
  return EXIT.OK;
}
